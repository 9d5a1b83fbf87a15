import Foundation
import NoteParsing

/// Reads a notes folder: every `.md` file below it, as `SourceFile`s with paths relative to the folder.
///
/// Never follows a symbolic link out of the folder, skips hidden entries (`.obsidian/`, `.git/`), and reports
/// unreadable files and invalid UTF-8 as diagnostics instead of stopping.
public struct NotesFolder: Sendable {
    public let root: URL

    public init(_ root: URL) {
        self.root = root.standardizedFileURL
    }

    public func read() throws -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WorkspaceError.notesFolderMissing(root.path)
        }
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        let rootPath = root.resolvingSymlinksInPath().path
        for relative in try markdownPaths() {
            let url = root.appendingPathComponent(relative)
            let resolved = url.resolvingSymlinksInPath().path
            guard resolved.hasPrefix(rootPath + "/") else {
                diagnostics.append(.warning(relative, "skipped: a link pointing outside the notes folder"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                diagnostics.append(.error(relative, "cannot read this file (permissions?); it is left out of the build"))
                continue
            }
            let (text, invalidAt) = NotesFolder.decode(data)
            if let invalidAt {
                diagnostics.append(.warning(relative, at: invalidAt, "invalid UTF-8; bad bytes were replaced with U+FFFD"))
            }
            files.append(SourceFile(path: relative, text: text))
        }
        return (files, diagnostics)
    }

    /// Relative paths of the Markdown files, sorted, hidden folders skipped.
    func markdownPaths() throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]
        ) else { return [] }
        var paths: [String] = []
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in enumerator where url.pathExtension.lowercased() == "md" {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            paths.append(String(path.dropFirst(prefix.count)))
        }
        return paths.sorted()
    }

    /// UTF-8 decoding that keeps going: invalid bytes become U+FFFD and the first one's position is returned.
    static func decode(_ data: Data) -> (String, SourceLocation?) {
        if let s = String(data: data, encoding: .utf8) { return (s, nil) }
        let bytes = [UInt8](data)
        var line = 1, column = 1, i = 0
        var firstBad: SourceLocation?
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var output = String.UnicodeScalarView()
        decodeLoop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                output.append(s)
                if s == "\n" { line += 1; column = 1 } else { column += String(s).utf8.count }
            case .error:
                if firstBad == nil { firstBad = SourceLocation(line: line, column: column) }
                output.append("\u{FFFD}")
                column += 1
            case .emptyInput:
                break decodeLoop
            }
            i += 1
        }
        return (String(output), firstBad)
    }
}
