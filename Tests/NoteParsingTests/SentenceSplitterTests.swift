import NoteParsing
import Testing

@Suite("SentenceSplitter")
struct SentenceSplitterTests {
    @Test func splitsAtTerminatorsBeforeCapitals() {
        #expect(SentenceSplitter.split("One thing. Another thing! A third? Yes.") == ["One thing.", "Another thing!", "A third?", "Yes."])
    }

    @Test func keepsAbbreviationsDecimalsAndLowercaseContinuations() {
        #expect(SentenceSplitter.split("It rose to 0.94 vs. 0.31, e.g. in Fig. 2 of Smith et al. 2023. Then it fell.")
            == ["It rose to 0.94 vs. 0.31, e.g. in Fig. 2 of Smith et al. 2023.", "Then it fell."])
    }

    @Test func neverSplitsInsideAProtectedTitle() {
        let text = "It teaches format Does SFT work? Really?. Next sentence."
        let start = text.utf8.count - "Does SFT work? Really?. Next sentence.".utf8.count
        let end = start + "Does SFT work? Really?".utf8.count
        #expect(SentenceSplitter.split(text, protected: [start..<end]) == ["It teaches format Does SFT work? Really?.", "Next sentence."])
    }

    @Test func spacedEmDashContinuesTheSentence() {
        #expect(SentenceSplitter.split("When does it help? — the strongest threads say rarely.") == ["When does it help? — the strongest threads say rarely."])
    }
}

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
}
