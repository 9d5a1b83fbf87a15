import NoteGraph

/// The status of one inquiring line and the reasons for it.
///
/// - open: the page admits the corpus lacks the answer, and a key concept of the question appears in no note or paper;
/// - partial: it admits a gap but its key concepts are covered, or it admits none but a key concept is uncovered;
/// - answered: neither.
struct QuestionAssessment {
    var status: QuestionStatus
    var reasons: [String]

    static func assess(text: CorpusText, keyConcepts: [String], uncovered: [String]) -> QuestionAssessment {
        let gaps = GapStatementFinder.gapSentences(text.proseSentences)
        var reasons: [String] = []
        for gap in gaps.prefix(3) {
            reasons.append("The inquiring line states a gap: “\(gap)”")
        }
        if !uncovered.isEmpty {
            let list = uncovered.joined(separator: ", ")
            reasons.append(uncovered.count == 1
                ? "\(list) appears in no note or paper of the corpus."
                : "\(list) appear in no note or paper of the corpus.")
        }
        let status: QuestionStatus
        switch (gaps.isEmpty, uncovered.isEmpty) {
        case (false, false): status = .open
        case (false, true):
            status = .partial
            if !keyConcepts.isEmpty {
                reasons.append("Its key concepts (\(keyConcepts.joined(separator: ", "))) are covered by other notes.")
            }
        case (true, false): status = .partial
        case (true, true):
            status = .answered
            reasons.append("The inquiring line admits no gap and its key concepts are covered.")
        }
        return QuestionAssessment(status: status, reasons: reasons)
    }
}
