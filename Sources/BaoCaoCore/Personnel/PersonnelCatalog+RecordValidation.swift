extension PersonnelCatalog {
    /// Checks a whole record against this catalog and the rules of seed 003: every code in
    /// its list (or in ``ranks``), dates that can be, the recruitment first and once, no
    /// event after leaving but corrections, pay steps and coefficients from the rank's
    /// table, NFC text, a 12-digit national ID number. With `topology`, every unit the
    /// record names must be in it.
    ///
    /// The first problem is thrown. Its message names the field as the curriculum vitae
    /// form prints it, and never the person's data (name, birth date, ID number).
    ///
    /// #### Errors
    /// ``CoreError/Code/unknownPersonnelCode``, ``CoreError/Code/impossiblePersonnelDate``,
    /// ``CoreError/Code/missingPersonnelField``, ``CoreError/Code/invalidPersonnelEvent``,
    /// ``CoreError/Code/invalidPersonnelText``, ``CoreError/Code/invalidNationalIDNumber``,
    /// ``CoreError/Code/invalidPersonnelPay``, ``CoreError/Code/unknownPersonnelUnit``.
    public func validate(_ record: PersonnelRecord, topology: Topology? = nil) throws {
        try PersonnelRecordValidator(catalog: self, topology: topology, checking: nil).validate(record)
    }

    /// Checks one new event against the record it is added to: its codes, dates and text,
    /// and whether it can follow the record's events (pending ones included). Problems of
    /// the events already on the record (a code a later catalog dropped) are not this
    /// event's and do not stop it.
    ///
    /// #### Errors
    /// As ``validate(_:topology:)``; ``CoreError/Code/invalidPersonnelEvent`` when the
    /// record already has an event with this sequence number.
    public func validate(_ event: PersonnelEvent, for record: PersonnelRecord, topology: Topology? = nil) throws {
        guard !record.events.contains(where: { $0.sequence == event.sequence }) else {
            throw CoreError.personnel(.invalidPersonnelEvent, field: "Quá trình công tác",
                                      "hồ sơ đã có thay đổi số \(event.sequence)")
        }
        var combined = record
        combined.events.append(event)
        try PersonnelRecordValidator(catalog: self, topology: topology, checking: [event.sequence]).validate(combined)
    }
}
