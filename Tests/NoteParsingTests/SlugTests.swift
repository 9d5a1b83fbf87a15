@testable import NoteParsing
import Testing

@Suite("Slug")
struct SlugTests {
    @Test func foldsCaseAccentsAndPunctuation() {
        #expect(Slug.make("Why does KTO skip supervised fine-tuning while DPO cannot?") == "why-does-kto-skip-supervised-fine-tuning-while-dpo-cannot")
        #expect(Slug.make("Model's café") == "models-cafe")
    }

    @Test func nfcAndNfdTitlesGiveTheSameSlug() {
        #expect(Slug.make("na\u{00EF}ve caf\u{00E9}") == Slug.make("nai\u{0308}ve cafe\u{0301}"))
    }

    @Test func capsLengthAtAWordBoundaryAndNeverEmpty() {
        let long = String(repeating: "word ", count: 100)
        let slug = Slug.make(long)
        #expect(slug.utf8.count <= 80)
        #expect(!slug.hasSuffix("-"))
        #expect(Slug.make("../../etc/passwd") == "etc-passwd")
        #expect(Slug.make("???") == "untitled")
    }

    /// The ASCII path works on bytes; it must give what the general one gives, cut included.
    @Test func asciiTextsSlugAsTheGeneralPathDoes() {
        let alphabet = Array("aZ09 -'?./_\t\nKtoDPO!(),:;\"".utf8)
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(Int.max))
        }
        var texts = ["", "'", "---", "a", "Why does KTO skip supervised fine-tuning while DPO cannot?", String(repeating: "x", count: 300)]
        for _ in 0..<5_000 {
            let length = next() % 200
            texts.append(String(decoding: (0..<length).map { _ in alphabet[next() % alphabet.count] }, as: UTF8.self))
        }
        for text in texts {
            for cap in [1, 5, 80, 200] {
                #expect(Slug.ascii(text, maxLength: cap) == Slug.unicode(text, maxLength: cap), "\(text.debugDescription), cap \(cap)")
            }
        }
    }
}
