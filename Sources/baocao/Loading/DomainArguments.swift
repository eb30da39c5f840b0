import ArgumentParser
import BaoCaoCore
import Synchronization

// Regime codes, periods, unit codes and bundle recipients read straight from the command
// line: ArgumentParser checks them with their own parsers before a command runs, so no
// command handles their text.

extension ExpressibleByArgument where Self: TextRepresentable {
    public init?(argument: String) {
        guard let value = RefusedArgument.reading(argument, with: Self.init(parsing:)) else { return nil }
        self = value
    }
}

extension RegimeCode: ExpressibleByArgument {}
extension Period: ExpressibleByArgument {}
extension UnitCode: ExpressibleByArgument {}
extension BundleRecipient: ExpressibleByArgument {}

/// Why the last domain value on the command line was refused.
///
/// `ExpressibleByArgument` can only answer yes or no, and ArgumentParser then says, in
/// English, that the value is invalid. The parser's own reason — Vietnamese, naming the
/// text, e.g. `Kỳ báo cáo "2026-13" không hợp lệ: tháng phải từ 01 đến 12.` — is kept
/// here, so that ``UserFacingError`` prints it as the one line every failure gets.
enum RefusedArgument {
    private static let last = Mutex<(argument: String, error: CoreError)?>(nil)

    /// `parse(text)`, or `nil` with the reason kept.
    static func reading<T>(_ text: String, with parse: (String) throws -> T) -> T? {
        do {
            return try parse(text)
        } catch let error as CoreError {
            last.withLock { $0 = (text, error) }
            return nil
        } catch {
            return nil
        }
    }

    /// The Vietnamese reason for ArgumentParser's `error`, when it refuses the value whose
    /// reason was kept; `nil` for any other error (a missing argument, an unknown flag).
    static func message(answering error: any Error) -> String? {
        guard let (argument, reason) = last.withLock({ $0 }),
              BaoCao.message(for: error).hasPrefix("The value '\(argument)' is invalid") else { return nil }
        return reason.message
    }
}
