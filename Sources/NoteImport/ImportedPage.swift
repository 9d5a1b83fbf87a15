import NoteParsing

/// A page read from an export, before citations are linked and Markdown is written.
struct ImportedPage {
    var kind: NoteKind
    var title: String
    var exportName: String
    var summary: String?
    var date: String?
    var collection: String?
    var categories: [String] = []
    var tags: [String] = []
    var arxiv: String?
    var source: String?
    var origin: String?
    /// Topic-hub titles of a note's big-questions line.
    var bigQuestions: [String] = []
    /// The line under a note's metadata line, until it is known whether it lists big questions.
    var bigQuestionsLine: String?
    /// Body paragraphs as plain text; list items keep their `- ` / `1. ` marker.
    var paragraphs: [String] = []
    /// An inquiring line's Sources entries.
    var sources: [(title: String, summary: String)] = []
    /// An inquiring line's Next inquiring lines.
    var next: [String] = []
    /// A hub's sections.
    var sections: [(name: String, entries: [(title: String, description: String)])] = []
    /// A paper's abstract (after the heading).
    var abstract: [String] = []
}
