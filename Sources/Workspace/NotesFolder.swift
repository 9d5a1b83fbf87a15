import Foundation
import NoteParsing

#if canImport(Glibc)
import Glibc
#endif

/// Reads a notes folder: every `.md` file below it, as `SourceFile`s with paths relative to the folder.
///
/// Reads only what is inside the folder: the walk goes through open folder descriptors (`openat` with
/// `O_NOFOLLOW`), so a symbolic link — to a note or a folder, inside or outside — is never followed, and only
/// regular files are opened (a FIFO named `x.md` would otherwise block the build). Hidden entries (`.obsidian/`,
/// `.git/`) are skipped. Problems never stop the read; each becomes a diagnostic:
/// - a link, a FIFO, socket or device named `*.md`: a warning, skipped;
/// - a file or folder that cannot be opened or read: an error naming the system's reason, left out;
/// - invalid UTF-8: a warning at the first bad byte (`file:line:col`), every bad sequence replaced with U+FFFD;
/// - NUL bytes: a warning at the first one, each replaced with U+FFFD (they would cut front matter short);
/// - a file name that is not valid UTF-8, holds control characters, or differs from another only in Unicode
///   normalization: a warning, and the name is shown with those bytes as `%XX` (see `shown`).
/// A byte-order mark and CRLF line ends are kept here and normalised by `NoteParser`.
public struct NotesFolder: Sendable {
    public let root: URL

    public init(_ root: URL) {
        self.root = root.standardizedFileURL
    }

    public func read() throws -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        let read = try read(skipping: [])
        return (read.files, read.diagnostics)
    }

    /// What `read(skipping:)` found.
    public struct Contents: Sendable {
        /// The notes in path order, those skipped as `SourceFile.unread`.
        public var files: [SourceFile]
        public var diagnostics: [Diagnostic]
        /// The notes whose text had invalid UTF-8 or NUL bytes: their warnings come from reading them, so the next
        /// build must read them again to give the warnings again (see `skipping`).
        public var textProblems: [String]
    }

    /// Reads the notes, except those at the paths in `unchanged`, which come back as `SourceFile.unread` (the
    /// caller vouches that they are the files the last build read, see `InputSignature.notesUnchanged(since:)`).
    /// A note whose name is shown escaped is always read.
    public func read(skipping unchanged: Set<String>) throws -> Contents {
        let rootFD = try openRoot()
        var walk = Walk()
        walk.list(rootFD, prefix: [])
        defer { for fd in walk.folders { close(fd) } }
        let notes = walk.notes.sorted { $0.path.lexicographicallyPrecedes($1.path) }
        var diagnostics = walk.diagnostics
        var seen: [String: String] = [:]
        let paths = notes.map { note in
            // Paths are Swift strings, equal when canonically equivalent: two names that differ only in Unicode
            // normalization (a folder copied from macOS) would be one path. The second one is shown escaped.
            var path = Self.shown(note.path)
            if let other = seen[path] {
                path = Self.shown(note.path, escapingAll: true)
                diagnostics.append(.warning(path, "the file name differs from \(other)'s only in Unicode normalization; its bytes beyond ASCII are shown as %XX"))
            } else if String(validating: note.path, as: UTF8.self) == nil {
                diagnostics.append(.warning(path, "the file name is not valid UTF-8; its bytes beyond ASCII are shown as %XX"))
            } else if note.path.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
                diagnostics.append(.warning(path, "the file name holds control characters, shown as %XX"))
            }
            seen[path] = path
            return path
        }
        let skipped = zip(notes, paths).map { note, path in unchanged.contains(path) && path.utf8.elementsEqual(note.path) }
        // Reading is one open/read/close per note: spread it over the cores.
        let contents = parallelMap(Array(notes.indices)) { i in skipped[i] ? nil : NotesFolder.readFile(notes[i].folder, notes[i].name) }
        var files: [SourceFile] = []
        files.reserveCapacity(notes.count)
        var textProblems: [String] = []
        for (path, content) in zip(paths, contents) {
            switch content {
            case nil:
                files.append(.unread(path: path))
            case .failure(let reason):
                diagnostics.append(.error(path, "cannot read this file (\(reason)); it is left out of the build"))
            case .success(let bytes):
                let decoded = NotesFolder.decode(bytes)
                if let bad = decoded.invalid {
                    diagnostics.append(.warning(path, at: bad.at, "invalid UTF-8 (\(bad.count) bad byte sequence\(bad.count == 1 ? "" : "s")); replaced with U+FFFD"))
                }
                if let nul = decoded.nul {
                    diagnostics.append(.warning(path, at: nul.at, "NUL byte\(nul.count == 1 ? "" : "s") (\(nul.count)) replaced with U+FFFD"))
                }
                if decoded.invalid != nil || decoded.nul != nil { textProblems.append(path) }
                files.append(SourceFile(path: path, text: decoded.text))
            }
        }
        return Contents(files: files, diagnostics: diagnostics.sorted(), textProblems: textProblems)
    }

    /// A file name as notegraph shows it (in diagnostics, as the note's path): as it is, except that control
    /// characters — and, when the name is not valid UTF-8 or `escapingAll`, every byte beyond ASCII and `%` — are
    /// written `%XX`, so each name stays on one line and two different names never look the same.
    static func shown(_ path: [UInt8], escapingAll: Bool = false) -> String {
        if path.isEmpty { return "." }
        let escapeHigh = escapingAll || String(validating: path, as: UTF8.self) == nil
        if !escapeHigh, !path.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return String(decoding: path, as: UTF8.self) }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in path {
            if byte < 0x20 || byte == 0x7F || (escapeHigh && (byte >= 0x80 || byte == UInt8(ascii: "%"))) {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The folder itself (a link here is followed: it is the folder the user named).
    private func openRoot() throws -> Int32 {
        let fd = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw WorkspaceError.notesFolderMissing(root.path) }
            throw WorkspaceError.cannotRead(root.path, reason: String(cString: strerror(errno)))
        }
        return fd
    }

    /// Relative paths of the Markdown files, sorted, hidden folders skipped.
    func markdownPaths() throws -> [String] {
        let rootFD = try openRoot()
        var walk = Walk()
        walk.list(rootFD, prefix: [])
        for fd in walk.folders { close(fd) }
        return walk.notes.sorted { $0.path.lexicographicallyPrecedes($1.path) }.map { Self.shown($0.path) }
    }

    /// The folder walk: open folder descriptors, the notes found (folder descriptor and name), and the problems.
    /// Whether a file name (its bytes) is a note's: more than `.md`, ending in `.md` in any case. The one rule for
    /// reading the folder and for the build's input signature, which must pick the same files.
    static func isMarkdown<Name: RandomAccessCollection<UInt8>>(_ name: Name) -> Bool where Name.Index == Int {
        let n = name.startIndex + name.count
        return name.count > 3 && name[n - 3] == UInt8(ascii: ".") && name[n - 2] | 0x20 == UInt8(ascii: "m")
            && name[n - 1] | 0x20 == UInt8(ascii: "d")
    }

    private struct Walk {
        struct Note: Sendable {
            var folder: Int32
            var name: [UInt8]
            var path: [UInt8]
        }
        var folders: [Int32] = []
        var notes: [Note] = []
        var diagnostics: [Diagnostic] = []

        mutating func list(_ fd: Int32, prefix: [UInt8]) {
            folders.append(fd)
            guard let dir = fdopendir(dup(fd)) else {
                diagnostics.append(.error(Self.shown(prefix), "cannot read this folder (\(Self.reason())); its notes are left out of the build"))
                return
            }
            var entries: [(name: [UInt8], type: UInt8)] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                guard name.first != UInt8(ascii: ".") else { continue }  // ., .. and hidden entries
                entries.append((name, entry.pointee.d_type))
            }
            closedir(dir)
            for (name, direntType) in entries.sorted(by: { $0.name.lexicographicallyPrecedes($1.name) }) {
                let path = prefix + name
                var type = direntType
                if type == UInt8(DT_UNKNOWN) {  // some file systems leave the type to `stat`
                    var st = stat()
                    guard Self.statNoFollow(fd, name, &st) else { continue }
                    type = Self.direntType(st.st_mode)
                }
                let isNote = NotesFolder.isMarkdown(name)
                switch type {
                case UInt8(DT_DIR):
                    let sub = Self.openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    if sub < 0 {
                        diagnostics.append(.error(Self.shown(path), "cannot read this folder (\(Self.reason())); its notes are left out of the build"))
                    } else {
                        list(sub, prefix: path + [UInt8(ascii: "/")])
                    }
                case UInt8(DT_REG) where isNote:
                    notes.append(Note(folder: fd, name: name, path: path))
                case UInt8(DT_LNK):
                    // A link is never followed, wherever it points (the notes folder is the only thing notegraph reads).
                    var st = stat()
                    let toFolder = Self.statFollowing(fd, name, &st) && st.st_mode & S_IFMT == S_IFDIR
                    if isNote || toFolder {
                        diagnostics.append(.warning(Self.shown(path), "skipped: a symbolic link (notegraph never follows links, so it reads nothing outside the notes folder)"))
                    }
                case _ where isNote:
                    diagnostics.append(.warning(Self.shown(path), "skipped: not a regular file (a FIFO, socket or device)"))
                default:
                    break
                }
            }
        }


        static func shown(_ path: [UInt8]) -> String { NotesFolder.shown(path) }

        static func reason() -> String { String(cString: strerror(errno)) }

        static func openat(_ fd: Int32, _ name: [UInt8], _ flags: Int32) -> Int32 {
            (name + [0]).withUnsafeBufferPointer { Glibc.openat(fd, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), flags) }
        }

        static func statNoFollow(_ fd: Int32, _ name: [UInt8], _ st: inout stat) -> Bool {
            (name + [0]).withUnsafeBufferPointer { fstatat(fd, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st, AT_SYMLINK_NOFOLLOW) } == 0
        }

        /// Follows a link, for its type only (to say that a folder link was skipped); nothing is opened.
        static func statFollowing(_ fd: Int32, _ name: [UInt8], _ st: inout stat) -> Bool {
            (name + [0]).withUnsafeBufferPointer { fstatat(fd, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st, 0) } == 0
        }

        static func direntType(_ mode: mode_t) -> UInt8 {
            switch mode & S_IFMT {
            case S_IFDIR: return UInt8(DT_DIR)
            case S_IFREG: return UInt8(DT_REG)
            case S_IFLNK: return UInt8(DT_LNK)
            default: return UInt8(DT_FIFO)
            }
        }
    }

    /// Opens `name` in the folder `fd` without following a link, checks that it is a regular file, and reads it.
    private static func readFile(_ fd: Int32, _ name: [UInt8]) -> Result<[UInt8], ReadFailure> {
        // O_NONBLOCK: if the entry was swapped for a FIFO since the listing, opening it must not wait for a writer.
        let file = Walk.openat(fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { return .failure(ReadFailure(errno == ELOOP ? "it became a symbolic link" : Walk.reason())) }
        defer { close(file) }
        var st = stat()
        guard fstat(file, &st) == 0 else { return .failure(ReadFailure(Walk.reason())) }
        guard st.st_mode & S_IFMT == S_IFREG else { return .failure(ReadFailure("not a regular file")) }
        guard let bytes = FileTree.readToEnd(file, sizeHint: Int(st.st_size)) else { return .failure(ReadFailure(Walk.reason())) }
        return .success(bytes)
    }

    private struct ReadFailure: Error, CustomStringConvertible, Sendable {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// UTF-8 decoding that keeps going: invalid bytes become U+FFFD and the first one's position is returned.
    static func decode(_ data: Data) -> (String, SourceLocation?) {
        let decoded = decode([UInt8](data))
        return (decoded.text, decoded.invalid?.at)
    }

    /// A file's bytes as text: invalid UTF-8 and NUL bytes replaced with U+FFFD, with where each problem first
    /// occurs (columns in bytes, as diagnostics count them) and how often.
    static func decode(_ bytes: [UInt8]) -> (text: String, invalid: (at: SourceLocation, count: Int)?, nul: (at: SourceLocation, count: Int)?) {
        if !bytes.contains(0), let s = String(validating: bytes, as: UTF8.self) { return (s, nil, nil) }
        var line = 1, column = 1
        var invalid: (at: SourceLocation, count: Int)?
        var nul: (at: SourceLocation, count: Int)?
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var output = String.UnicodeScalarView()
        decodeLoop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\0" {
                    nul = (nul?.at ?? SourceLocation(line: line, column: column), (nul?.count ?? 0) + 1)
                    output.append("\u{FFFD}")
                    column += 1
                    continue
                }
                output.append(s)
                if s == "\n" { line += 1; column = 1 } else { column += UTF8.width(s) }
            case .error:
                invalid = (invalid?.at ?? SourceLocation(line: line, column: column), (invalid?.count ?? 0) + 1)
                output.append("\u{FFFD}")
                column += 1
            case .emptyInput:
                break decodeLoop
            }
        }
        return (String(output), invalid, nul)
    }
}
