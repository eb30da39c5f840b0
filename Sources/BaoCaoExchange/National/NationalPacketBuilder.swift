import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation

/// Makes the QCVN 125 packets a node sends to the Government's reporting system, from
/// what the node holds: its catalog, its consolidated figures, its completeness, its own
/// report. Field names come from ``NationalPacketMapping`` only.
///
/// Figures are read through ``ConsolidationService`` and ``CompletenessService`` with the
/// builder's actor, so a person without the right to read figures cannot export them.
public struct NationalPacketBuilder: Sendable {
    public let store: NodeStore
    /// The node's home unit: the packets' sender.
    public let home: UnitCode
    public let actor: StaffMember
    /// The packets' creation time, kept to whole seconds so it survives ISO 8601.
    public let now: Date
    let makeId: @Sendable () -> UUID

    /// - Parameter makeId: where packet ids come from. The default is a random UUID.
    public init(store: NodeStore, home: UnitCode, actor: StaffMember, now: Date = Date(), makeId: @escaping @Sendable () -> UUID = { UUID() }) {
        self.store = store
        self.home = home
        self.actor = actor
        self.now = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        self.makeId = makeId
    }

    public init(work: NodeWork, actor: StaffMember, now: Date = Date()) {
        self.init(store: work.store, home: work.home, actor: actor, now: now)
    }

    /// Any packet kind, encoded; `regime`, `period` and `year` as ``NationalPacketKind/needs`` says.
    public func document(_ kind: NationalPacketKind, regime: RegimeCode? = nil, period: Period? = nil, year: Int? = nil) throws -> NationalPacketDocument {
        func required<T>(_ value: T?, _ option: String) throws -> T {
            guard let value else {
                throw ExchangeError(.notFound, message: "Gói tin \(kind.vietnameseName) cần \(option).", log: "packet \(kind.rawValue) needs \(option)")
            }
            return value
        }
        switch kind {
        case .regime: return try NationalPacketDocument(self.regime(try required(regime, "mã chế độ báo cáo")))
        case .form: return try NationalPacketDocument(form(regime: try required(regime, "mã chế độ báo cáo")))
        case .formOutline: return try NationalPacketDocument(formOutline(regime: try required(regime, "mã chế độ báo cáo")))
        case .periodList:
            return try NationalPacketDocument(periodList(regime: try required(regime, "mã chế độ báo cáo"), year: try required(year, "năm")))
        case .indicatorList: return try NationalPacketDocument(indicatorList())
        case .indicatorSet: return try NationalPacketDocument(indicatorSets())
        case .indicatorGroup: return try NationalPacketDocument(indicatorGroups())
        case .indicatorDimension: return try NationalPacketDocument(dimensions())
        case .reportData, .reportDataList, .outlineSubmission, .reportStatus, .indicatorData:
            let regime = try required(regime, "mã chế độ báo cáo")
            let period = try required(period, "kỳ báo cáo")
            switch kind {
            case .reportData: return try NationalPacketDocument(reportData(regime: regime, period: period))
            case .reportDataList: return try NationalPacketDocument(reportDataList(regime: regime, period: period))
            case .outlineSubmission: return try NationalPacketDocument(outlineSubmission(regime: regime, period: period))
            case .reportStatus: return try NationalPacketDocument(reportStatus(regime: regime, period: period))
            default: return try NationalPacketDocument(indicatorData(regime: regime, period: period))
            }
        }
    }

    /// Every packet that applies to one regime-period: the regime's catalog packets, its
    /// periods for the period's year, and its figures, in ``NationalPacketKind`` order.
    /// Gửi đề cương is left out when the node has no report of its own for the period.
    public func allDocuments(regime: RegimeCode, period: Period) throws -> [NationalPacketDocument] {
        let year = period.year
        return try NationalPacketKind.allCases.compactMap { kind in
            do {
                return try document(kind, regime: regime, period: period, year: year)
            } catch let error as ExchangeError where kind == .outlineSubmission && error.code == .notFound {
                return nil
            }
        }
    }

    // MARK: - Support

    func packet<Body>(_ kind: NationalPacketKind, _ body: Body) throws -> NationalPacket<Body> {
        let name = try store.topology().unit(code: home)?.name ?? home.rawValue
        return NationalPacket(header: NationalPacketHeader(kind: kind, packetId: makeId(), senderCode: home, senderName: name, createdAt: now),
                              body: body)
    }

    func catalogRegime(_ code: RegimeCode) throws -> (Catalog, Regime, Form) {
        let catalog = try store.catalog()
        guard let regime = catalog.regime(code: code) else {
            throw ExchangeError(.notFound, message: "Không có chế độ báo cáo mã \(code).", log: "unknown regime \(code)")
        }
        guard let form = catalog.form(code: regime.form) else {
            throw ExchangeError(.notFound, message: "Không có biểu mẫu \(regime.form) của chế độ \(code).", log: "unknown form \(regime.form)")
        }
        return (catalog, regime, form)
    }

    static func figure(_ key: ValueKey, _ value: ExactDecimal) -> NationalFigure {
        NationalFigure(key: key.description, indicator: key.indicator, breakdown: breakdown(key), value: value.description)
    }

    static func breakdown(_ key: ValueKey) -> [NationalBreakdown] {
        key.breakdown.sorted { $0.key < $1.key }.map { NationalBreakdown(dimension: $0.key, member: $0.value) }
    }

    static func figures(_ values: [ValueKey: ExactDecimal]) -> [NationalFigure] {
        values.sorted { $0.key < $1.key }.map { figure($0.key, $0.value) }
    }
}
