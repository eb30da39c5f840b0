extension PersonnelDossier {
    /// Why this dossier may not be taken from a bundle signed by `sender` and addressed to
    /// `recipient` — what a stolen key could otherwise do with a well-sealed dossier — or
    /// `nil`:
    ///
    /// - custody: only the holder's own bundle, and every record one the holder kept (it
    ///   recruited the person or took them in), so a unit's custody never speaks for another;
    /// - a transfer: from the unit the records leave, to the receiving body; or from the
    ///   receiving body, forwarded to the employing unit; and every record ending with its
    ///   move to that destination, entered by the unit it leaves.
    public func refusal(sender: UnitCode, recipient: UnitCode) -> CoreError? {
        switch kind {
        case .custody:
            guard let custody else { return .dossierMismatch("thiếu phần lưu giữ", log: "no custody") }
            guard custody.holder == sender else {
                return .dossierMismatch("đơn vị \(sender) gửi hồ sơ lưu giữ của đơn vị \(custody.holder); mỗi đơn vị chỉ gửi hồ sơ của chính mình",
                                        log: "custody of \(custody.holder) sent by \(sender)")
            }
            if let stray = records.first(where: { !$0.wasKept(at: sender) }) {
                return .dossierMismatch("hồ sơ \(stray.id) chưa từng do đơn vị \(sender) quản lý", log: "custody record \(stray.id) never kept at \(sender)")
            }
            return nil
        case .transfer:
            guard let order = transfer else { return .dossierMismatch("thiếu quyết định chuyển", log: "no order") }
            let destination = order.destination
            let expected: UnitCode
            if sender == order.from {
                expected = destination.receivingUnit
            } else if sender == destination.receivingUnit, order.needsForwarding {
                expected = destination.employingUnit
            } else {
                return .dossierMismatch("đơn vị \(sender) không phải đơn vị chuyển đi (\(order.from)) hay cơ quan tiếp nhận (\(destination.receivingUnit))",
                                        log: "transfer from \(order.from) sent by \(sender)")
            }
            guard recipient == expected else {
                return .dossierMismatch("hồ sơ chuyển tới đơn vị \(expected), không phải tới đơn vị \(recipient)",
                                        log: "transfer for \(expected) addressed to \(recipient)")
            }
            for record in records {
                guard let last = record.events.last, case .transferredOut(let out) = last.change, out == destination,
                      last.recordedBy == order.from else {
                    return .dossierMismatch("hồ sơ \(record.id) không có quyết định chuyển tới đơn vị \(destination.employingUnit) do đơn vị \(order.from) ghi",
                                            log: "record \(record.id) not transferred to \(destination.employingUnit) by \(order.from)")
                }
            }
            return nil
        }
    }
}

extension PersonnelRecord {
    /// Whether `unit` ever kept this record: it recruited the person or took them in.
    public func wasKept(at unit: UnitCode) -> Bool {
        events.contains { event in
            switch event.change {
            case .recruited(let recruitment): recruitment.unit == unit
            case .transferredIn: event.recordedBy == unit
            default: false
            }
        }
    }
}
