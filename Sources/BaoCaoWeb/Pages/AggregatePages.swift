import BaoCaoBundle
import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import BaoCaoZip
import BaoCaoNode
import Foundation
import Hummingbird

/// Consolidated figures with their comparison columns, the provisional view, the
/// completeness and timeliness table, drill-down into any descendant, and three charts
/// drawn on the server: the on-time rate over periods, an indicator's trend, and an
/// indicator by child unit.
struct AggregatePages {
    let web: WebEnvironment
    /// How many periods the charts over time show.
    static let chartPeriods = 6

    func register(on router: RouterGroup<WebRequestContext>) {
        router.getPage("/tong-hop") { _, context in try index(context: context) }
        router.getPage("/tong-hop/xem") { request, context in try view(request, context: context) }
        router.getPage("/tong-hop/don-vi") { request, context in try drill(request, context: context) }
        router.getPage("/tong-hop/trich-xuat") { request, context in try extract(request, context: context) }
        router.getPage("/tong-hop/adx") { request, context in try adx(request, context: context) }
        router.getPage("/tong-hop/goi-quoc-gia") { request, context in try nationalPackets(request, context: context) }
        router.getPage("/tong-hop/tim-don-vi") { request, context in try index(context: context, search: request) }
        router.postForm("/tong-hop/xem-xet-thoi-han") { form, context in try ruleTimeliness(form, context: context) }
        router.getPage("/tong-hop/xep-hang") { request, context in try ranking(request, context: context) }
    }

    /// Choosing a regime-period to consolidate, and finding a unit below by name.
    func index(context: WebRequestContext, search request: Request? = nil) throws -> Response {
        let regimes = try web.work.store.catalog().regimes.filter { $0.type == .periodic }.map { AggregateIndexView.Regime(code: $0.code.rawValue, name: $0.name) }
        let today = VietnamTime.civilDate(at: Date())
        let previous = today.month == 1 ? String(format: "%04d-12", today.year - 1) : String(format: "%04d-%02d", today.year, today.month - 1)
        guard let request, let query = PageSupport.query(request, "q") else {
            let view = AggregateIndexView(regimes: regimes, period: previous, searched: false, query: nil, found: [])
            return try web.pages.page(view, title: "Tổng hợp số liệu", context: context)
        }
        _ = try PageSupport.actor(context)
        let regime = try PageSupport.query(request, "regime", as: RegimeCode.self)?.rawValue ?? ""
        let period = try PageSupport.query(request, "period", as: Period.self)?.id ?? previous
        let topology = try web.work.runtime.topology()
        let below = Set(topology.subtree(of: web.work.home).map(\.code)).subtracting([web.work.home])
        let found = topology.units(matching: query).filter { below.contains($0.code) }.prefix(50).map { unit in
            AggregateIndexView.Found(
                code: unit.code.rawValue, name: unit.name,
                href: "/tong-hop/don-vi?regime=\(PageSupport.urlQuery(regime))&period=\(PageSupport.urlQuery(period))&unit=\(PageSupport.urlQuery(unit.code))")
        }
        let view = AggregateIndexView(regimes: regimes, period: period, searched: true, query: query, found: Array(found))
        return try web.pages.page(view, title: "Tổng hợp số liệu", context: context)
    }

    /// The figures as a file (seed 000 art. 13.5): consolidated, one unit's, or every
    /// unit's below this node, as Excel, CSV or JSON.
    func extract(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard let regime = try PageSupport.query(request, "regime", as: RegimeCode.self),
              let period = try PageSupport.query(request, "period", as: Period.self),
              let format = ExtractionFormat(rawValue: PageSupport.query(request, "format") ?? "csv") else { throw HTTPError(.badRequest) }
        let subtree = PageSupport.query(request, "subtree") == "1"
        let unit = try PageSupport.query(request, "unit", as: UnitCode.self) ?? (subtree ? web.work.home : nil)
        let figures = try Extraction(work: web.work).figures(regime: regime, period: period, unit: unit, subtree: subtree,
                                                            provisional: PageSupport.query(request, "tam-tinh") == "1", by: actor)
        let name = [regime.rawValue, period.id, (unit ?? web.work.home).rawValue, subtree ? "cap-duoi" : nil].compactMap { $0 }.joined(separator: "_")
        let data = try format.encode(figures)
        try Extraction.export(figures, regime: regime, period: period, unit: unit, format: format, to: "tải về qua web")
            .record(by: actor, in: web.work.store)
        return PageSupport.download(data, name: "\(name).\(format.rawValue)", contentType: format.contentType)
    }

    /// The consolidated figures as ADX (what DHIS2 reads), codes as the catalog has them.
    func adx(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard let regime = try PageSupport.query(request, "regime", as: RegimeCode.self),
              let period = try PageSupport.query(request, "period", as: Period.self) else { throw HTTPError(.badRequest) }
        let values = try AdxExport(work: web.work).consolidated(regime: regime, period: period, by: actor)
        let output = try AdxWriter(catalog: try web.work.store.catalog(), mapping: .identity)
            .write(regime: regime, period: period, units: [values], exported: Date())
        try FigureExport(format: .adx, regime: regime, period: period, scope: .consolidated, to: "tải về qua web")
            .record(by: actor, in: web.work.store)
        return PageSupport.download(Data(output.xml.utf8), name: "\(regime)_\(period)_\(web.work.home).adx.xml", contentType: "application/xml")
    }

    /// Every national exchange packet (QCVN 125) of a regime-period, as one ZIP of JSON files.
    func nationalPackets(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard let regime = try PageSupport.query(request, "regime", as: RegimeCode.self),
              let period = try PageSupport.query(request, "period", as: Period.self) else { throw HTTPError(.badRequest) }
        let documents = try NationalPacketBuilder(work: web.work, actor: actor).allDocuments(regime: regime, period: period)
        let archive = try ZipWriter()
        for document in documents { try archive.add(document.fileName, data: document.bytes) }
        try FigureExport(format: .national, regime: regime, period: period, scope: .consolidated,
                         to: "tải về qua web: " + documents.map(\.kind.rawValue).joined(separator: ", "))
            .record(by: actor, in: web.work.store)
        return PageSupport.download(archive.data ?? Data(), name: "goi-quoc-gia_\(regime)_\(period).zip", contentType: "application/zip")
    }

    func view(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard let regimeCode = try PageSupport.query(request, "regime", as: RegimeCode.self),
              let period = try PageSupport.query(request, "period", as: Period.self) else {
            throw HTTPError(.badRequest)
        }
        let provisional = PageSupport.query(request, "tam-tinh") == "1"
        let view = try web.consolidation.view(regime: regimeCode, period: period, provisional: provisional, by: actor)
        let catalog = try web.work.store.catalog()
        let base = "/tong-hop/xem?regime=\(PageSupport.urlQuery(regimeCode))&period=\(PageSupport.urlQuery(view.period.id))"
        let note = { (row: ConsolidatedRow, column: ConsolidatedColumn) in
            row.comparisons[column]?.vietnameseText(formerName: view.formerLabel)
        }
        let rows = view.rows.map { row in
            let indicator = catalog.indicator(code: row.key.indicator)
            return AggregateView.Row(
                key: row.key.description, name: indicator?.name ?? "", unit: indicator?.unitOfMeasure ?? "",
                value: PageSupport.number(row.value), ytd: PageSupport.number(row.yearToDate),
                lastYear: PageSupport.number(row.samePeriodLastYear), vsLastYear: PageSupport.number(row.versusLastYear),
                plan: PageSupport.number(row.plan), vsPlan: PageSupport.number(row.versusPlan),
                trendHref: base + "&chi-tieu=\(PageSupport.urlQuery(row.key.indicator))" + (provisional ? "&tam-tinh=1" : "") + "#bieu-do",
                valueNote: note(row, .value), ytdNote: note(row, .yearToDate), lastYearNote: note(row, .samePeriodLastYear))
        }
        let completeness = try web.completeness.completeness(regime: regimeCode, period: view.period, by: actor, now: Date())
        let s = completeness.summary
        let units = completeness.units.map { u in
            AggregateView.UnitRow(
                code: u.unit.code.rawValue, name: u.unit.name, due: u.deadline.map { PageSupport.day($0.dueDate) } ?? "—",
                received: u.received ? "có" : "chưa", accepted: u.accepted ? "có" : "chưa",
                timeliness: u.timeliness.vietnameseName,
                note: u.notes,
                // A flag a reviewer may settle, with a reason (the signing time only for a report signed before it arrived),
                // or a returned first revision whose arrival may stand.
                mayRule: (u.review != nil || (u.returnedFirstBundleId != nil && u.ruling != .firstRevision)) && actor.may(.decideIncoming),
                maySigningTime: u.review?.maySettleBySigningTime ?? false,
                mayFirstRevision: u.returnedFirstBundleId != nil, mayArrivalTime: u.review != nil,
                rowClass: u.timeliness == .missing ? "missing" : u.timeliness == .late ? "late" : "",
                drillHref: "/tong-hop/don-vi?regime=\(PageSupport.urlQuery(regimeCode))&period=\(PageSupport.urlQuery(view.period.id))&unit=\(PageSupport.urlQuery(u.unit.code))")
        }
        let chartIndicator = PageSupport.query(request, "chi-tieu") ?? view.rows.first(where: { $0.value != nil })?.key.indicator
        let indicator = chartIndicator.flatMap { catalog.indicator(code: $0) }
        let regimePeriod = "regime=\(PageSupport.urlQuery(regimeCode))&period=\(PageSupport.urlQuery(view.period.id))"
        let page = AggregateView(
            csrf: context.csrfToken, regimeName: view.regime.name, regimeCode: regimeCode.rawValue, period: view.period.id, unitName: view.unit.name,
            provisional: provisional, base: base,
            extractBase: "/tong-hop/trich-xuat?\(regimePeriod)" + (provisional ? "&tam-tinh=1" : ""),
            exchangeBase: "/tong-hop/adx?\(regimePeriod)", nationalBase: "/tong-hop/goi-quoc-gia?\(regimePeriod)",
            contributorCount: view.contributors.count, notCountedCount: view.notCounted.count,
            notCounted: view.notCounted.isEmpty ? nil : view.notCounted.map(\.code.rawValue).joined(separator: ", "),
            outsideUnits: Optional(view.contributors.filter(\.isOutsideStandIn).map(\.unitCode.rawValue).joined(separator: ", ")).flatMap { $0.isEmpty ? nil : $0 },
            rows: rows, history: history(view, regimeCode, provisional), units: units,
            sumExpected: s.expected, sumReceived: s.received, sumAccepted: s.accepted, sumOnTime: s.onTime, sumLate: s.late, sumMissing: s.missing,
            announcements: completeness.announcements.map(\.vietnameseText), hasAnnouncements: !completeness.announcements.isEmpty,
            rateChart: try rateChart(regimeCode, view.period, actor),
            trendChart: try indicator.map { try trendChart(regimeCode, view.period, $0, provisional, actor) },
            trendCaption: indicator.map { "\($0.name) (\($0.unitOfMeasure)) qua các kỳ" },
            childChart: try indicator.map { try childChart($0, view) },
            childCaption: indicator.map { "\($0.name) (\($0.unitOfMeasure)) theo đơn vị, kỳ \(view.period.id)" })
        return try web.pages.page(page, title: "Tổng hợp \(regimeCode) kỳ \(view.period.id)", context: context)
    }

    /// Where the figures before the reform come from: each former unit counted, linking to
    /// the drill-down of its original signed report; the missing ones; the inexact columns.
    func history(_ view: ConsolidatedView, _ regime: RegimeCode, _ provisional: Bool) -> AggregateView.History? {
        guard let carried = view.history, let succession = view.succession else { return nil }
        let codes = carried.figures.counted
        let sources = codes.enumerated().map { index, code in
            AggregateView.FormerSource(
                label: view.formerLabel(code),
                href: "/tong-hop/don-vi?regime=\(PageSupport.urlQuery(regime))&period=\(PageSupport.urlQuery(carried.figures.period.id))"
                    + "&unit=\(PageSupport.urlQuery(code))&goc=1" + (provisional ? "&tam-tinh=1" : ""),
                separator: index == codes.count - 1 ? "" : ", ")
        }
        let missing = carried.figures.missing.map(view.formerLabel).joined(separator: ", ")
        let inexact = view.inexactColumns.sorted().map(\.vietnameseName).joined(separator: ", ")
        return AggregateView.History(effective: PageSupport.day(succession.effective), sources: sources, hasSources: !sources.isEmpty,
                                     missing: missing.isEmpty ? nil : missing, inexactColumns: inexact.isEmpty ? nil : inexact)
    }

    /// The yearly ranking (seed 000 arts. 18, 22) with the window announcements it rests on.
    func ranking(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let year = try PageSupport.query(request, "nam").map { text in
            guard let year = Int(text), WorkingCalendar.supportedYears.contains(year) else {
                throw ServiceError(.invalidInput, message: "Năm \(text) không hợp lệ.", log: "bad ranking year")
            }
            return year
        } ?? VietnamTime.civilDate(at: Date()).year
        let ranking = try web.completeness.rankingWithAnnouncements(year: year, by: actor, now: Date())
        let rows = ranking.scores.map { s in
            RankingView.Row(rank: s.rank, code: s.unit.code.rawValue, name: s.unit.name, due: s.due, onTime: s.onTime, late: s.late,
                            missing: s.missing, percent: PageSupport.number(s.onTimePercent))
        }
        let basis = ranking.announcements.map { b in
            RankingView.Basis(regime: b.regime.rawValue, period: b.period.id, announcements: b.announcements.map(\.vietnameseText).joined(separator: "; "))
        }
        let view = RankingView(year: year, rows: rows, hasRows: !rows.isEmpty, basis: basis, hasBasis: !basis.isEmpty)
        return try web.pages.page(view, title: "Xếp hạng năm \(year)", context: context)
    }

    func ruleTimeliness(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let regime = try PageSupport.field(form, "regime", as: RegimeCode.self)
        let period = try PageSupport.field(form, "period", as: Period.self)
        let unit = try PageSupport.field(form, "unit", as: UnitCode.self)
        guard let ruling = TimelinessRuling(rawValue: form["ruling"] ?? "") else { throw HTTPError(.badRequest) }
        try web.completeness.rule(regime: regime, period: period, unit: unit, ruling, reason: form["reason"] ?? "",
                                  by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/tong-hop/xem?regime=\(PageSupport.urlQuery(regime))&period=\(PageSupport.urlQuery(period))#tinh-hinh",
                                          flash: "Đã ghi kết quả xem xét thời hạn của \(unit): \(ruling.vietnameseName).", web, context)
    }

    func drill(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard let regime = try PageSupport.query(request, "regime", as: RegimeCode.self),
              let period = try PageSupport.query(request, "period", as: Period.self),
              let unit = try PageSupport.query(request, "unit", as: UnitCode.self) else { throw HTTPError(.badRequest) }
        let provisional = PageSupport.query(request, "tam-tinh") == "1"
        let drill = try web.consolidation.drillDown(regime: regime, period: period, unit: unit, provisional: provisional,
                                                    original: PageSupport.query(request, "goc") == "1", by: actor)
        let catalog = try web.work.store.catalog()
        let report = drill.report
        let carried = drill.carried.flatMap { carried in drill.succession.map { succession in
            let codes = carried.figures.counted
            return DrillView.Carried(
                effective: PageSupport.day(succession.effective),
                sources: codes.enumerated().map { index, code in
                    .init(label: succession.formerLabel(code),
                          href: "/tong-hop/don-vi?regime=\(PageSupport.urlQuery(regime))&period=\(PageSupport.urlQuery(period))"
                              + "&unit=\(PageSupport.urlQuery(code))&goc=1" + (provisional ? "&tam-tinh=1" : ""),
                          separator: index == codes.count - 1 ? "" : ", ")
                },
                missing: carried.figures.missing.isEmpty ? nil : carried.figures.missing.map(succession.formerLabel).joined(separator: ", "))
        } }
        let children = try web.work.runtime.topology().children(of: unit)
        let view = DrillView(
            name: drill.unit.name, code: drill.unit.code.rawValue, regime: regime.rawValue, period: period.id,
            back: "/tong-hop/xem?regime=\(PageSupport.urlQuery(regime))&period=\(PageSupport.urlQuery(period))",
            hasReport: report != nil, carried: carried, revision: report?.revision, state: report?.state.displayName,
            signedAt: report.map { PageSupport.time($0.signedAt) },
            personalSigner: report.flatMap { web.personalSignature(ofBundle: $0.bundleId, arrivedAt: $0.receivedAt)?.summary }, bundleId: report.map { $0.bundleId ?? "—" }, relayedFor: report?.relayedFor?.rawValue,
            rows: drill.values.sorted { $0.key < $1.key }.map { key, value in
                let indicator = catalog.indicator(code: key.indicator)
                return .init(key: key.description, name: indicator?.name ?? "", unit: indicator?.unitOfMeasure ?? "",
                             value: VietnameseNumberFormat.format(value), note: drill.note(for: key.indicator))
            },
            children: children.isEmpty ? nil : .init(list: children.map { child in
                .init(name: child.name, code: child.code.rawValue,
                      href: "/tong-hop/don-vi?regime=\(PageSupport.urlQuery(regime))&period=\(PageSupport.urlQuery(period))&unit=\(PageSupport.urlQuery(child.code))")
            }))
        return try web.pages.page(view, title: "Số liệu của \(drill.unit.name)", context: context)
    }

    // MARK: - Charts

    /// The periods of the charts over time: this one and the ones before it.
    func recentPeriods(_ period: Period) throws -> [Period] {
        let all = try Period.periods(of: period.kind, in: period.year - 1) + Period.periods(of: period.kind, in: period.year)
        return Array(all.filter { $0 <= period }.suffix(Self.chartPeriods))
    }

    func rateChart(_ regime: RegimeCode, _ period: Period, _ actor: StaffMember) throws -> String {
        let points = try recentPeriods(period).map { p -> SVGChart.Point in
            let s = try web.completeness.completeness(regime: regime, period: p, by: actor, now: Date()).summary
            guard s.expected > 0 else { return SVGChart.Point(label: p.id, value: nil) }
            let rate = try ExactDecimal(s.onTime * 100).divided(by: ExactDecimal(s.expected), scale: 1)
            return SVGChart.Point(label: p.id, value: rate)
        }
        return SVGChart.bars(points, title: "Tỷ lệ gửi đúng hạn (%)", suffix: "%")
    }

    func trendChart(_ regime: RegimeCode, _ period: Period, _ indicator: Indicator, _ provisional: Bool, _ actor: StaffMember) throws -> String {
        // Periods before the reform: the figures carried from the former units, the inexact ones marked.
        let points = try web.consolidation.figures(regime: regime, periods: recentPeriods(period), provisional: provisional, by: actor).map { p in
            SVGChart.Point(label: p.period.id, value: p.values[ValueKey(indicator.code)],
                           note: p.isComparable(indicator.code) ? nil : p.note(for: indicator.code))
        }
        return SVGChart.line(points, title: "\(indicator.name) qua các kỳ")
    }

    /// From the figures the view already combined: no query per unit.
    func childChart(_ indicator: Indicator, _ view: ConsolidatedView) throws -> String {
        let units = view.contributors.map(\.unitCode) + view.notCounted.map(\.code)
        let topology = try web.work.runtime.topology()
        let points = units.sorted().map { code in
            // Before the reform the contributors are the former units, named as they were.
            SVGChart.Point(label: view.succession?.formerUnit(code: code)?.name ?? topology.unit(code: code)?.name ?? code.rawValue, value: view.contributorValues[code]?[ValueKey(indicator.code)])
        }
        return SVGChart.bars(points, title: "\(indicator.name) theo đơn vị")
    }
}
