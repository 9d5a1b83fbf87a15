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
