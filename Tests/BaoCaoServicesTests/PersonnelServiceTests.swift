import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

/// Personnel records at one node (seed 003): who may do what, masking, auditing, approval,
/// the state on a date, deadlines, quota, declarations, and bad input storing nothing.
@Suite("PersonnelService")
struct PersonnelServiceTests {
    /// Art. 3.3: access rests on a written approval; without its number or date nothing is granted.
    @Test func grantWithoutDocument_isRefused_namingWhatIsMissing() throws {
        let fixture = try PersonnelFixture()
        let before = try fixture.snapshot()
        let noNumber = #expect(throws: ServiceError.self) {
            try fixture.service.grant(login: "nhaplieu", scope: .read, documentNumber: "  ", documentDate: "2026-01-05", by: fixture.admin, at: PersonnelFixture.now)
        }
        #expect(noNumber?.message.contains("số văn bản") == true)
        let noDate = #expect(throws: ServiceError.self) {
            try fixture.service.grant(login: "nhaplieu", scope: .read, documentNumber: "20/QĐ-UBND", documentDate: nil, by: fixture.admin, at: PersonnelFixture.now)
        }
        #expect(noDate?.message.contains("ngày của văn bản") == true)
        let notAdmin = #expect(throws: ServiceError.self) {
            try fixture.service.grant(login: "nhaplieu", scope: .read, documentNumber: "20/QĐ-UBND", documentDate: "2026-01-05", by: fixture.head, at: PersonnelFixture.now)
        }
        #expect(notAdmin?.code == .forbidden)
        #expect(try fixture.snapshot() == before)
        #expect(try fixture.service.scopes(of: fixture.clerk).isEmpty)
        // With both, granted and recorded with its document; revoked, it no longer reads.
        try fixture.service.grant(login: "nhaplieu", scope: .read, documentNumber: "20/QĐ-UBND", documentDate: "2026-01-05", by: fixture.admin, at: PersonnelFixture.now)
        let id = try fixture.recruitApproved()
        _ = try fixture.service.read(id, by: fixture.clerk, at: PersonnelFixture.now)
        let grant = try #require(try fixture.service.grants(by: fixture.admin).first { $0.login == "nhaplieu" })
        #expect(grant.documentNumber == "20/QĐ-UBND" && grant.documentDate == "2026-01-05" && grant.grantedBy == "quantri")
        try fixture.service.revoke(login: "nhaplieu", scope: .read, by: fixture.admin, at: PersonnelFixture.now)
        #expect(throws: ServiceError.self) { try fixture.service.read(id, by: fixture.clerk, at: PersonnelFixture.now) }
    }

    /// Sensitive fields reach a reader without the grant only as `•••`, in the view and in
    /// its JSON; with the grant, the values.
    @Test func sensitiveFields_maskedWithoutTheGrant_shownWithIt() throws {
        let fixture = try PersonnelFixture()
        let id = try fixture.recruitApproved()
        let plain = try fixture.service.read(id, by: fixture.reader, at: PersonnelFixture.now)
        #expect(plain.fullName == "Đinh Thị Hòa")
        #expect(plain.personal.ethnicity == .masked && plain.personal.ethnicity.text == "•••")
        #expect(plain.personal.religion.isMasked && plain.personal.family.isMasked)
        let json = String(decoding: try JSONEncoder().encode(plain), as: UTF8.self)
        #expect(json.contains("•••") && !json.contains("Kinh") && !json.contains("Bùi Thị Lan"))
        let granted = try fixture.service.read(id, by: fixture.sensitiveReader, at: PersonnelFixture.now)
        #expect(granted.personal.ethnicity.text == "Kinh" && granted.personal.religion.text == "Không")
        #expect(granted.personal.family.value?.first?.fullName == "Bùi Thị Lan")
        // A clerk with no grant reads nothing at all.
        let refused = #expect(throws: ServiceError.self) { try fixture.service.read(id, by: fixture.clerk, at: PersonnelFixture.now) }
        #expect(refused?.code == .forbidden)
    }

    /// Who read whose record: every read, search and roster leaves an entry naming the
    /// reader and the record number, never the person's name.
    @Test func everyReadSearchAndRoster_isAudited_byRecordNumber() throws {
        let fixture = try PersonnelFixture()
        let id = try fixture.recruitApproved()
        _ = try fixture.service.read(id, by: fixture.reader, at: PersonnelFixture.now)
        let found = try fixture.service.search(PersonnelQuery(name: "dinh thi hoa"), by: fixture.reader, at: PersonnelFixture.now)
        #expect(found.map(\.id) == [id])
        _ = try fixture.service.roster(by: fixture.sensitiveReader, at: PersonnelFixture.now)
        let entries = try fixture.auditEntries()
        let read = try #require(entries.first { $0.action == "personnel.read" })
        #expect(read.actor == "khaithac" && read.object == id.rawValue)
        let search = try #require(entries.first { $0.action == "personnel.search" })
        #expect(search.actor == "khaithac" && search.detail?.contains(id.rawValue) == true)
        let roster = try #require(entries.first { $0.action == "personnel.roster" })
        #expect(roster.actor == "khaithac2" && roster.detail?.contains(id.rawValue) == true)
        for entry in entries {
            let text = [entry.object, entry.detail].compactMap { $0 }.joined()
            #expect(!text.contains("Hòa") && !VietnameseText.searchKey(text).contains("dinh thi hoa"), "\(entry.action)")
        }
        // The audit view resolves numbers to names only for someone who may read them.
        #expect(try fixture.service.namesForAudit([id], by: fixture.reader) == [id: "Đinh Thị Hòa"])
        #expect(try fixture.service.namesForAudit([id], by: fixture.admin).isEmpty)
    }

    /// Search by name with or without diacritics, and by rank and status.
    @Test func search_findsNamesWithOrWithoutDiacritics() throws {
        let fixture = try PersonnelFixture()
        let hoa = try fixture.recruitApproved()
        let lan = try fixture.recruitApproved(PersonnelFixture.recruitment(name: "Nguyễn Văn Lân"))
        #expect(try fixture.service.search(PersonnelQuery(name: "Hòa"), by: fixture.reader, at: PersonnelFixture.now).map(\.id) == [hoa])
        #expect(try fixture.service.search(PersonnelQuery(name: "NGUYEN VAN"), by: fixture.reader, at: PersonnelFixture.now).map(\.id) == [lan])
        #expect(Set(try fixture.service.search(PersonnelQuery(rank: "01.003"), by: fixture.reader, at: PersonnelFixture.now).map(\.id)) == [hoa, lan])
        #expect(try fixture.service.search(PersonnelQuery(status: .retired), by: fixture.reader, at: PersonnelFixture.now).isEmpty)
    }

    /// Art. 13.1: nothing counts until the unit head approves it; only the head approves.
    @Test func pendingEvents_doNotCount_untilTheHeadApproves() throws {
        let fixture = try PersonnelFixture()
        let id = try fixture.service.recruit(PersonnelFixture.recruitment(), by: fixture.officer, at: PersonnelFixture.now)
        #expect(try fixture.service.roster(by: fixture.reader, at: PersonnelFixture.now).working.isEmpty)
        let view = try fixture.service.read(id, by: fixture.reader, at: PersonnelFixture.now)
        #expect(view.status == nil && view.hasPendingEvents && view.history.first?.isPending == true)
        let notHead = #expect(throws: ServiceError.self) { try fixture.service.approve(id, by: fixture.officer, at: PersonnelFixture.now) }
        #expect(notHead?.code == .forbidden)
        try fixture.service.approve(id, by: fixture.head, at: PersonnelFixture.now)
        #expect(try fixture.service.roster(by: fixture.reader, at: PersonnelFixture.now).working.map(\.id) == [id])
        // A raise entered is pending: the step stays 1 until approved.
        let later = PersonnelFixture.noon("2026-03-10")
        try fixture.service.addEvent(to: id, PersonnelEventInput(decision: PersonnelFixture.decision("30/QĐ-UBND", "2026-03-09"),
                                                                 change: .pay(PayChange(rank: "01.003", step: 2, coefficient: PersonnelFixture.decimal("2.67")))),
                                     by: fixture.officer, at: later)
        #expect(try fixture.service.read(id, by: fixture.reader, at: later).step == 1)
        #expect(try fixture.service.approve(id, by: fixture.head, at: later) == [2])
        let raised = try fixture.service.read(id, by: fixture.reader, at: later)
        #expect(raised.step == 2 && raised.coefficient == PersonnelFixture.decimal("2.67") && !raised.hasPendingEvents)
    }

    /// The state on any date: a move within the unit and a retirement change the roster from
    /// their effective days on, and the earlier days still read as they were; the one who
    /// left is listed apart (art. 12.3).
    @Test func stateAndRoster_onEarlierAndLaterDates() throws {
        let fixture = try PersonnelFixture()
        let id = try fixture.recruitApproved()
        let now = PersonnelFixture.noon("2026-09-01")
        try fixture.service.addEvent(to: id, PersonnelEventInput(decision: PersonnelFixture.decision("40/QĐ-UBND", "2026-04-01"),
                                                                 change: .movedWithinUnit(section: "DC")), by: fixture.officer, at: now)
        try fixture.service.addEvent(to: id, PersonnelEventInput(decision: PersonnelFixture.decision("80/QĐ-UBND", "2026-08-01"),
                                                                 change: .left(Leaving(reason: .resigned))), by: fixture.officer, at: now)
        try fixture.service.approve(id, by: fixture.head, at: now)
        #expect(try fixture.service.read(id, on: "2026-03-15", by: fixture.reader, at: now).section == "VP")
        let april = try fixture.service.read(id, on: "2026-04-15", by: fixture.reader, at: now)
        #expect(april.section == "DC" && april.status == .movedWithinUnit)
        #expect(try fixture.service.read(id, on: "2026-01-15", by: fixture.reader, at: now).status == nil)
        let march = try fixture.service.roster(on: "2026-03-15", by: fixture.reader, at: now)
        #expect(march.working.map(\.section) == ["VP"] && march.left.isEmpty)
        let september = try fixture.service.roster(on: "2026-09-01", by: fixture.reader, at: now)
        #expect(september.working.isEmpty && september.left.map(\.status) == [.resigned])
    }

    /// The overdue list counts working days by the node's calendar: a move within the unit
    /// (2 working days) effective Thursday 31 December 2026 is due Tuesday 5 January 2027,
    /// past New Year's Day and the weekend; on Friday 8 January it is 3 days late.
    @Test func overdueList_countsWorkingDays_acrossHolidayAndWeekend() throws {
        let fixture = try PersonnelFixture()
        let id = try fixture.recruitApproved()
        let now = PersonnelFixture.noon("2027-01-08")
        try fixture.service.addEvent(to: id, PersonnelEventInput(decision: PersonnelFixture.decision("90/QĐ-UBND", "2026-12-31"),
                                                                 change: .movedWithinUnit(section: "DC")), by: fixture.officer, at: now)
        let items = try fixture.service.dutiesDue(by: fixture.reader, at: now)
        let move = try #require(items.first { $0.duty == .recordMoveWithinUnit })
        #expect(move.id == id && move.dueOn == "2027-01-05" && move.daysLate == 3 && move.article == "Điều 10 khoản 1")
        // Approved, it is done and leaves the list.
        try fixture.service.approve(id, by: fixture.head, at: now)
        #expect(try fixture.service.dutiesDue(by: fixture.reader, at: now).isEmpty)
        // A recruitment taking effect on Friday 24 July 2026 (10 working days) is due Friday
        // 7 August; on 6 August it is due, not late.
        let newcomer = try fixture.service.recruit(PersonnelFixture.recruitment(name: "Hà Văn Tú", effective: "2026-07-24"), by: fixture.officer,
                                                   at: PersonnelFixture.noon("2026-08-06"))
        let due = try #require(try fixture.service.dutiesDue(by: fixture.reader, at: PersonnelFixture.noon("2026-08-06")).first)
        #expect(due.id == newcomer && due.duty == .enterNewPerson && due.dueOn == "2026-08-07" && !due.isOverdue)
    }

    /// Records received as the receiving body (art. 10.2) are on the list until forwarded:
    /// 3 working days from the decision's effect, across the weekend; forwarded, they leave it.
    @Test func overdueList_showsRecordsToForward_untilForwarded() throws {
        let fixture = try PersonnelFixture()
        let id = try PersonnelID(parsing: "HS-0000000000000000f0a1")
        let effective: CivilDate = "2026-12-04"   // a Friday: due Wednesday 9 December
        var transfer = PersonnelTransferRow(bundleId: String(repeating: "7", count: 64), direction: .forwarding, records: [id], fromUnit: "04802",
                                            toUnit: "04801", employingUnit: "04803", decisionEffectiveOn: effective,
                                            dueOn: PersonnelDuty.forwardTransfer.deadline(from: effective, in: WorkingCalendar()),
                                            receivedAt: PersonnelFixture.noon("2026-12-07"))
        try fixture.service.work.store.writer.write { db in try NodeStore.recordPersonnelTransfer(transfer, in: db) }
        let late = try #require(try fixture.service.dutiesDue(by: fixture.reader, at: PersonnelFixture.noon("2026-12-10")).first { $0.duty == .forwardTransfer })
        #expect(late.id == id && late.dueOn == "2026-12-09" && late.daysLate == 1 && late.article == "Điều 10 khoản 2")
        transfer.forwardedAt = PersonnelFixture.noon("2026-12-10")
        try fixture.service.work.store.writer.write { db in try NodeStore.recordPersonnelTransfer(transfer, in: db) }
        #expect(try fixture.service.dutiesDue(by: fixture.reader, at: PersonnelFixture.noon("2026-12-10")).allSatisfy { $0.duty != .forwardTransfer })
    }

    /// The quota beside the roster, counted against it.
    @Test func quota_isCountedAgainstTheRoster() throws {
        let fixture = try PersonnelFixture()
        _ = try fixture.recruitApproved()
        _ = try fixture.recruitApproved(PersonnelFixture.recruitment(name: "Hà Văn Tú", section: "DC"))
        try fixture.service.setQuota(headcount: 1, decisionNumber: "05/QĐ-UBND", decisionDate: "2026-01-10", by: fixture.officer, at: PersonnelFixture.now)
        try fixture.service.setQuota(section: "DC", headcount: 2, decisionNumber: "05/QĐ-UBND", decisionDate: "2026-01-10", by: fixture.officer, at: PersonnelFixture.now)
        let quotas = try fixture.service.roster(by: fixture.reader, at: PersonnelFixture.now).quotas
        let unit = try #require(quotas.first { $0.section == nil })
        #expect(unit.quota == 1 && unit.counted == 2 && unit.overQuota == 1 && unit.decisionNumber == "05/QĐ-UBND")
        let section = try #require(quotas.first { $0.section == "DC" })
        #expect(section.counted == 1 && section.overQuota == -1)
        #expect(throws: ServiceError.self) {
            try fixture.service.setQuota(headcount: 3, decisionNumber: "06/QĐ-UBND", decisionDate: "2026-01-10", by: fixture.reader, at: PersonnelFixture.now)
        }
    }

    /// Art. 9.2b: every person on the roster gets a declaration pending; recording their
    /// personal details marks it declared.
    @Test func yearlyDeclarations_outstandingUntilDeclared() throws {
        let fixture = try PersonnelFixture()
        let hoa = try fixture.recruitApproved()
        let tu = try fixture.recruitApproved(PersonnelFixture.recruitment(name: "Hà Văn Tú"))
        #expect(try fixture.service.requestDeclarations(year: 2026, by: fixture.officer, at: PersonnelFixture.now) == 2)
        #expect(try fixture.service.requestDeclarations(year: 2026, by: fixture.officer, at: PersonnelFixture.now) == 0)
        try fixture.service.declarePersonalDetails(of: tu, PersonalDetails(ethnicity: "muong", religion: "khong"), by: fixture.officer, at: PersonnelFixture.now)
        let list = try fixture.service.declarations(year: 2026, by: fixture.reader, at: PersonnelFixture.now)
        #expect(list.filter(\.isOutstanding).map(\.id) == [hoa])
        #expect(list.filter { !$0.isOutstanding }.map(\.id) == [tu])
    }

    /// Bad input: each refused with a Vietnamese message naming the field, and the
    /// database exactly as it was.
    @Test func badInput_isRefused_namingTheField_andStoresNothing() throws {
        let fixture = try PersonnelFixture()
        let id = try fixture.recruitApproved()
        let before = try fixture.snapshot()
        func refused(_ field: String, _ body: () throws -> Void) throws {
            do {
                try body()
                Issue.record("accepted: \(field)")
            } catch let error as any CodedError {
                #expect(error.message.contains(field), "\(error.message)")
                #expect(!error.message.contains("Đinh Thị Hòa") && !error.message.contains("017190000123"))
            }
            #expect(try fixture.snapshot() == before, "\(field)")
        }
        try refused("Hình thức tuyển dụng") {
            _ = try fixture.service.recruit(PersonnelFixture.recruitment(form: "khong-co"), by: fixture.officer, at: PersonnelFixture.now)
        }
        try refused("Ngày có hiệu lực") {
            _ = try fixture.service.recruit(PersonnelFixture.recruitment(born: "2026-03-01", effective: "2026-02-02"), by: fixture.officer, at: PersonnelFixture.now)
        }
        try refused("Chức vụ") {
            try fixture.service.addEvent(to: id, PersonnelEventInput(decision: PersonnelFixture.decision("50/QĐ-UBND", "2026-02-20"),
                                                                     change: .position(PositionChange(category: .government, position: "giam-doc-so", action: .appointed))),
                                         by: fixture.officer, at: PersonnelFixture.now)
        }
        try refused("Ngày có hiệu lực") {
            try fixture.service.addEvent(to: id, PersonnelEventInput(decision: PersonnelFixture.decision("51/QĐ-UBND", "1985-01-01"),
                                                                     change: .position(PositionChange(category: .government, position: "chu-tich-xa", action: .appointed))),
                                         by: fixture.officer, at: PersonnelFixture.now)
        }
        try refused("không do đơn vị này quản lý") {
            try fixture.service.addEvent(to: PersonnelID.random(), PersonnelEventInput(decision: PersonnelFixture.decision("52/QĐ-UBND", "2026-02-20"),
                                                                                    change: .movedWithinUnit(section: "DC")), by: fixture.officer, at: PersonnelFixture.now)
        }
        try refused("Ngày được tuyển dụng") {
            try fixture.service.addEvent(to: id, PersonnelEventInput(decision: PersonnelFixture.decision("53/QĐ-UBND", "2026-02-20"),
                                                                     change: .recruited(PersonnelFixture.recruitment().recruitment)), by: fixture.officer, at: PersonnelFixture.now)
        }
        try refused("cập nhật hồ sơ") {
            try fixture.service.addEvent(to: id, PersonnelEventInput(decision: PersonnelFixture.decision("54/QĐ-UBND", "2026-02-20"),
                                                                     change: .movedWithinUnit(section: "DC")), by: fixture.clerk, at: PersonnelFixture.now)
        }
        try refused("Hệ số lương") {
            try fixture.service.addEvent(to: id, PersonnelEventInput(decision: PersonnelFixture.decision("55/QĐ-UBND", "2026-02-20"),
                                                                     change: .pay(PayChange(rank: "01.003", step: 2, coefficient: PersonnelFixture.decimal("9.99")))),
                                         by: fixture.officer, at: PersonnelFixture.now)
        }
    }

    /// Art. 7: the district reads the copies of its communes' records, not another
    /// district's commune's; and a copy is read-only there.
    @Test func managingLevel_readsItsUnitsCopies_only() throws {
        let district = try PersonnelFixture(home: "148")
        let own = PersonnelRecord(id: PersonnelID.random(), identity: PersonIdentity(fullName: "Bùi Văn Nam", birthDate: "1985-02-03", sex: .male),
                                  events: [PersonnelEvent(sequence: 1, effectiveOn: "2025-06-02", decision: PersonnelFixture.decision("7/QĐ-UBND", "2025-06-02"),
                                                          change: .recruited(Recruitment(unit: "04801", kind: .civilServant, form: "thi-tuyen")),
                                                          recordedBy: "04801", recordedByAccount: "hoso", recordedAt: PersonnelFixture.now,
                                                          approval: PersonnelApproval(account: "lanhdao", name: "Chủ tịch xã", approvedAt: PersonnelFixture.now))])
        var other = own
        other.id = PersonnelID.random()
        other.events[0].change = .recruited(Recruitment(unit: "04901", kind: .civilServant, form: "thi-tuyen"))
        other.events[0].recordedBy = "04901"
        try district.store.writer.write { db in
            try NodeStore.storePersonnelRecord(own, holder: "04801", holding: .copy, sourceBundleId: "b1", today: "2026-03-02", at: PersonnelFixture.now, in: db)
            try NodeStore.storePersonnelRecord(other, holder: "04901", holding: .copy, sourceBundleId: "b2", today: "2026-03-02", at: PersonnelFixture.now, in: db)
        }
        let view = try district.service.read(own.id, by: district.reader, at: PersonnelFixture.now)
        #expect(view.holding == .copy && view.holderUnit == "04801" && view.unit == "04801")
        #expect(try district.service.roster(by: district.reader, at: PersonnelFixture.now).working.map(\.id) == [own.id])
        let foreign = #expect(throws: ServiceError.self) { try district.service.read(other.id, by: district.reader, at: PersonnelFixture.now) }
        #expect(foreign?.code == .notFound && foreign?.message.contains("Bùi") == false)
        #expect(try district.service.search(PersonnelQuery(name: "bui van nam"), by: district.reader, at: PersonnelFixture.now).map(\.id) == [own.id])
        let before = try district.snapshot()
        #expect(throws: ServiceError.self) {
            try district.service.addEvent(to: own.id, PersonnelEventInput(decision: PersonnelFixture.decision("8/QĐ-UBND", "2026-02-20"),
                                                                          change: .movedWithinUnit(section: "DC")), by: district.officer, at: PersonnelFixture.now)
        }
        #expect(try district.snapshot() == before)
    }

    /// Art. 5.2c: the statistics on two dates differ as the approved events say — a
    /// retirement and a later recruitment — and a pending recruitment is not counted.
    @Test func statistics_onTwoDates_followTheApprovedEvents() throws {
        let fixture = try PersonnelFixture()
        let now = PersonnelFixture.noon("2026-09-01")
        let hoa = try fixture.recruitApproved(at: now)
        try fixture.service.addEvent(to: hoa, PersonnelEventInput(decision: PersonnelFixture.decision("60/QĐ-UBND", "2026-06-01"),
                                                                  change: .left(Leaving(reason: .resigned))), by: fixture.officer, at: now)
        try fixture.service.approve(hoa, by: fixture.head, at: now)
        var tu = PersonnelFixture.recruitment(name: "Hà Văn Tú", effective: "2026-05-04")
        tu.identity.sex = .male
        _ = try fixture.recruitApproved(tu, at: now)
        _ = try fixture.service.recruit(PersonnelFixture.recruitment(name: "Lò Thị Xuân", effective: "2026-02-02"), by: fixture.officer, at: now)
        let march = try fixture.service.statistics(on: "2026-03-01", by: fixture.reader, at: now)
        #expect(march.values["TS"] == 1 && march.values["NU"] == 1 && march.values["CC"] == 1)
        let july = try fixture.service.statistics(on: "2026-07-01", by: fixture.reader, at: now)
        #expect(july.values["TS"] == 1 && july.values["NU"] == 0 && july.headcount == 1)
        #expect(try fixture.auditEntries().contains { $0.action == "personnel.statistics" && $0.actor == "khaithac" })
        #expect(throws: ServiceError.self) { try fixture.service.statistics(on: "2026-07-01", by: fixture.clerk, at: now) }
    }
}
