import Foundation

/// Text snapshots kept under `Tests/Fixtures/snapshots/`, compared byte for byte.
///
/// Run the tests with `NOTEGRAPH_RECORD=1` to re-record every snapshot from the current output;
/// review the diff with git before committing.
public enum Snapshot {
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["NOTEGRAPH_RECORD"] == "1" }

    /// Returns nil when `actual` matches the stored snapshot (or was just recorded), else a readable mismatch.
    public static func mismatch(_ actual: String, named name: String) -> String? {
        let url = Fixtures.url("snapshots/\(name)")
        if isRecording {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "no snapshot \(name); run with NOTEGRAPH_RECORD=1 to record it"
        }
        if expected == actual { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, e.count) {
            let al = i < a.count ? String(a[i]) : "<end>"
            let el = i < e.count ? String(e[i]) : "<end>"
            if al != el {
                return "snapshot \(name) differs at line \(i + 1):\n  expected: \(el)\n  actual:   \(al)\n(NOTEGRAPH_RECORD=1 re-records)"
            }
        }
        return "snapshot \(name) differs"
    }
}
