import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import Foundation

/// The answer for one bundle, as it travels between nodes: what the parent made of it, a
/// code to match on and a Vietnamese reason for people — never this node's internals.
///
/// The client settles a bundle only on an answer it understands (``parentAnswer``): an
/// outcome it does not know, or an answer that does not read, leaves the bundle queued.
public struct BundleAnswer: Codable, Sendable, Equatable {
    public enum Outcome: Sendable, Equatable, Codable {
        /// Stored; the sender may forget it.
        case accepted
        /// Already held; the sender may forget it.
        case duplicate
        /// Refused for good, with the reason.
        case rejected
        /// Not taken now (not stored yet, signed ahead of the receiver's clock): offered
        /// again, not before `retryAfter` if given.
        case retry
        /// A word this build does not know, as it came.
        case unrecognized(String)

        var word: String {
            switch self {
            case .accepted: "accepted"
            case .duplicate: "duplicate"
            case .rejected: "rejected"
            case .retry: "retry"
            case .unrecognized(let word): word
            }
        }

        public init(from decoder: any Decoder) throws {
            let word = try decoder.singleValueContainer().decode(String.self)
            self = switch word {
            case "accepted": .accepted
            case "duplicate": .duplicate
            case "rejected": .rejected
            case "retry": .retry
            default: .unrecognized(word)
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(word)
        }
    }

    /// The bundle's id, when its signature verified.
    public var id: String?
    public var outcome: Outcome
    /// Why, as a code (`signerNotRegistered`, `notStored`…), for `rejected` and `retry`.
    public var code: String?
    /// Why, for people (Vietnamese), for `rejected` and `retry`.
    public var reason: String?
    /// Not to be offered again before this time (`retry` only).
    public var retryAfter: Date?

    public init(id: String?, outcome: Outcome, code: String? = nil, reason: String? = nil, retryAfter: Date? = nil) {
        self.id = id
        self.outcome = outcome
        self.code = code
        self.reason = reason
        self.retryAfter = retryAfter
    }

    /// The answer for what this node made of a bundle. A bundle it could not store is
    /// answered `retry` with a reason that names none of its internals (those go to its log).
    public init(_ result: IngestResult) {
        switch result.outcome {
        case .success(.accepted): self.init(id: result.id, outcome: .accepted)
        case .success(.duplicate): self.init(id: result.id, outcome: .duplicate)
        case .success(.rejected(let error)): self.init(id: result.id, outcome: .rejected, code: error.code.rawValue, reason: error.message)
        case .success(.postponed(let error, let retryAfter)):
            self.init(id: result.id, outcome: .retry, code: error.code.rawValue, reason: error.message, retryAfter: retryAfter)
        case .failure(let error): self.init(id: result.id, outcome: .retry, code: error.code.rawValue, reason: error.message)
        }
    }

    /// What the answer means for the sender's bookkeeping; `raw` is the answer as it came,
    /// kept when it is not understood.
    public func parentAnswer(raw: String) -> ParentAnswer {
        switch outcome {
        case .accepted, .duplicate: return .taken
        case .rejected:
            guard let reason, !reason.isEmpty else { return .unrecognized(raw: raw) }
            return .refused(code: code ?? "rejected", reason: reason)
        case .retry: return .postponed(code: code ?? "retry", reason: reason ?? "", retryAfter: retryAfter)
        case .unrecognized: return .unrecognized(raw: raw)
        }
    }

    /// How answers are written: ISO 8601 times, keys in order.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

/// The body of the answer to a batch: one answer per bundle, in the order they came.
public struct BatchAnswer: Codable, Sendable, Equatable {
    public var results: [BundleAnswer]

    public init(results: [BundleAnswer]) {
        self.results = results
    }
}

/// The body of an answer that is not about single bundles (a 4xx or 5xx): a code and a
/// Vietnamese message.
public struct ProblemAnswer: Codable, Sendable, Equatable {
    public struct Problem: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
    }

    public var error: Problem

    public init(code: String, message: String) {
        self.error = Problem(code: code, message: message)
    }
}
