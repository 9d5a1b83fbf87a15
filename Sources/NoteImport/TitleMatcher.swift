/// Finds every known title inside running text, in time linear in the text: one Aho–Corasick automaton over
/// all titles (UTF-8 bytes), not a loop of titles × notes.
///
/// Matches are exact (never fuzzy), must start and end at word boundaries, and are chosen leftmost-longest
/// without overlap — so of two near-twin titles the longer wins, and a title inside a longer matched title is
/// masked. A cut-off title prefix matches nothing.
///
/// Hand-written: no listed Swift package provides a multi-pattern string matcher.
public struct TitleMatcher: Sendable {
    public struct Match: Sendable, Hashable {
        /// Index into the `titles` the matcher was built with.
        public var title: Int
        /// Byte offsets in the text's UTF-8.
        public var range: Range<Int>
    }

    public let titles: [String]
    /// Children of each state as a flat, byte-sorted list (compressed sparse rows): states have few children.
    private var childStart: [Int32] = []
    private var childBytes: [UInt8] = []
    private var childTargets: [Int32] = []
    private var fail: [Int32] = []
    /// The longest title ending at each state (its own or via fail links), as (title index, byte length).
    private var output: [Int32] = []
    /// Next state along fail links that has an output, for reporting every title ending at a position.
    private var outputLink: [Int32] = []

    public init(titles: [String]) {
        self.titles = titles
        // 1. Trie with per-state child dictionaries (build time only).
        var children: [[UInt8: Int32]] = [[:]]
        var terminal: [Int32] = [-1]
        for (index, title) in titles.enumerated() where !title.isEmpty {
            var state: Int32 = 0
            for byte in title.utf8 {
                if let next = children[Int(state)][byte] {
                    state = next
                } else {
                    let next = Int32(children.count)
                    children.append([:])
                    terminal.append(-1)
                    children[Int(state)][byte] = next
                    state = next
                }
            }
            // Duplicate titles: keep the first index; callers map equal titles themselves.
            if terminal[Int(state)] < 0 { terminal[Int(state)] = Int32(index) }
        }
        // 2. Flatten children.
        var start: [Int32] = []
        var bytes: [UInt8] = []
        var targets: [Int32] = []
        start.reserveCapacity(children.count + 1)
        for map in children {
            start.append(Int32(bytes.count))
            for (b, t) in map.sorted(by: { $0.key < $1.key }) {
                bytes.append(b)
                targets.append(t)
            }
        }
        start.append(Int32(bytes.count))
        childStart = start
        childBytes = bytes
        childTargets = targets
        // 3. Fail links and output links, breadth first.
        fail = [Int32](repeating: 0, count: children.count)
        output = terminal
        outputLink = [Int32](repeating: -1, count: children.count)
        var queue: [Int32] = []
        for i in Int(start[0])..<Int(start[1]) { queue.append(targets[i]) }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for i in Int(start[Int(state)])..<Int(start[Int(state) + 1]) {
                let byte = bytes[i], child = targets[i]
                var f = fail[Int(state)]
                while f != 0 && transition(f, byte) == nil { f = fail[Int(f)] }
                let candidate = transition(f, byte) ?? 0
                fail[Int(child)] = candidate == child ? 0 : candidate
                let fc = fail[Int(child)]
                outputLink[Int(child)] = output[Int(fc)] >= 0 ? fc : outputLink[Int(fc)]
                queue.append(child)
            }
        }
    }

    private func transition(_ state: Int32, _ byte: UInt8) -> Int32? {
        var lo = Int(childStart[Int(state)]), hi = Int(childStart[Int(state) + 1])
        while lo < hi {
            let mid = (lo + hi) / 2
            if childBytes[mid] < byte { lo = mid + 1 } else { hi = mid }
        }
        return lo < Int(childStart[Int(state) + 1]) && childBytes[lo] == byte ? childTargets[lo] : nil
    }

    /// Every title occurrence at word boundaries, leftmost-longest, non-overlapping, in text order.
    public func matches(in text: String) -> [Match] {
        let bytes = Array(text.utf8)
        var candidates: [Match] = []
        var state: Int32 = 0
        for (i, byte) in bytes.enumerated() {
            while state != 0 && transition(state, byte) == nil { state = fail[Int(state)] }
            state = transition(state, byte) ?? 0
            var s = state
            if output[Int(s)] < 0 { s = outputLink[Int(s)] }
            while s >= 0 {
                let title = Int(output[Int(s)])
                let length = titles[title].utf8.count
                let range = (i + 1 - length)..<(i + 1)
                if TitleMatcher.isBoundary(bytes, before: range.lowerBound) && TitleMatcher.isBoundary(bytes, after: range.upperBound) {
                    candidates.append(Match(title: title, range: range))
                }
                s = outputLink[Int(s)]
            }
        }
        // Leftmost-longest without overlap: sort by start, longest first, then sweep.
        candidates.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count }
        var chosen: [Match] = []
        var end = 0
        for c in candidates where c.range.lowerBound >= end {
            chosen.append(c)
            end = c.range.upperBound
        }
        return chosen
    }

    /// A match may start at the text start or after a character that is not a letter or digit.
    static func isBoundary(_ bytes: [UInt8], before i: Int) -> Bool {
        guard i > 0 else { return true }
        var start = i - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }  // back to the scalar's lead byte
        return !isWordCharacter(bytes, at: start)
    }

    /// A match may end at the text end, or where its last or the next character is not a letter or digit
    /// (titles usually end in "?", itself a boundary; a title ending in a letter must not run into a word).
    static func isBoundary(_ bytes: [UInt8], after i: Int) -> Bool {
        guard i < bytes.count else { return true }
        var last = i - 1
        while last > 0 && bytes[last] & 0xC0 == 0x80 { last -= 1 }
        return !isWordCharacter(bytes, at: last) || !isWordCharacter(bytes, at: i)
    }

    private static func isWordCharacter(_ bytes: [UInt8], at i: Int) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        var end = i + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        guard let scalar = String(decoding: bytes[i..<end], as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
