/// A title, alias or path as a table key: equal as Strings are (canonically equivalent texts are equal), hashed
/// as `NodeID` is, with FNV-1a over the bytes of an ASCII text instead of String's normalising SipHash. Every link
/// is looked up by its target's text, and every note put in four tables.
struct TextKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        hasher.combine(NodeID.stableHash(text))
    }
}
