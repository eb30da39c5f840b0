import AsyncHTTPClient
import BaoCaoCore
import Foundation
import NIOCore
import NIOHTTP1

extension WebBenchmark {
    /// The rendered case: each person saves a new figure into their own draft through the
    /// data-entry form (POST), then opens the page (GET) as the browser does after the
    /// save's redirect. Nobody else touches that draft, so every page opened follows a
    /// change of its figures and must be rendered anew; each must show the figure just
    /// saved, which a page from the cache could not. Only the GET is timed against the
    /// limit, from the request's start to the page's last byte.
    struct Editing {
        /// A signed-in person and their draft.
        struct Editor: Sendable {
            let cookie: String
            let csrf: String
            let report: Int64
            /// Makes every figure this person saves one their draft never held.
            let number: Int
            /// The draft's page.
            let page: String

            /// Opens the person's draft once, to read the CSRF token of its forms. `base`: where
            /// the node's pages are (a hosted unit's `http://…/08515`); the port's root by default.
            init(_ http: HTTPClient, port: Int, cookie: String, report: Int64, number: Int, base: String? = nil) async throws {
                self.page = (base ?? "http://127.0.0.1:\(port)") + "/bao-cao/\(report)"
                var request = HTTPClientRequest(url: page)
                request.headers.add(name: "cookie", value: cookie)
                let response = try await http.execute(request, timeout: .seconds(30))
                let page = String(buffer: try await response.body.collect(upTo: 8 << 20))
                guard response.status == .ok, let csrf = WebBenchmark.csrfToken(in: page) else {
                    throw BenchFailure("draft \(report) did not open (\(response.status))")
                }
                self.cookie = cookie
                self.csrf = csrf
                self.report = report
                self.number = number
            }
        }

        /// Times in milliseconds.
        struct Outcome: Sendable {
            /// Each page opened after a save (GET).
            var pages: [Double] = []
            /// Each save (POST), for information.
            var saves: [Double] = []
        }

        let http: HTTPClient
        let port: Int
        let duration: Duration
        /// The indicators each person types into, in turn: the benchmark form's 200 by default.
        var codes: [String] = (1...WebBenchmark.indicators).map { String(format: "CT%03d", $0) }
        /// Whether those indicators take whole numbers (typed without decimals).
        var wholeNumbers = false
        /// A bound on each person's saves, whatever the duration.
        static let maximumRounds = 100_000

        /// Every person at once, for `duration`.
        func run(_ editors: [Editor]) async throws -> Outcome {
            let deadline = ContinuousClock.now + duration
            return try await withThrowingTaskGroup(of: Outcome.self) { group in
                for editor in editors { group.addTask { try await edit(as: editor, until: deadline) } }
                var all = Outcome()
                for try await one in group {
                    all.pages += one.pages
                    all.saves += one.saves
                }
                return all
            }
        }

        /// One person's loop: save a figure, open the page, check it shows that figure.
        func edit(as editor: Editor, until deadline: ContinuousClock.Instant) async throws -> Outcome {
            let clock = ContinuousClock()
            let page = editor.page
            var outcome = Outcome()
            var round = 0
            while round < Self.maximumRounds, clock.now < deadline {
                round += 1
                let code = codes[round % codes.count]
                let typed = wholeNumbers
                    ? VietnameseNumberFormat.format(ExactDecimal(significand: Int128(7_000_000 + editor.number * 100_000 + round), scale: 0))
                    : VietnameseNumberFormat.format(ExactDecimal(significand: Int128(7_000_000 + editor.number * 100_000 + round) * 10 + 5, scale: 1))
                var save = HTTPClientRequest(url: page + "/luu")
                save.method = .POST
                save.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
                save.headers.add(name: "cookie", value: editor.cookie)
                save.body = .bytes(ByteBuffer(string: WebBenchmark.formEncoded(["_csrf": editor.csrf, "v_\(code)": typed])))
                var started = clock.now
                let saved = try await http.execute(save, timeout: .seconds(30))
                _ = try await saved.body.collect(upTo: 8 << 20)
                outcome.saves.append(Self.milliseconds(clock.now - started))
                guard saved.status == .seeOther else { throw BenchFailure("saving \(code) in draft \(editor.report) answered \(saved.status)") }

                var open = HTTPClientRequest(url: page)
                open.headers.add(name: "cookie", value: editor.cookie)
                started = clock.now
                let response = try await http.execute(open, timeout: .seconds(30))
                let body = try await response.body.collect(upTo: 8 << 20)
                outcome.pages.append(Self.milliseconds(clock.now - started))
                guard response.status == .ok else { throw BenchFailure("draft \(editor.report) answered \(response.status)") }
                guard String(buffer: body).contains("name=\"v_\(code)\" value=\"\(typed)\"") else {
                    throw BenchFailure("draft \(editor.report): the page opened after saving \(code) = \(typed) does not show it")
                }
            }
            return outcome
        }

        static func milliseconds(_ duration: Duration) -> Double { seconds(duration) * 1000 }

        /// The nearest-rank percentile `p` (0–100) of `values`.
        static func percentile(_ p: Double, of values: [Double]) -> Double {
            guard !values.isEmpty else { return .nan }
            let sorted = values.sorted()
            let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
            return sorted[min(max(rank, 1), sorted.count) - 1]
        }
    }
}
