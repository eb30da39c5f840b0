/// What units the 2025 reform retired may still send, under the succession in force
/// (``AcceptanceTable/succession``), and what a bundle addressed to one of them is told.
///
/// A former unit whose code is gone from the new map may send only:
/// - a **late report** for a period wholly before the reform, addressed to its successor
///   (``Succession/successor(of:)``) and arriving on or before ``Succession/graceUntil``:
///   it joins the successor's history, kept under the former unit's own code;
/// - its **history** (`historyHandover`), to its successor (the row's sender rule
///   ``AcceptanceRow/Sender/formerUnitToItsSuccessor``, ``Succession/handoverRecipient(of:)``).
///
/// Anything else from it — a report for a period from the reform on, any other kind — is
/// refused naming the unit it went into, and the code to send under. A bundle addressed to
/// a retired unit is refused saying when it ended and where its duties went.
extension AcceptanceTable {
    /// The former unit, as it was, when the succession in force names it and the topology
    /// in force no longer holds its code.
    public func retiredUnit(_ code: UnitCode) -> ReportingUnit? {
        guard let succession, !topology.units.isEmpty, topology.unit(code: code) == nil else { return nil }
        return succession.formerUnit(code: code)
    }

    /// The codes above a unit, nearest first: its ancestors in the topology in force, or —
    /// for a unit the reform retired — its successor and the successor's ancestors.
    public func lineage(of code: UnitCode) -> [UnitCode] {
        if topology.unit(code: code) == nil, retiredUnit(code) != nil, let successor = succession?.successor(of: code),
           topology.unit(code: successor) != nil {
            return [successor] + topology.ancestors(of: successor).map(\.code)
        }
        return topology.ancestors(of: code).map(\.code)
    }

    /// Why a retired unit may not send this, or `nil` when it may (its parts are checked next).
    func formerUnitRefusal(_ exchange: BundleExchange, former: ReportingUnit, succession: Succession, row: AcceptanceRow) -> AcceptanceRefusal? {
        guard let code = succession.successor(of: former.code), let successor = topology.unit(code: code) else {
            return .unknownSender(exchange.sender)
        }
        switch exchange.kind {
        case .report:
            let period = exchange.about["period"].flatMap { try? Period(parsing: $0) }
            guard let period, succession.isBeforeReform(period) else {
                return .formerUnitReplaced(former, by: successor, succession: succession, exchange: exchange, period: period)
            }
            guard exchange.recipient == .unit(successor.code) else {
                return .lateReportMisaddressed(former, period: period, successor: successor, exchange: exchange)
            }
            guard let day = exchange.arrivedOn, day <= succession.graceUntil else {
                return .lateReportAfterGrace(former, period: period, arrivedOn: exchange.arrivedOn, succession: succession)
            }
            return nil
        default:
            guard row.senders.contains(where: { allows($0, exchange) }) else {
                // Its history may go to its successor only; anything else is no longer its to send.
                return row.senders.contains(.formerUnitToItsSuccessor) ? .senderNotAllowed(row, exchange)
                    : .formerUnitReplaced(former, by: successor, succession: succession, exchange: exchange, period: nil)
            }
            return nil
        }
    }

    /// Why nothing may be addressed to a unit the reform retired, naming where its duties
    /// went; `nil` when the code is no former unit.
    func retiredRecipientRefusal(_ code: UnitCode) -> AcceptanceRefusal? {
        guard let succession, let former = retiredUnit(code), let successorCode = succession.successor(of: code),
              let successor = topology.unit(code: successorCode) else { return nil }
        return .recipientRetired(former, successor: successor, succession: succession)
    }
}
