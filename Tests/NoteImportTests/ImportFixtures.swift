import Foundation
import NoteImport
import TestSupport

/// Export files of a fixture folder (and optionally the shared seeds), as the CLI would read them.
enum ImportFixtures {
    static func exports(_ folder: String) throws -> [RawExport] {
        let root = Fixtures.url(folder)
        return try FileManager.default.contentsOfDirectory(atPath: root.path).sorted().map { name in
            RawExport(name: name, text: try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8))
        }
    }

    static func seeds() throws -> [RawExport] {
        try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("import-seeds").path).sorted().map { name in
            RawExport(name: name, text: try String(contentsOf: Fixtures.url("import-seeds/\(name)"), encoding: .utf8))
        }
    }

    static func wikilinks(_ markdown: String) -> [String] {
        var links: [String] = []
        var rest = markdown[...]
        while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
            links.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return links
    }
}

extension ImportResult {
    func note(_ title: String) -> ImportedNote? { notes.first { $0.title == title } }
}
