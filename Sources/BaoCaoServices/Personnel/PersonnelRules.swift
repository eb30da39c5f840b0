import BaoCaoCore
import Foundation

/// The one place the service asks the domain whether a record or an event may be stored,
/// and which duties (art. 9–10) an event sets. Each is a single call site, so that the
/// catalog's own validation (``PersonnelCatalog``) takes over here alone.
enum PersonnelRules {
    /// Refuses a record the catalog's rules refuse (``PersonnelCatalog/validate(_:topology:)``:
    /// codes, dates, pay tables, the order of events), or one born after `today`.
    static func check(_ record: PersonnelRecord, catalog: PersonnelCatalog, topology: Topology, today: CivilDate) throws {
        guard record.identity.birthDate <= today else {
            throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày sinh", "\(record.identity.birthDate.personnelDisplayText) sau ngày hôm nay")
        }
        try catalog.validate(record, topology: topology)
    }

    /// Refuses an event the catalog's rules refuse after `record` as it stands.
    static func check(_ event: PersonnelEvent, for record: PersonnelRecord, catalog: PersonnelCatalog, topology: Topology) throws {
        try catalog.validate(event, for: record, topology: topology)
    }

    /// The duty an event sets, if any (art. 9–10).
    static func duty(of event: PersonnelEvent) -> PersonnelDuty? {
        switch event.change {
        case .recruited: .enterNewPerson
        case .movedWithinUnit: .recordMoveWithinUnit
        case .transferredOut: .sendTransfer
        case .transferredIn: .forwardTransfer
        case .left: .recordLeaving
        case .position, .pay, .allowance, .seniorityBeyondFrame, .training, .reward, .discipline, .evaluation:
            event.decision == nil ? nil : .recordStateChange
        case .identity, .personalDetails: nil
        }
    }
}
