import Foundation

/// The XSS vectors of `Tests/Fixtures/corpus-hostile-xss/vectors.txt` (format in that folder's README): one per
/// line, `#:` comment lines, `#: section NAME` headers, `{U+XXXX}` for characters a text line cannot hold.
public struct HostileVector: Hashable, Sendable {
    public var section: String
    public var text: String
    /// 1-based line in vectors.txt, for messages.
    public var line: Int
}

public enum HostileVectors {
    public static let folder = Fixtures.url("corpus-hostile-xss")

    public static func load() throws -> [HostileVector] {
        let text = try String(contentsOf: folder.appendingPathComponent("vectors.txt"), encoding: .utf8)
        var section = ""
        var vectors: [HostileVector] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#: section ") {
                section = String(line.dropFirst("#: section ".count))
            } else if !line.hasPrefix("#:") && !line.isEmpty {
                vectors.append(HostileVector(section: section, text: decode(String(line)), line: n + 1))
            }
        }
        return vectors
    }

    /// `{U+0009}` → a tab; everything else as written.
    public static func decode(_ line: String) -> String {
        var out = ""
        var rest = Substring(line)
        while let open = rest.range(of: "{U+") {
            out += rest[..<open.lowerBound]
            let digits = rest[open.upperBound...].prefix { $0.isHexDigit }
            let after = rest[open.upperBound...].dropFirst(digits.count)
            if (4...6).contains(digits.count), after.first == "}", let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
                rest = after.dropFirst()
            } else {
                out += rest[open]
                rest = rest[open.upperBound...]
            }
        }
        return out + rest
    }
}
