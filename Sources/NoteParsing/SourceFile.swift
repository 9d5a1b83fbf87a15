/// One note file as read from disk: its path relative to the notes folder (`/`-separated) and its text.
///
/// Every stage after reading works on these values, so nothing below the executable needs the file system.
public struct SourceFile: Sendable, Hashable {
    /// Path relative to the notes folder, with `/` separators (`papers/implicit-reward.md`).
    public var path: String
    /// The file's text, already decoded (invalid UTF-8 replaced and reported by the reader).
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}
