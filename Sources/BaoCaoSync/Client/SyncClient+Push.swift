import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoZip
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1

extension SyncClient {
    /// Offers the parent everything due to go up, until each bundle has had its answer in
    /// this round (settled, or to wait until later).
    func push(into round: inout Round, now: () -> Date, waitingToo: Bool) async throws {
        var answered: Set<String> = []
        while true {
            let due = try await outbox.due(at: now(), waitingToo: waitingToo).filter { !answered.contains($0.bundleId) }
            guard !due.isEmpty else { return }
            if try await send(due, into: &round, answered: &answered, now: now) {
                // Reopened for the parent, restored from a backup: offered again from the start.
                round.parentRestored = true
            }
        }
    }

    /// Sends `due` in order. Small bundles go in batches, up to ``batchesInFlight`` on their
    /// way at once: while the parent takes one batch in, this node reads, compresses and
    /// sends the next, and books each batch's answers as soon as they come — a batch's
    /// answers are kept even when the link is then cut under a later one. A large bundle goes
    /// by itself by resumable upload, once the batches before it are answered.
    ///
    /// Returns whether the parent turned out to have been restored from a backup; then the
    /// answers in the reply that said so are not booked (those bundles are offered again),
    /// and no more is sent. A link cut under a batch, or an answer saying the parent cannot
    /// take anything now, stops the sending too, and is thrown once the answers to what was
    /// already on its way are booked.
    private func send(_ due: [Outbox.Item], into round: inout Round, answered: inout Set<String>, now: () -> Date) async throws -> Bool {
        try await withThrowingTaskGroup(of: SentBatch.self) { group in
            var inFlight = 0
            var stop: PushStop?
            var batch: [(Outbox.Item, Data)] = []
            var bytes = 0
            var items = due.makeIterator()
            var next = items.next()
            // The bytes of a bundle that did not fit the batch before: the next batch's first.
            var carried: Data?
            while stop == nil, let item = next {
                let data: Data
                if let held = carried {
                    (data, carried) = (held, nil)
                } else {
                    data = try await outbox.bytes(of: item)
                }
                let linkBytes = linkBudget.bytes
                let large = data.count >= min(resumableThreshold, linkBytes)
                let fits = !large && (batch.isEmpty || batch.count < batchCount && bytes + data.count <= min(batchBytes, linkBytes))
                if fits {
                    batch.append((item, data))
                    bytes += data.count
                    next = items.next()
                    if next != nil { continue }
                }
                // A batch is complete: sent as soon as one more may be on its way; the answer
                // that frees the place is booked once it has left.
                if !batch.isEmpty {
                    let done = inFlight < batchesInFlight ? nil : try await group.next()
                    let (stamp, sent, bundles) = (now(), batch.map(\.0), batch.map(\.1))
                    group.addTask {
                        do { return SentBatch(items: sent, reply: .success(try await self.post(bundles, stamped: stamp))) } catch {
                            return SentBatch(items: sent, reply: .failure(error))
                        }
                    }
                    if let done { stop = try await bookReply(done, into: &round, answered: &answered, now: now) } else { inFlight += 1 }
                    (batch, bytes) = ([], 0)
                }
                guard large, stop == nil else {
                    if !large, !fits { carried = data }   // the next batch's first
                    continue
                }
                // A large bundle, once every batch before it is answered.
                while inFlight > 0, let done = try await group.next() {
                    inFlight -= 1
                    stop = try await bookReply(done, into: &round, answered: &answered, now: now) ?? stop
                }
                guard stop == nil else { break }
                let answer = try await uploadResumable(item, data: data)
                answered.insert(item.bundleId)
                try await book([(item, answer)], into: &round, now: now)
                next = items.next()
            }
            while inFlight > 0, let done = try await group.next() {
                inFlight -= 1
                let stopped = try await bookReply(done, into: &round, answered: &answered, now: now)
                stop = stop ?? stopped
            }
            switch stop {
            case nil: return false
            case .restored: return true
            case .failure(let error): throw error
            case .cut(let error): throw error
            }
        }
    }

    /// A batch on its way, and what came back: the parent's answer, or the error that cut it.
    struct SentBatch: Sendable {
        var items: [Outbox.Item]
        var reply: Result<BatchReply, any Error>
    }

    /// Why sending stopped before everything due had gone.
    enum PushStop {
        /// The parent was restored from a backup: what it lost is reopened and offered again.
        case restored
        /// The parent said it can take nothing now.
        case failure(SyncError)
        /// The link was cut under a batch.
        case cut(any Error)
    }

    /// Books the answers to one batch; returns why no more should be sent, if the reply says so.
    /// A parent found restored from a backup books nothing.
    private func bookReply(_ sent: SentBatch, into round: inout Round, answered: inout Set<String>, now: () -> Date) async throws -> PushStop? {
        let reply: BatchReply
        switch sent.reply {
        case .success(let answer): reply = answer
        case .failure(let error): return .cut(error)
        }
        if try await parentWasRestored(reply.headers) { return .restored }
        CrashPoint.relaySentNotAcknowledged.reach()
        let answers = Array(zip(sent.items, reply.answers(count: sent.items.count)))
        for (item, _) in answers { answered.insert(item.bundleId) }
        try await book(answers, into: &round, now: now)
        return reply.failure.map(PushStop.failure)
    }

    /// Books the parent's answers in the outbox and counts them.
    func book(_ answers: [(Outbox.Item, ParentAnswer)], into round: inout Round, now: () -> Date) async throws {
        try await outbox.record(answers, at: now())
        for (_, answer) in answers {
            switch answer {
            case .taken: round.pushed += 1
            case .refused: round.refused += 1
            case .postponed, .unrecognized: round.postponed += 1
            }
        }
    }

    /// What the parent answered to one batch.
    struct BatchReply: Sendable {
        var headers: HTTPHeaders
        /// The answers, when the body read as one per bundle.
        var parsed: [BundleAnswer]?
        /// The answer as it came (status and body), for bundles whose answer is not understood.
        var raw: String
        /// A failure of the round to report once the answers are booked (a parent that cannot
        /// store anything now, an unexpected status).
        var failure: SyncError?

        /// One answer per bundle: each as the parent gave it, or, when the body did not read
        /// as one per bundle, "not understood" with the raw answer for all of them.
        func answers(count: Int) -> [ParentAnswer] {
            guard let parsed, parsed.count == count else {
                // A parent that cannot store anything now said so plainly: later, not "not understood".
                if let failure, failure.isTemporary { return [] }
                return Array(repeating: .unrecognized(raw: raw), count: count)
            }
            return parsed.map { answer in
                let text = (try? BundleAnswer.encoder.encode(answer)).map { String(decoding: $0, as: UTF8.self) } ?? raw
                return answer.parentAnswer(raw: text)
            }
        }
    }

    /// Sends one batch and reads the answer. Throws only when no answer came (the link was
    /// cut); every answer that came, understood or not, is returned.
    /// `stamped` is this node's clock (the round's `now`), which the parent compares with its own.
    func post(_ bundles: [Data], stamped: Date) async throws -> BatchReply {
        var request = HTTPClientRequest(url: parentURL + "/sync/v1/bundles")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: BundleFraming.mediaType)
        request.headers.add(name: SyncField.clock.rawName, value: ClockSkew.stamp(stamped))
        request.headers.add(name: "Content-Encoding", value: "deflate")
        request.body = .bytes(ByteBuffer(bytes: Zlib.compress(BundleFraming.encode(bundles))))
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await send(request, timeout: .seconds(600))
            body = try await response.body.collect(upTo: 16 << 20)
        } catch let error as SyncError {
            throw error
        } catch {
            // Cut off on the way: the next batches are smaller (a large bundle goes resumable).
            linkBudget.shrink()
            throw error
        }
        linkBudget.grow()
        let status = Int(response.status.code)
        let raw = "HTTP \(status): " + String(decoding: body.readableBytesView.prefix(2000), as: UTF8.self)
        guard response.status == .ok else {
            return BatchReply(headers: response.headers, parsed: nil, raw: raw, failure: .parentAnswered(status, Self.problem(in: body)))
        }
        let parsed = try? BundleAnswer.decoder.decode(BatchAnswer.self, from: Data(body.readableBytesView)).results
        return BatchReply(headers: response.headers, parsed: parsed, raw: raw, failure: nil)
    }
}
