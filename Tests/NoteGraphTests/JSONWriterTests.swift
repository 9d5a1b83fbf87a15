import Foundation
import GraphQuery
import Testing

/// `JSONWriter` escapes strings a word at a time and formats numbers itself; it must print what `JSONEncoder`
/// prints for the same values (graph.json's contract: other tools parse it).
@Suite("JSON writer")
struct JSONWriterTests {
    static let strings: [String] = [
        "", "plain", "quote \" and backslash \\", "controls \u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}", "slash / stays",
        "exactly8", "seven7!", "sixteen bytes ok", String(repeating: "long plain run ", count: 20) + "\"end",
        "Ünïcödé — “quotes” ✓ 🙂", "line\u{2028}separator\u{2029}", "<script>&amp;</script>", "\u{7F}\u{80}\u{FF}",
        "a\"", "\"a", "12345678\"", "1234567\\", "\u{E2}\u{80}", "tail\u{1}",
    ]

    @Test func stringsMatchJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        for s in Self.strings {
            var w = JSONWriter()
            w.string(s)
            #expect(String(decoding: w.bytes, as: UTF8.self) == String(decoding: try encoder.encode(s), as: UTF8.self), "\(s.debugDescription)")
        }
    }

    @Test func scriptSafeStringsParseBack() throws {
        for s in Self.strings {
            var w = JSONWriter(scriptSafe: true)
            w.string(s)
            let text = String(decoding: w.bytes, as: UTF8.self)
            #expect(!text.contains("<") && !text.contains(">") && !text.contains("&") && !text.contains("\u{2028}"))
            #expect(try JSONDecoder().decode(String.self, from: Data(w.bytes)) == s, "\(s.debugDescription)")
        }
    }

    @Test func numbersMatchJSONEncoder() throws {
        let ints = [0, 7, -7, 10, 99, 100, 12345, -1_000_000, Int.max, Int.min]
        let doubles = [0.0, -0.0, 1.0, -2.0, 3.5, 0.1, 1e-7, 123456.789, 1e15, 9007199254740992, 9007199254740994, 1e16, -1e15, -0.25, 5e-324, 1e300]
        var w = JSONWriter()
        w.beginArray()
        for n in ints { w.number(n) }
        for x in doubles { w.number(x) }
        w.endArray()
        let expected = "[" + (ints.map { "\($0)" } + doubles.map { x in
            String(decoding: try! JSONEncoder().encode(x), as: UTF8.self)
        }).joined(separator: ",") + "]"
        #expect(String(decoding: w.bytes, as: UTF8.self) == expected)
    }

    @Test func nestingBeyondSixtyFourLevelsKeepsItsCommas() throws {
        var w = JSONWriter()
        for _ in 0..<70 { w.beginArray(); w.number(1) }
        for _ in 0..<70 { w.number(2); w.endArray() }
        var expected = ""
        for _ in 0..<70 { expected += "[1," }
        expected += "2" + String(repeating: "],2", count: 69) + "]"
        #expect(String(decoding: w.bytes, as: UTF8.self) == expected)
    }

    @Test func objectsSeparateFieldsAndSkipMissingOnes() {
        var w = JSONWriter()
        w.beginObject()
        w.field("a", 1 as Int?)
        w.field("b", nil as String?)
        w.field("c", ["x", "y"])
        w.field("d", [String]())
        w.key("e")
        w.string("page", "#", "anchor")
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"a":1,"c":["x","y"],"e":"page#anchor"}"#)
    }
}
