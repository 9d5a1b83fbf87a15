import NoteGraph
import NoteParsing

/// The text of one document node as analysis sees it, computed once and shared by every analysis step.
struct CorpusText: Sendable {
    var id: NodeID
    /// The document's path, which the analysis memo is keyed by.
    var path: String
    var kind: NodeKind
    var title: String
    /// Sentences of paragraphs outside the listing sections (Sources, Next inquiring lines).
    var proseSentences: [String]
    /// Every sentence including listings, for concept definitions and mentions.
    var allSentences: [String]

    init(id: NodeID, document: NoteDocument) {
        self.id = id
        self.path = document.path
        self.kind = NodeKind(document.kind)
        self.title = document.title
        var prose: [String] = []
        var all: [String] = [document.title]
        for paragraph in document.paragraphs {
            all += paragraph.sentences
            if !GraphBuilder.isListing(paragraph.section) {
                prose += paragraph.sentences
            }
        }
        if let summary = document.frontMatter.summary {
            all.append(summary)
            prose.append(summary)
        }
        self.proseSentences = prose
        self.allSentences = all
    }

    /// Ranking terms of title (twice, so titles weigh more) and body. Not kept with the text: only the BM25
    /// index reads them, and every note's terms at once were a tenth of a 10,000-note build's memory.
    static func terms(of document: NoteDocument) -> [String] {
        let titleTerms = TextTokens.terms(document.title)
        return titleTerms + titleTerms + TextTokens.terms(document.plainText + " " + (document.frontMatter.summary ?? ""))
    }
}
