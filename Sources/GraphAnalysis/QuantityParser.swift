import NoteGraph

/// Reads the numbers a claim states: percentages (`43%`), ranges (`88–91%`, `88-91%`, `88 to 91%`),
/// counts (`1,000`), ratios (`7.5×`, `7.5x`), decimals (`0.94`) and changes (`from 0.94 to 0.31`).
///
/// Hand-written scanner: the forms are few and fixed, and a regex per form would rescan every sentence.
public enum QuantityParser {
    public static func quantities(in sentence: String) -> [Quantity] {
        // Every quantity starts at an ASCII digit: a sentence without one (most of them) is not decoded at all.
        guard sentence.utf8.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return [] }
        let chars = Array(sentence.unicodeScalars)
        var result: [Quantity] = []
        var i = 0
        while i < chars.count {
            guard isDigit(chars[i]), i == 0 || !isWordChar(chars[i - 1]) else {
                i += 1
                continue
            }
            // Numbers glued to a word ("GPT-4", "Llama-2", "f1") are names, not quantities.
            if i > 0, chars[i - 1] == "-", i > 1, isLetter(chars[i - 2]) {
                i = skipNumber(chars, from: i)
                continue
            }
            guard let first = number(chars, from: i) else { i += 1; continue }
            var end = first.end
            let value = first.value
            var upper: Double?
            var unit: Quantity.Unit = first.hadComma || (first.isInteger && value >= 10) ? .count : .plain
            var start = i
            // "from X to Y"
            if let fromStart = precedingWord(chars, before: i, equals: "from"), let to = followingRange(chars, from: end, words: ["to"]) {
                upper = to.value
                end = to.end
                start = fromStart
                unit = .plain
            } else if let to = followingRange(chars, from: end, words: ["–", "-", "—", "to"]) {
                upper = to.value
                end = to.end
            }
            // Unit suffix.
            var j = end
            if j < chars.count, chars[j] == "%" {
                unit = .percent
                j += 1
            } else if j + 1 < chars.count, chars[j] == " ", isWord(chars, from: j + 1, "percent") {
                unit = .percent
                j += 8
            } else if j + 1 < chars.count, chars[j] == " ", isWord(chars, from: j + 1, "times") {
                unit = .times
                j += 6
            } else if j < chars.count, chars[j] == "×" || (chars[j] == "x" && (j + 1 == chars.count || !isWordChar(chars[j + 1]))) {
                unit = .times
                j += 1
            } else if j < chars.count, isLetter(chars[j]) {
                // "7B", "3rd", "2nd": sizes and ordinals are not claim numbers.
                i = skipNumber(chars, from: j)
                continue
            }
            // Years standing alone are dates, not results.
            if unit == .count, upper == nil, !first.hadComma, value >= 1900, value <= 2100 {
                i = j
                continue
            }
            if upper == nil, unit == .count || unit == .plain, first.isInteger, value < 10, !first.hadComma {
                unit = .count
            }
            let text = String(String.UnicodeScalarView(chars[start..<j]))
            if unit == .plain && upper != nil && text.hasSuffix("%") { unit = .percent }
            result.append(Quantity(value: value, upper: upper, unit: unit, text: text))
            i = j
        }
        return result
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    private static func isLetter(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }
    private static func isWordChar(_ c: Unicode.Scalar) -> Bool { isDigit(c) || isLetter(c) || c == "_" }

    private static func skipNumber(_ chars: [Unicode.Scalar], from i: Int) -> Int {
        var k = i
        while k < chars.count, isWordChar(chars[k]) || chars[k] == "." { k += 1 }
        return max(k, i + 1)
    }

    struct Number {
        var value: Double
        var end: Int
        var hadComma: Bool
        var isInteger: Bool
    }

    /// Digits with thousands commas (`1,000`) and an optional decimal part.
    static func number(_ chars: [Unicode.Scalar], from i: Int) -> Number? {
        var k = i
        var digits = ""
        var hadComma = false
        var isInteger = true
        while k < chars.count {
            if isDigit(chars[k]) {
                digits.unicodeScalars.append(chars[k])
                k += 1
            } else if isThousandsComma(chars, at: k), !digits.contains(".") {
                hadComma = true
                k += 1
            } else if chars[k] == ".", k + 1 < chars.count, isDigit(chars[k + 1]), isInteger {
                isInteger = false
                digits.append(".")
                k += 1
            } else {
                break
            }
        }
        guard let value = Double(digits) else { return nil }
        return Number(value: value, end: k, hadComma: hadComma, isInteger: isInteger)
    }

    /// A comma followed by exactly three digits ("1,000"), not a list comma ("1, 2").
    private static func isThousandsComma(_ chars: [Unicode.Scalar], at k: Int) -> Bool {
        guard chars[k] == ",", k + 3 < chars.count else { return false }
        guard isDigit(chars[k + 1]), isDigit(chars[k + 2]), isDigit(chars[k + 3]) else { return false }
        return k + 4 == chars.count || !isDigit(chars[k + 4])
    }

    /// After a number: a range separator or "to", then another number.
    private static func followingRange(_ chars: [Unicode.Scalar], from end: Int, words: [String]) -> Number? {
        var k = end
        if k < chars.count, chars[k] == "%" { k += 1 }  // "88%–91%"
        var sawSpace = false
        while k < chars.count, chars[k] == " " { k += 1; sawSpace = true }
        for w in words {
            let scalars = Array(w.unicodeScalars)
            guard k + scalars.count <= chars.count, Array(chars[k..<(k + scalars.count)]) == scalars else { continue }
            // A spaced hyphen is punctuation ("5 - the"), not a range; "to" needs spaces.
            if w == "to" && !sawSpace { continue }
            var m = k + scalars.count
            while m < chars.count, chars[m] == " " { m += 1 }
            if w == "to", m == k + scalars.count { continue }
            guard m < chars.count, isDigit(chars[m]) else { continue }
            return number(chars, from: m)
        }
        return nil
    }

    /// Whether the run of letters starting at `i` is `target` (lowercase ASCII) in any case. Compared scalar by
    /// scalar rather than by lowercasing a String made of the run: no other letters lowercase to ASCII ones.
    private static func isWord(_ chars: [Unicode.Scalar], from i: Int, _ target: StaticString) -> Bool {
        var end = i
        while end < chars.count, isLetter(chars[end]) { end += 1 }
        return matches(chars[i..<end], target)
    }

    /// Index where `word` starts if it stands right before position `i` ("from 0.94").
    private static func precedingWord(_ chars: [Unicode.Scalar], before i: Int, equals target: StaticString) -> Int? {
        var k = i - 1
        guard k >= 0, chars[k] == " " else { return nil }
        while k >= 0, chars[k] == " " { k -= 1 }
        var startIndex = k
        while startIndex >= 0, isLetter(chars[startIndex]) { startIndex -= 1 }
        guard startIndex < k else { return nil }  // no word right before the number ("1 2", "(3")
        return matches(chars[(startIndex + 1)...k], target) ? startIndex + 1 : nil
    }

    /// `word` equals the lowercase ASCII `target` once lowercased.
    private static func matches(_ word: ArraySlice<Unicode.Scalar>, _ target: StaticString) -> Bool {
        guard word.count == target.utf8CodeUnitCount else { return false }
        return zip(word, UnsafeBufferPointer(start: target.utf8Start, count: target.utf8CodeUnitCount)).allSatisfy { scalar, byte in
            scalar.value == UInt32(byte) || (scalar.value >= 0x41 && scalar.value <= 0x5A && scalar.value + 32 == UInt32(byte))
        }
    }
}
