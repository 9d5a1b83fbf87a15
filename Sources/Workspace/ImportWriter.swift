import Foundation
import NoteImport
import NoteParsing

#if canImport(Glibc)
import Glibc
#endif

/// The file-system side of `notegraph import`: reads export files and folders, reads the titles already in the
/// notes folder (so citations of existing notes resolve), and writes the imported notes — never overwriting a
/// note a person edited since its import unless forced.
public struct ImportWriter {
    public let notesFolder: URL

    public init(notesFolder: URL) {
        self.notesFolder = notesFolder.standardizedFileURL
    }

    public struct Report {
        public var created: [String] = []
        public var updated: [String] = []
        public var unchanged: [String] = []
        /// Notes left alone because a person edited them since their import.
        public var keptEdited: [String] = []
        public var diagnostics: [Diagnostic] = []
    }

    /// Export files under `paths` (files, or folders read recursively), sorted by path; hidden entries skipped.
    public static func readExports(_ paths: [String]) throws -> [RawExport] {
        let fm = FileManager.default
        var urls: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { throw WorkspaceError.notesFolderMissing(path) }
            if isDirectory.boolValue {
                let root = URL(fileURLWithPath: path)
                let enumerator = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
                while let url = enumerator?.nextObject() as? URL {
                    if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { urls.append(url) }
                }
            } else {
                urls.append(URL(fileURLWithPath: path))
            }
        }
        return urls.sorted { $0.path < $1.path }.compactMap { url in
            guard let data = fm.contents(atPath: url.path) else { return nil }
            return RawExport(name: url.lastPathComponent, text: NotesFolder.decode(data).0)
        }
    }

    /// Imports `exports` into the notes folder.
    public func run(_ exports: [RawExport], force: Bool) throws -> Report {
        try FileManager.default.createDirectory(at: notesFolder, withIntermediateDirectories: true)
        let (files, readDiagnostics) = try NotesFolder(notesFolder).read()
        let existing = files.map { file -> ExistingNote in
            let doc = NoteParser.parse(file)
            return ExistingNote(title: doc.title, aliases: doc.frontMatter.aliases, path: file.path, origin: doc.frontMatter.origin)
        }
        let result = Importer.run(exports, existing: existing)
        var report = Report()
        report.diagnostics = readDiagnostics.filter { $0.severity == .error } + result.diagnostics
        for note in result.notes {
            let url = notesFolder.appendingPathComponent(note.path)
            if let link = Self.link(on: note.path, in: notesFolder) {
                // A link in the notes folder may point anywhere: writing through it would write outside the folder.
                report.diagnostics.append(.error(note.path, "not written: \(link) is a symbolic link (notegraph never writes through links)"))
                continue
            }
            let current = try? String(contentsOf: url, encoding: .utf8)
            switch Importer.decide(existing: current, new: note.markdown, force: force) {
            case .create:
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(note.markdown.utf8).write(to: url, options: .atomic)
                report.created.append(note.path)
            case .update:
                try Data(note.markdown.utf8).write(to: url, options: .atomic)
                report.updated.append(note.path)
            case .unchanged:
                report.unchanged.append(note.path)
            case .keepEdited:
                report.keptEdited.append(note.path)
                report.diagnostics.append(.warning(note.path, "edited since it was imported; not overwritten (use --force to replace it)"))
            }
        }
        return report
    }

    /// The first part of `path` (relative to `folder`) that is a symbolic link, if any.
    static func link(on path: String, in folder: URL) -> String? {
        var partial = ""
        for part in path.split(separator: "/") {
            partial += partial.isEmpty ? String(part) : "/" + part
            if FileTree.lstatMode(folder.path + "/" + partial)?.mode == S_IFLNK { return partial }
        }
        return nil
    }
}
