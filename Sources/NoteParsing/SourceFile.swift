/// One note file as read from disk: its path relative to the notes folder (`/`-separated) and its text.
///
/// Every stage after reading works on these values, so nothing below the executable needs the file system.
public struct SourceFile: Sendable, Hashable {
    /// Path relative to the notes folder, with `/` separators (`papers/implicit-reward.md`).
    public var path: String
    /// The file's text, already decoded (invalid UTF-8 replaced and reported by the reader); empty when `isUnread`.
    public var text: String
    /// The file was not read: the reader vouches that it is the file the last build read (see
    /// `InputSignature.notesUnchanged(since:)`) and that the parse cache holds its document, decoded ahead.
    public private(set) var isUnread = false

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The last component of a `/`-separated path like `path` (a note's file name), found on the bytes: the
    /// parser and link resolution take it for every note in every build, and splitting the path walked it by
    /// Characters.
    public static func fileName(of path: String) -> Substring {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.index(after: $0)...] } ?? path[...]
    }

    /// A note left unread because it is unchanged since the last build (see `isUnread`).
    public static func unread(path: String) -> SourceFile {
        var file = SourceFile(path: path, text: "")
        file.isUnread = true
        return file
    }
}
