import Foundation
import NoteImport
import NoteParsing

/// What the fuzz targets (`Fuzz/`, built with `swift build --sanitize=fuzzer`) check on every input, kept in the main
/// package so the regression tests replay the same checks on the inputs fuzzing found
/// (`Tests/Fixtures/fuzz-regressions/`). Each function returns the broken invariants; empty means the input is fine.
/// Crashes and hangs are caught by libFuzzer itself (`-timeout`), so these check what a crash would not show.
public enum FuzzInvariants {
    /// The input as text, the way notegraph reads a file (invalid UTF-8 replaced).
    static func text(_ data: [UInt8]) -> String { String(decoding: data, as: UTF8.self) }

    // MARK: - Importers (raw text exports and Atom XML)

    /// Imports `data` as one raw export (its content decides text page or Atom feed) and checks that the import is
    /// deterministic, writes only safe distinct `<kind>/<slug>.md` paths, writes notes that read back with their title
    /// and kind and no front-matter error, and that importing again over its own output (once the folder knows its
    /// titles) changes nothing.
    public static func importer(_ data: [UInt8]) -> [String] {
        var problems: [String] = []
        let export = RawExport(name: "fuzz-export.txt", text: text(data))
        let first = Importer.run([export], existing: [])
        let again = Importer.run([export], existing: [])
        if first.notes != again.notes { problems.append("import is not deterministic") }
        var paths: Set<String> = []
        for note in first.notes {
            if !paths.insert(note.path).inserted { problems.append("two notes at \(note.path)") }
            let parts = note.path.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0] != note.kind.rawValue || !note.path.hasSuffix(".md") || parts[1] == ".md" {
                problems.append("path is not <kind>/<slug>.md: \(note.path.debugDescription)")
            }
            problems += slugProblems(String(parts.last?.dropLast(3) ?? ""), maxLength: 80 + 8, what: "import path")
            let doc = NoteParser.parse(SourceFile(path: note.path, text: note.markdown))
            if doc.title != note.title {
                problems.append("note \(note.path) reads back with title \(doc.title.debugDescription), imported as \(note.title.debugDescription)")
            }
            if doc.kind != note.kind { problems.append("note \(note.path) reads back as kind \(doc.kind), imported as \(note.kind)") }
            for d in doc.diagnostics where d.severity == .error && !d.message.hasPrefix("note too complex") {
                problems.append("imported note \(note.path) has an error: \(d)")
            }
        }
        // Importing the same export again over what was written rewrites nothing once the notes folder knows the
        // export's titles. (The first re-import may still differ: a Sources line equal to a title the folder now
        // knows becomes an entry of its own. Fuzzing found that; it is a parsing rule, left as it is.)
        var folder: [String: String] = [:]  // path → Markdown, as `notegraph import` leaves the notes folder
        for note in first.notes { folder[note.path] = note.markdown }
        for note in reimport(export, into: folder) { folder[note.path] = note.markdown }
        for note in reimport(export, into: folder) {
            guard let old = folder[note.path] else {
                problems.append("re-import writes a new note at \(note.path)")
                continue
            }
            if Importer.decide(existing: old, new: note.markdown, force: false) != .unchanged {
                problems.append("re-import changes \(note.path)")
            }
        }
        return problems
    }

    /// Imports `export` into a notes folder holding `folder` (path → Markdown).
    static func reimport(_ export: RawExport, into folder: [String: String]) -> [ImportedNote] {
        let existing = folder.sorted { $0.key < $1.key }.map { path, markdown in
            let doc = NoteParser.parse(SourceFile(path: path, text: markdown))
            return ExistingNote(title: doc.title, aliases: doc.frontMatter.aliases, path: path, origin: doc.frontMatter.origin)
        }
        return Importer.run([export], existing: existing).notes
    }

    // MARK: - Front matter and the note parser

    /// Parses `data` as a note file and checks that parsing is deterministic, always gives a title, reports every
    /// problem at a real place in the file, and comes back equal from the parse cache's encoding (whose sentences are
    /// written as places in their paragraph's text).
    public static func noteParser(_ data: [UInt8]) -> [String] {
        var problems: [String] = []
        // Raw text (NUL bytes and all) must parse without crashing, the same way twice…
        let raw = SourceFile(path: "fuzz.md", text: text(data))
        if NoteParser.parse(raw) != NoteParser.parse(raw) { problems.append("parsing is not deterministic") }
        // …and text as the notes folder hands it over (NUL replaced with U+FFFD, NotesFolder.swift) keeps the rest.
        // (Raw NULs shift cmark's columns: a link before a table then reports line 0. Fuzzing found that; notegraph
        // never parses raw NULs.)
        let replaced = String(String.UnicodeScalarView(raw.text.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }))
        let file = SourceFile(path: "fuzz.md", text: replaced)
        let doc = NoteParser.parse(file)
        if doc.title.isEmpty { problems.append("empty title") }
        // Lines: the file's, after CRLF → LF (as the parser sees it); a location may point just past the end.
        let lines = file.text.replacingCRLF().utf8.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        for d in doc.diagnostics where d.location.line < 1 || d.location.line > lines + 1 || d.location.column < 1 {
            problems.append("diagnostic outside the file (\(lines) lines): \(d)")
        }
        for link in doc.links where link.location.line < 1 || link.location.line > lines + 1 || link.location.column < 1 {
            problems.append("link outside the file (\(lines) lines) at \(link.location)")
        }
        if doc.titleLocation.line < 1 || doc.titleLocation.line > lines + 1 { problems.append("title outside the file at \(doc.titleLocation)") }
        if let kind = doc.frontMatter.kind, kind != doc.kind { problems.append("front matter kind \(kind) but note kind \(doc.kind)") }
        var writer = BinaryWriter()
        doc.encode(into: &writer)
        let decoded = writer.bytes.withUnsafeBytes { raw -> NoteDocument? in
            var reader = BinaryReader(raw)
            guard let document = try? NoteDocument(reading: &reader), reader.isAtEnd else { return nil }
            return document
        }
        if decoded != doc { problems.append("the parse cache's encoding does not give the document back") }
        return problems
    }

    // MARK: - Citation matcher

    /// Reads titles (lines up to the first empty line) and a text (the rest), runs `TitleMatcher` and compares it with a
    /// direct search written from the matcher's contract: exact occurrences at word boundaries, leftmost-longest,
    /// non-overlapping, the first of equal titles. Inputs are cut to 64 titles and 4 KB of text so the direct search
    /// stays fast.
    public static func titleMatcher(_ data: [UInt8]) -> [String] {
        var problems: [String] = []
        let all = text(data)
        let lines = all.split(separator: "\n", omittingEmptySubsequences: false)
        let titleLines = lines.prefix { !$0.isEmpty }
        let titles = titleLines.prefix(64).map(String.init)
        var body = lines.dropFirst(titleLines.count + 1).joined(separator: "\n")
        if body.utf8.count > 4096 { body = String(decoding: Array(body.utf8.prefix(4096)), as: UTF8.self) }
        let matcher = TitleMatcher(titles: titles)
        let found = matcher.matches(in: body)
        if found != matcher.matches(in: body) { problems.append("matching is not deterministic") }
        if found != TitleMatcher(titles: titles).matches(in: body) { problems.append("two matchers over the same titles disagree") }
        let bytes = Array(body.utf8)
        var end = 0
        for m in found {
            guard m.title >= 0, m.title < titles.count, m.range.lowerBound >= end, m.range.upperBound <= bytes.count else {
                problems.append("match out of order or bounds: \(m)")
                continue
            }
            end = m.range.upperBound
            if Array(bytes[m.range]) != Array(titles[m.title].utf8) { problems.append("match \(m) is not the text of title \(m.title)") }
        }
        let expected = directMatches(titles: titles, in: bytes)
        if found.map({ Match(title: $0.title, range: $0.range) }) != expected {
            problems.append("matcher found \(found.map { "\($0.title)@\($0.range)" }), the direct search \(expected)")
        }
        return problems
    }

    /// A title occurrence: index into the titles, byte range in the text.
    public struct Match: Hashable, Sendable, CustomStringConvertible {
        public var title: Int
        public var range: Range<Int>
        public var description: String { "\(title)@\(range)" }
    }

    static func directMatches(titles: [String], in bytes: [UInt8]) -> [Match] {
        // The first index of each distinct non-empty title.
        var firstIndex: [[UInt8]: Int] = [:]
        for (i, t) in titles.enumerated() where !t.isEmpty && firstIndex[Array(t.utf8)] == nil { firstIndex[Array(t.utf8)] = i }
        let starts = scalarStarts(bytes)
        var candidates: [Match] = []
        for (title, index) in firstIndex {
            guard title.count <= bytes.count else { continue }
            for start in 0...(bytes.count - title.count) where bytes[start] == title[0] && Array(bytes[start..<(start + title.count)]) == title {
                let stop = start + title.count
                let before = start == 0 || !isWord(bytes, scalarAt: starts.last { $0 < start }!)
                let after = stop == bytes.count || !isWord(bytes, scalarAt: starts.last { $0 < stop }!) || !isWord(bytes, scalarAt: stop)
                if before && after { candidates.append(Match(title: index, range: start..<stop)) }
            }
        }
        candidates.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count }
        var chosen: [Match] = []
        var end = 0
        for c in candidates where c.range.lowerBound >= end {
            chosen.append(c)
            end = c.range.upperBound
        }
        return chosen
    }

    private static func scalarStarts(_ bytes: [UInt8]) -> [Int] {
        bytes.indices.filter { bytes[$0] & 0xC0 != 0x80 }
    }

    /// A letter or digit (ASCII, or any alphabetic or numeric scalar) starts at `i`.
    private static func isWord(_ bytes: [UInt8], scalarAt i: Int) -> Bool {
        var end = i + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        guard let s = String(decoding: bytes[i..<end], as: UTF8.self).unicodeScalars.first else { return false }
        if s.isASCII { return (s >= "0" && s <= "9") || (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    // MARK: - Slugs

    /// Slugs `data` (the first byte also picks a length cap) and checks that every slug is a safe file name: never
    /// empty, at most its cap in UTF-8 bytes (and under 255), only lowercase letters, digits and single inner `-`,
    /// no `/`, `.` or control characters; deterministic, and the same for the NFC and NFD forms of the text.
    public static func slug(_ data: [UInt8]) -> [String] {
        var problems: [String] = []
        let text = text(data)
        let cap = data.first.map { 8 + Int($0) % 240 } ?? 80
        let slug = Slug.make(text)
        problems += slugProblems(slug, maxLength: 80, what: "slug")
        problems += slugProblems(Slug.make(text, maxLength: cap), maxLength: cap, what: "slug (cap \(cap))")
        problems += slugProblems(Slug.anchor(text), maxLength: 200, what: "anchor")
        if Slug.make(text) != slug { problems.append("slug is not deterministic") }
        let nfc = Slug.make(text.precomposedStringWithCanonicalMapping), nfd = Slug.make(text.decomposedStringWithCanonicalMapping)
        if nfc != slug || nfd != slug {
            problems.append("NFC/NFD forms slug differently: \(slug.debugDescription), NFC \(nfc.debugDescription), NFD \(nfd.debugDescription)")
        }
        return problems
    }

    static func slugProblems(_ slug: String, maxLength: Int, what: String) -> [String] {
        var problems: [String] = []
        let shown = slug.debugDescription
        if slug.isEmpty { problems.append("\(what) is empty") }
        if slug.utf8.count > min(maxLength, 255) { problems.append("\(what) \(shown) has \(slug.utf8.count) bytes, over \(min(maxLength, 255))") }
        if slug == "." || slug == ".." || slug.contains("/") || slug.contains(".") { problems.append("\(what) \(shown) is not a safe file name") }
        if slug.hasPrefix("-") || slug.hasSuffix("-") || slug.contains("--") { problems.append("\(what) \(shown) has a stray '-'") }
        for s in slug.unicodeScalars {
            let allowed = s == "-" || (s >= "a" && s <= "z") || (s >= "0" && s <= "9")
                || (!s.isASCII && (s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .spacingMark || s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark))
            if !allowed || s.properties.generalCategory == .control || s.properties.generalCategory == .format {
                problems.append("\(what) \(shown) holds U+\(String(s.value, radix: 16, uppercase: true))")
                break
            }
            if s.isASCII == false, s.properties.changesWhenLowercased { problems.append("\(what) \(shown) is not lowercase"); break }
        }
        return problems
    }
}

extension FuzzInvariants {
    /// The body of a libFuzzer `LLVMFuzzerTestOneInput`: runs `check` on the input and aborts (which libFuzzer
    /// records as a crash, with the input) when an invariant is broken.
    public static func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int, _ check: ([UInt8]) -> [String]) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let problems = check(bytes)
        if !problems.isEmpty {
            FileHandle.standardError.write(Data(("invariant broken:\n" + problems.map { "  " + $0 }.joined(separator: "\n") + "\n").utf8))
            abort()
        }
        return 0
    }
}

extension FuzzInvariants {
    /// `slugProblems`, for the tests that check the invariants themselves.
    public static func slugProblemsForTesting(_ slug: String, maxLength: Int) -> [String] {
        slugProblems(slug, maxLength: maxLength, what: "slug")
    }

    /// The direct search the matcher is compared with, for the tests that check it.
    public static func directMatchesForTesting(titles: [String], in text: String) -> [Match] {
        directMatches(titles: titles, in: Array(text.utf8))
    }
}
