import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation

/// The monthly reporting of `baocao demo --reform`'s network, generated in this process:
/// for each month, each commune enters its socio-economic report (``DemoFigures``), its
/// sections are approved, the leader signs it and it is sent; its receiver takes it in
/// (``DemoCourier``), accepts it (the signed decision goes back down) and, at a district,
/// consolidates, signs and sends its own report up to the province, which accepts it.
///
/// Every step goes through the services a person uses, at a simulated instant inside the
/// period's reporting window — the commune signs on its deadline's morning, the district on
/// its own — so completeness sees every report on time and the signatures are dated as
/// they would have been.
struct DemoHistory {
    static let regime: RegimeCode = "KTXH-THANG"

    /// One node of the network as the history drives it: its services and its staff.
    struct Node {
        let work: NodeWork
        let clerk: StaffMember
        let leader: StaffMember
        let aggregator: StaffMember
        let admin: StaffMember

        var unit: UnitCode { work.home }
    }

    let figures: DemoFigures
    let calendar: WorkingCalendar

    /// One month of one reporting tree: `communes` report to `receiver`, which (when it has
    /// a `province` above it) sends its own consolidated report on up.
    func month(_ period: Period, communes: [Node], receiver: Node, province: Node?) async throws {
        let catalog = try receiver.work.store.catalog()
        guard let regime = catalog.regime(code: Self.regime) else {
            throw CLIError("Danh mục đang áp dụng không có chế độ \(Self.regime); không tạo được lịch sử báo cáo.")
        }
        guard let communeDue = regime.deadline(for: period, senderKind: .commune, calendar: calendar)?.dueDate,
              let districtDue = regime.deadline(for: period, senderKind: .district, calendar: calendar)?.dueDate else {
            throw CLIError("Chế độ \(Self.regime) không có thời hạn gửi của cấp xã và cấp huyện.")
        }
        func at(_ day: CivilDate, _ hour: Int, _ minute: Int = 0) -> Date {
            VietnamTime.startOfDay(day).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
        }
        for commune in communes {
            try report(at: commune, period: period, values: figures.values(unit: commune.unit, period: period), signedAt: at(communeDue, 8, 30))
            try DemoCourier.up(from: commune.work, to: receiver.work, at: at(communeDue, 9))
        }
        _ = try InboxService(work: receiver.work).acceptAll(regime: Self.regime, period: period, by: receiver.aggregator, at: at(communeDue, 11))
        for commune in communes { try await DemoCourier.down(from: receiver.work, to: commune.work, at: at(communeDue, 11, 5)) }
        guard let province else { return }
        // The district's own report, from what its communes sent (the draft starts consolidated).
        try report(at: receiver, period: period, values: [], signedAt: at(districtDue, 14))
        try DemoCourier.up(from: receiver.work, to: province.work, at: at(districtDue, 15))
        _ = try InboxService(work: province.work).acceptAll(regime: Self.regime, period: period, by: province.aggregator, at: at(districtDue, 16))
        try await DemoCourier.down(from: province.work, to: receiver.work, at: at(districtDue, 16, 5))
    }

    /// One report of `node` for `period`: entered (or consolidated when `values` is empty)
    /// half an hour before `signedAt`, each section approved, submitted, signed at
    /// `signedAt` and queued to its receiver.
    func report(at node: Node, period: Period, values: [(key: String, text: String)], signedAt: Date) throws {
        let reports = ReportService(work: node.work)
        let entered = signedAt.addingTimeInterval(-1800)
        guard let id = try reports.create(regime: Self.regime, period: period, by: node.clerk, at: entered).id else {
            throw CLIError("Không lập được báo cáo \(Self.regime) kỳ \(period) của \(node.unit).")
        }
        if !values.isEmpty {
            let problems = try reports.setValues(report: id, values, by: node.clerk, at: entered)
            if let problem = problems.first {
                throw CLIError("Số liệu thử nghiệm của \(node.unit) kỳ \(period) không hợp lệ: \(problem.message)")
            }
        }
        let catalog = try node.work.store.catalog()
        let form = catalog.regime(code: Self.regime).flatMap { catalog.form(code: $0.form) }
        for section in form?.sections ?? [] {
            try reports.approveSection(report: id, section: section.code, by: node.leader, at: entered.addingTimeInterval(600))
        }
        try reports.submit(report: id, by: node.clerk, at: entered.addingTimeInterval(1200))
        _ = try reports.approve(report: id, by: node.leader, at: signedAt)
        try reports.send(report: id, by: node.leader, at: signedAt.addingTimeInterval(60))
    }

    /// The months from `first` to `last`, both included.
    static func months(from first: Period, through last: Period) -> [Period] {
        var result: [Period] = []
        var period: Period? = first
        while let current = period, !(last < current) {
            result.append(current)
            period = current.next
        }
        return result
    }
}
