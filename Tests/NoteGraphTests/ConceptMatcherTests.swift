@testable import GraphAnalysis
import NoteGraph
import NoteParsing
import Testing

/// The byte-level concept matcher must find exactly what matching by String words finds.
@Suite("Concept matcher")
struct ConceptMatcherTests {
    static let catalog = ConceptCatalog(definitions: [
        ("DPO", "Direct Preference Optimization"), ("KTO", "Kahneman-Tversky Optimization"), ("SFT", "Supervised Fine-Tuning"),
        ("LLM", "Large Language Model"), ("PRM", "Process Reward Model"), ("MoE", "Mixture of Experts"), ("KL", "Kullback–Leibler"),
        ("RLHF", "Reinforcement Learning from Human Feedback"), ("GRPO", "Group Relative Policy Optimization"), ("PPO", "Proximal Policy Optimization"),
        ("SSM", "State Space Model"), ("ToT", "Tree of Thoughts"), ("SPIN", "Self-Play Fine-Tuning"), ("3D", "Three Dimensions"),
    ].map { ConceptDefinition(acronym: $0.0, expansion: $0.1, sentence: "\($0.1) (\($0.0)) is defined here.") })

    static let sentences = [
        "DPO and KTO differ.", "DPOs are cheap; KTOs too.", "dpo in lower case is not the acronym.", "The SFT-trained model.",
        "Direct preference optimizations beat PPO.", "Large language models (LLMs) and process reward models.",
        "Mixture of Experts routing; a mixture of expert opinions.", "The Kullback–Leibler term and the Kullback-Leibler one.",
        "Reinforcement learning from human feedback, RLHF's cost.", "Group relative policy optimization (GRPO) vs PPO2.",
        "State space models", "state-space models", "Trees of thought and tree of thoughts.", "Self-play fine-tuning", "3D and 3Ds.",
        "Supervised fine-tuning’s limits — and “SFT” in quotes.", "Large × language model", "LLM’s", "Mixtures of Experts",
        "Schrödinger’s DPO", "Ünïcode LLM", "KTO²", "½ SFT", "", "s", "DPOss", "policies", "The Process Reward Model's score.",
        "Kahneman-Tversky optimization is KTO.", "LARGE LANGUAGE MODEL", "large   language\tmodel", "largelanguage model",
    ]

    @Test func findsWhatWordMatchingFinds() throws {
        var corpus = Self.sentences
        for document in try CorpusFixture.documents("corpus-everything") {
            corpus.append(document.title)
            corpus += document.paragraphs.flatMap(\.sentences)
        }
        var byBytes = 0, mentioning = 0
        for sentence in corpus {
            let expected = Self.catalog.mentionsByWords(in: sentence)
            #expect(Self.catalog.mentions(in: sentence) == expected, "\(sentence)")
            if !expected.isEmpty { mentioning += 1 }
            if ConceptMatcher(acronyms: [], phrases: [], onlyWithCapitals: true).mentions(in: sentence) != nil { byBytes += 1 }
        }
        #expect(mentioning > 20)
        #expect(byBytes * 10 > corpus.count * 8)  // the byte path is the one nearly every sentence takes
    }

    @Test func lettersBeyondASCIIGoToTheWordMatcher() {
        let matcher = ConceptMatcher(acronyms: ["DPO"], phrases: [], onlyWithCapitals: true)
        #expect(matcher.mentions(in: "Schrödinger’s DPO") == nil)
        #expect(matcher.mentions(in: "DPO — with “quotes” and × signs") == [0])
    }
}
