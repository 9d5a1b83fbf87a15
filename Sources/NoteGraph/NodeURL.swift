/// Where a node's page is, kept in two parts when the node is an anchor on another node's page (a claim on the
/// page of the note that states it): that page's url, the very string the other node holds rather than a copy
/// of it, and the fragment, which is short enough (`claim-1a2b3c4d`) to be stored inline in the String. At
/// 10,000 notes a hundred thousand claims each held a url string of its own, 14 MB for as long as the graph lives.
///
/// Compares and hashes as the whole url, however it is split.
@usableFromInline struct NodeURL: Sendable, Hashable {
    @usableFromInline var page: String
    /// Without the `#`; nil when `page` is the whole url.
    @usableFromInline var fragment: String?

    init(_ url: String) {
        page = url
    }

    init(page: String, fragment: String) {
        self.page = page
        self.fragment = fragment
    }

    /// The page and the fragment, apart.
    @inlinable var parts: (page: String, fragment: String?) { (page, fragment) }

    /// `page#fragment`, or the page alone.
    @inlinable var string: String {
        fragment.map { page + "#" + $0 } ?? page
    }

    @usableFromInline static func == (a: NodeURL, b: NodeURL) -> Bool {
        a.fragment == nil && b.fragment == nil ? a.page == b.page : a.string == b.string
    }

    @usableFromInline func hash(into hasher: inout Hasher) {
        hasher.combine(string)
    }
}
