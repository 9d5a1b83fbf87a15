import Foundation

/// A limit a metric's median is checked against.
struct Target {
    let limit: Double
    let display: String
}

/// One line of the results table.
struct Row {
    enum Unit: String { case seconds, bytes }

    let metric: String
    let unit: Unit
    /// `nil` when the metric could not be measured; `note` says why.
    let sample: Sample?
    var target: Target? = nil
    var note: String? = nil

    func passes() -> Bool? {
        guard let sample, let target else { return nil }
        return sample.median <= target.limit
    }
}

/// A derived ratio of two medians, with its target.
struct Ratio {
    let name: String
    let value: Double?
    let target: Double
    let why: String?

    func passes() -> Bool? { value.map { $0 <= target } }
}

/// Renders the results as Markdown (what the README and PR descriptions quote) and JSON (for CI).
enum Report {
    static func format(_ value: Double, _ unit: Row.Unit) -> String {
        switch unit {
        case .seconds:
            if value < 1 { return String(format: "%.1f ms", value * 1000) }
            return String(format: "%.2f s", value)
        case .bytes:
            // Decimal megabytes, matching how the 300 MB target is stated.
            return String(format: "%.1f MB", value / 1e6)
        }
    }

    static func verdict(_ pass: Bool?) -> String {
        switch pass {
        case true?: "✅"
        case false?: "❌"
        case nil: ""
        }
    }

    static func markdown(rows: [Row], ratios: [Ratio]) -> String {
        var out = "| metric | median | min | max | target |\n|---|---:|---:|---:|---|\n"
        for row in rows {
            if let s = row.sample {
                let target = row.target.map { "\($0.display) \(verdict(row.passes()))" } ?? "—"
                out += "| \(row.metric) | \(format(s.median, row.unit)) | \(format(s.min, row.unit)) | \(format(s.max, row.unit)) | \(target) |\n"
            } else {
                let target = row.target.map { "\($0.display) — " } ?? ""
                out += "| \(row.metric) | n/a | | | \(target)not measured: \(row.note ?? "?") |\n"
            }
        }
        if !ratios.isEmpty {
            out += "\n| ratio (medians) | value | target |\n|---|---:|---|\n"
            for r in ratios {
                let value = r.value.map { String(format: "%.2f", $0) } ?? "n/a"
                let suffix = r.value == nil ? " — \(r.why ?? "inputs missing")" : " \(verdict(r.passes()))"
                out += "| \(r.name) | \(value) | ≤ \(formatLimit(r.target))\(suffix) |\n"
            }
        }
        return out
    }

    private static func formatLimit(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.2f", x)
    }

    /// Machine-readable results; values in seconds / bytes.
    static func json(rows: [Row], ratios: [Ratio], context: [String: String]) -> Data {
        var rowObjects: [[String: Any]] = []
        for row in rows {
            var o: [String: Any] = ["metric": row.metric, "unit": row.unit.rawValue]
            if let s = row.sample {
                o["median"] = s.median; o["min"] = s.min; o["max"] = s.max; o["values"] = s.values
            }
            if let t = row.target { o["target"] = t.limit; o["pass"] = row.passes() ?? NSNull() }
            if let n = row.note { o["note"] = n }
            rowObjects.append(o)
        }
        let ratioObjects: [[String: Any]] = ratios.map {
            ["name": $0.name, "value": $0.value ?? NSNull(), "target": $0.target, "pass": $0.passes() ?? NSNull()]
        }
        let root: [String: Any] = ["context": context, "rows": rowObjects, "ratios": ratioObjects]
        return (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])) ?? Data()
    }
}
