// Page models: plain values the templates render. Every decision (what to show, in which order, with which
// label) is made here in Swift; templates only print fields and loop over arrays. Fields holding HTML that
// Swift already escaped end in `HTML` and are printed with triple braces.

/// What every page's layout needs.
struct Layout {
    var pageTitle: String
    var siteTitle: String
    /// Prefix from this page back to the site root: "" or "../".
    var root: String
    var description: String
}

/// A link to a node's page, relative to the current page.
struct LinkView: Hashable {
    var title: String
    var href: String
    var kind: String
    var kindLabel: String
}

/// One row of a metadata table; `href` makes the value a link.
struct MetaRow {
    var label: String
    var values: [MetaValue]
}

struct MetaValue {
    var text: String
    var href: String?
}

/// A piece of evidence shown under a question.
struct EvidenceView {
    var rank: Int
    var link: LinkView
    var score: String
    var reason: String
    /// The citing sentence (cited evidence) or what the evidence says (uncited).
    var sentence: String?
    var cited: Bool
}

/// An open or partial question with its evidence.
struct QuestionView {
    var link: LinkView
    var status: String
    var statusLabel: String
    var reasons: [String]
    var cited: [EvidenceView]
    var uncited: [EvidenceView]
    var hasCited: Bool
    var hasUncited: Bool
}

/// An edge seen from a page: its kind, the other end, and the sentence that made it.
struct EdgeView {
    var kindLabel: String
    var link: LinkView
    var sentence: String?
}

struct ClaimView {
    var anchor: String
    var text: String
    var type: String
    var numbers: String?
    /// The note stating it (on concept pages).
    var source: LinkView?
}

struct UnresolvedView {
    var target: String
    var line: Int
    var suggestion: String?
}

struct CountedLink {
    var name: String
    var href: String
    var count: Int
}

struct IndexSection {
    var heading: String
    var anchor: String
    var count: Int
    var items: [LinkView]
    /// Set when the index shows only the first entries: the full list's page.
    var moreHref: String?
}

struct IndexPage {
    var layout: Layout
    var noteCount: Int
    var openCount: Int
    var questions: [QuestionView]
    var hasQuestions: Bool
    var sections: [IndexSection]
    var tags: [CountedLink]
    var hasTags: Bool
    var collections: [CountedLink]
    var hasCollections: Bool
}

struct NodePage {
    var layout: Layout
    var title: String
    var kind: String
    var kindLabel: String
    var status: String?
    var statusLabel: String?
    var reasons: [String]
    var meta: [MetaRow]
    var hasMeta: Bool
    var summary: String?
    var knownOnlyFromSources: Bool
    var bodyHTML: String
    var claims: [ClaimView]
    var hasClaims: Bool
    var concepts: [LinkView]
    var hasConcepts: Bool
    var question: QuestionView?
    var outgoing: [EdgeView]
    var hasOutgoing: Bool
    var backlinks: [EdgeView]
    var hasBacklinks: Bool
    var moreBacklinks: String?
    var unresolved: [UnresolvedView]
    var hasUnresolved: Bool
    var graphSVG: String
}

struct ConceptPage {
    var layout: Layout
    var acronym: String
    var aliases: [String]
    var hasAliases: Bool
    var definition: String?
    var questions: [EdgeView]
    var hasQuestions: Bool
    var moreQuestions: String?
    var notes: [EdgeView]
    var hasNotes: Bool
    var moreNotes: String?
    var claims: [ClaimView]
    var hasClaims: Bool
    var moreClaims: String?
    var graphSVG: String
}

struct ListPage {
    var layout: Layout
    var heading: String
    var title: String
    var items: [LinkView]
}

struct SearchPage {
    var layout: Layout
    var items: [LinkView]
}
