import GraphAnalysis
import NoteGraph
import Testing

/// Claim types come from cue lists checked in one pass per sentence; each rule of `classify` decides here.
@Suite("Claim classifier")
struct ClaimClassifierTests {
    static func type(_ sentence: String) -> ClaimType? {
        ClaimClassifier.classify(sentence, quantities: QuantityParser.quantities(in: sentence))
    }

    @Test(arguments: [
        ("KTO closes 88–91% of the alignment gap on the benchmark.", ClaimType.quantitative),  // a percentage
        ("The model reaches a score of 12 on the held out split today.", .quantitative),  // any number states a result
        ("We propose a preference objective that needs no reference model at all.", .method),  // method cue and "we"
        ("This paper introduces a framework for aligning models with human feedback.", .method),  // "introduces"
        ("Reward models fail to generalise to prompts outside the training mixture.", .limitation),
        ("The training recipe does not transfer to smaller models in our hands.", .limitation),  // two-word cue
        ("A new decoding algorithm for long documents and the tasks around them.", .method),  // method cue alone
        ("Post-training activates capabilities that the base model already has inside.", .finding),
        ("Preference tuning shows consistent gains across every domain we tried.", .finding),
    ])
    func sentencesGetTheirType(sentence: String, expected: ClaimType) {
        #expect(Self.type(sentence) == expected, "\(sentence)")
    }

    @Test(arguments: [
        "Why does KTO skip supervised fine-tuning while DPO cannot?",  // a question
        "Short fragment here.",  // under six words
        "The weather in the valley was pleasant during the whole of spring.",  // no cue, no number
    ])
    func nonClaimsGetNoType(sentence: String) {
        #expect(Self.type(sentence) == nil, "\(sentence)")
    }
}
