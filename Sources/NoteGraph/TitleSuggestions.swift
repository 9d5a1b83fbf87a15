import NoteParsing

/// The "did you mean" answers one build gave (see `TitleSuggester`), with a hash of the titles they were chosen
/// from: the next build takes an answer from here instead of asking the suggester again, as long as the titles are
/// the same. An edit that changes no title needs no suggester at all (making it was half of the graph phase after a
/// one-note edit at 10,000 notes: 0.18 of 0.38 s, for 2,800 unresolved targets).
public struct TitleSuggestions: Sendable, Equatable {
    /// `TitleSuggestions.hash(of:)` of the titles the answers were chosen from.
    public var titles: UInt64
    /// Each unresolved target as written, and the title suggested for it (nil: none is similar enough).
    public var answers: [String: String?]

    public init(titles: UInt64, answers: [String: String?]) {
        self.titles = titles
        self.answers = answers
    }

    public static let empty = TitleSuggestions(titles: 0, answers: [:])

    /// A hash of `titles` in order: the suggester's answer depends on nothing else (ties go to the title first in
    /// this order).
    public static func hash(of titles: [String]) -> UInt64 {
        var h = FNV1a.mix(0x9e37_79b9_7f4a_7c15, word: UInt64(titles.count))
        for title in titles { h = FNV1a.mix(h, word: FNV1a.hash(title)) }
        return h
    }

    private static let formatLine = Array("notegraph title suggestions 1\n".utf8)

    /// The answers as the state file holds them, headed like the build's caches (`CacheHeader`) with `key` (the
    /// executable's: another build of notegraph may suggest differently), sorted by target so that the same
    /// answers give the same bytes.
    public func bytes(key: [UInt8]) -> [UInt8] {
        var w = BinaryWriter(capacity: answers.count * 64)
        w.write(Int(bitPattern: UInt(titles)))
        w.write(answers.count)
        for (target, suggestion) in answers.sorted(by: { $0.key < $1.key }) {
            w.write(target)
            w.write(suggestion)
        }
        return CacheHeader.bytes(format: Self.formatLine, key: key) + w.bytes
    }

    /// The answers in `bytes`, if they hold them stamped with `key`; nil for anything else.
    public init?(bytes: [UInt8], key: [UInt8]) {
        guard let start = CacheHeader.end(of: bytes, format: Self.formatLine, key: key) else { return nil }
        let read = bytes.withUnsafeBytes { raw -> TitleSuggestions? in
            var r = BinaryReader(raw, at: start)
            guard let titles = try? r.int(), let pairs = try? r.array({ r in (try r.string(), try r.optionalString()) }), r.isAtEnd else { return nil }
            return TitleSuggestions(titles: UInt64(bitPattern: Int64(titles)), answers: Dictionary(pairs, uniquingKeysWith: { first, _ in first }))
        }
        guard let read else { return nil }
        self = read
    }
}
