@testable import NoteGraph
import Testing

/// `LinkResolver.normalize` works on bytes; it must give what collapsing the path's parts as Strings gives, for
/// every mix of names, ".", "..", empty parts and non-ASCII text.
@Suite("Link path normalization")
struct LinkPathNormalizationTests {
    /// The parts-based version `normalize` replaced, kept as the definition of its answer.
    static func collapsedByParts(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    @Test(arguments: [
        "note/a.md", "hub/../note/a.md", "./a.md", "a//b/./c.md", "../a.md", "a/../../b.md", "/a/b.md", "a/b/",
        "", "/", ".", "..", "a/..", "a/b/../../c", "...", "a/.../b", ".hidden/x.md", "été/../noté.md", "a/./../b",
    ])
    func givesWhatCollapsingThePartsGives(path: String) {
        #expect(LinkResolver.normalize(path) == Self.collapsedByParts(path))
    }

    /// Random paths over a small alphabet of parts, so that every combination of them comes up.
    @Test func randomPathsAgree() {
        let parts = ["a", "bé", ".", "..", "", "...", ".x", "note.md"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let count = Int(state >> 60)
            var pieces: [String] = []
            var bits = state
            for _ in 0..<count {
                pieces.append(parts[Int(bits % UInt64(parts.count))])
                bits /= UInt64(parts.count)
            }
            let path = pieces.joined(separator: "/")
            #expect(LinkResolver.normalize(path) == Self.collapsedByParts(path), "\(path)")
        }
    }
}
