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

    var ratio: Double { figure / reference }
    var meetsGoal: Bool { lowerIsBetter ? ratio <= goalMaximum : ratio >= goalRatio }
    var goalText: String { lowerIsBetter ? "≤ \(String(format: "%.2f", goalMaximum))" : "≥ \(String(format: "%.2f", goalRatio))" }
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

    static func json(_ rows: [BenchmarkRow]) -> String {
        let items = rows.map { row in
            "{\"name\":\"\(row.name)\",\"figure\":\(format(row.figure)),\"unit\":\"\(row.unit)\",\"reference\":\(format(row.reference)),"
                + "\"referenceName\":\"\(row.referenceName)\",\"ratio\":\(String(format: "%.3f", row.ratio)),\"goal\":\(row.goalRatio),\"met\":\(row.meetsGoal)}"
        }
        return "[" + items.joined(separator: ",") + "]"
    }

    private static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }
}

/// Wall-clock time of a block, in seconds, on the monotonic clock.
func measure(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
