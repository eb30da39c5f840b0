import Foundation

/// One line of a benchmark table: a figure beside the limit it is measured against in
/// the same run, and their ratio.
struct BenchmarkRow {
    let name: String
    let figure: Double
    let unit: String
    let reference: Double
    let referenceName: String
    /// The goal, as a minimum ratio figure ÷ reference.
    let goalRatio: Double
    /// For times and sizes: the goal is a maximum ratio instead.
    var lowerIsBetter = false
    var goalMaximum = 0.0
    /// The goal in the issue's own words ("≤ 2 × an in-process prepared insert"), printed
    /// instead of the bare ratio when given.
    var goalWording: String? = nil

    var ratio: Double { figure / reference }
    var meetsGoal: Bool { lowerIsBetter ? ratio <= goalMaximum : ratio >= goalRatio }
    var goalText: String {
        goalWording ?? (lowerIsBetter ? "≤ \(String(format: "%.2f", goalMaximum))" : "≥ \(String(format: "%.2f", goalRatio))")
    }
}

enum BenchmarkTable {
    static func print(_ title: String, _ rows: [BenchmarkRow]) {
        Swift.print("")
        Swift.print("## \(title)")
        Swift.print("")
        Swift.print("| measure | figure | against | limit | ratio | goal | met |")
        Swift.print("|---|---|---|---|---|---|---|")
        for row in rows {
            Swift.print("| \(row.name) | \(format(row.figure)) \(row.unit) | \(row.referenceName) | \(format(row.reference)) \(row.unit) | "
                + "\(String(format: "%.2f", row.ratio)) | \(row.goalText) | \(row.meetsGoal ? "yes" : "NO") |")
        }
    }

    /// The rows as JSON (`.build/bench*.json`), one object per row; `goal` is the bound on
    /// the ratio, a maximum when `lowerIsBetter`.
    static func json(_ rows: [BenchmarkRow]) throws -> Data {
        struct Item: Encodable {
            let name: String, figure: Double, unit: String, reference: Double, referenceName: String
            let ratio: Double, goal: Double, lowerIsBetter: Bool, goalText: String, met: Bool
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(rows.map { row in
            Item(name: row.name, figure: row.figure, unit: row.unit, reference: row.reference, referenceName: row.referenceName,
                 ratio: row.ratio, goal: row.lowerIsBetter ? row.goalMaximum : row.goalRatio, lowerIsBetter: row.lowerIsBetter,
                 goalText: row.goalText, met: row.meetsGoal)
        })
    }

    private static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : value >= 10 ? String(format: "%.1f", value) : String(format: "%.2f", value)
    }
}

/// Wall-clock time of a block, in seconds, on the monotonic clock.
func measure(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try clock.measure(body)
    return seconds(elapsed)
}

/// A duration in seconds.
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
