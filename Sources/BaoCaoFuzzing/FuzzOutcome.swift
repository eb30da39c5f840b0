/// How far one input went in its target: refused by the first thing the product reads it
/// with, or accepted by it, so that what the target checks of an accepted input (its
/// ``FuzzInvariant``s, and what is read next) ran on it.
///
/// libFuzzer ignores it. The replay tests use it so that a corpus does not pass by being
/// refused at the door: every seed made from a real object (`seed-…`) must be accepted,
/// and every seed kept as a refusal (`seed-refused-…`) must be refused.
public enum FuzzOutcome: String, Sendable, Equatable {
    /// Refused where the product first reads it: a thrown error, the right answer to bad input.
    case refused
    /// Read by the product; the target went on to check it.
    case accepted
}
