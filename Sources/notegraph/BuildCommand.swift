import ArgumentParser
import BuildPipeline
import CAllocator
import Foundation
import GraphAnalysis
import GraphQuery
import NoteParsing
import NoteGraph
import SiteRendering
import Workspace

/// `notegraph build`: notes → site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the static site from the notes.",
        discussion: "Reads every .md file under --notes, writes the site to --out through a staging folder that is swapped in atomically. Exits 1 if a note has an error (the site is still built from the healthy notes)."
    )

    @OptionGroup var corpus: CorpusOptions
    @Option(help: "The output folder (created by notegraph; a non-empty folder it did not create is refused).")
    var out: String = "site"
    @Option(help: "The templates folder (Mustache templates and assets/).")
    var templates: String = "templates"
    @Option(help: "The site's title.")
    var title: String = "notegraph"
    @Flag(help: "Print how long each phase took, to standard error.")
    var timings = false
    @Flag(help: "Rebuild even if no note, template or option changed since the last build.")
    var force = false

    func run() throws {
        let output = SiteOutput(URL(fileURLWithPath: out))
        let notesURL = URL(fileURLWithPath: corpus.notes), templatesURL = URL(fileURLWithPath: templates)
        try output.checkSafe(notesFolder: notesURL)
        var clock = BuildTimings()
        // Taken before reading, so a note saved during the build leaves a stale signature and the next build redoes it.
        func takeSignature(listing: FolderListing?, phase: String = "check") -> InputSignature {
            clock.measure(phase) { InputSignature(notes: notesURL, templates: templatesURL, options: "title=\(title)", previous: listing) }
        }
        /// A state file the last build stored, unless `--force`, which trusts none.
        let stored = { @Sendable [force, output] (name: String) -> [UInt8]? in force ? nil : output.storedBytes(name) }
        let listing = stored("listing").map(FolderListing.init(bytes:))
        var signature = takeSignature(listing: listing)
        if !force, output.isUpToDate(with: signature) {
            output.copyStoredState("diagnostics", to: FileHandle.standardError.fileDescriptor)
            print("\(out)/ is up to date: no note, template or option changed since the last build (--force rebuilds)")
            if timings { FileHandle.standardError.write(Data((clock.report + "\n").utf8)) }
            if output.storedState("errors").flatMap({ Int($0) }) ?? 0 > 0 { throw ExitCode(1) }
            return
        }
        if listing != nil {
            // What a rebuild stores is taken listing every folder again, so a listing damaged since it was written
            // (it is trusted while its folders' stamps hold) never outlives the build that finds a change.
            signature = takeSignature(listing: nil, phase: "relist")
        }
        let templateSet = try TemplateFolder.read(templatesURL)
        let key = signature.executable
        // Notes whose stats are what the last build's signature says are not read again (after a one-note edit, one
        // note is read instead of all of them), except those whose text gave a warning when read, which only a read
        // gives again. Their documents are decoded from the parse cache, ahead, on the thread of their own that loads
        // the last build's parse cache and page fingerprints while the notes are read (a hundred megabytes and a
        // dictionary of every note at 10,000 notes).
        var ((loadedCache, previousPages, servable), read) = try clock.measure("read") {
            let problems = stored("text-problems").map { String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init) } ?? []
            let unchanged = (stored("inputs").map(signature.notesUnchanged(since:)) ?? []).subtracting(problems)
            return try alongside({ () -> (ParseCache, [String: PageReuse.Page], Set<String>) in
                var cache = stored("documents").map { ParseCache(bytes: $0, key: key) } ?? .empty
                let servable = cache.decodeAhead(unchanged)
                return (cache, stored("pages").map(PageReuse.decode) ?? [:], servable)
            }, { try corpus.read(skipping: unchanged) })
        }
        // A note left unread whose cache entry did not decode after all (a damaged cache) is read now.
        if read.files.contains(where: { $0.isUnread && !servable.contains($0.path) }) { read = try corpus.read(skipping: servable) }
        let (readDiagnostics, textProblems, unreadCount) = (read.diagnostics, read.textProblems, read.files.count { $0.isUnread })
        // Taken out, so that the handed-over array below is the only reference to the texts.
        var files: [SourceFile] = []
        swap(&files, &read.files)
        // Pages go to the staging folder as they are rendered; the swap happens only after the whole build.
        let publication = try output.begin()
        let noteCount = files.count
        // Unchanged notes come decoded from the last build's parse cache (not with --force, which trusts no state).
        // The files are handed over, not shared: their texts are freed once parsed instead of living through the build.
        var handedOver = Optional(consume files)
        // Handed over too, so that the parse is its last use: held here, its hundred megabytes lived through the pages.
        var previousCache = Optional(consume loadedCache)
        let corpusBuild = try publication.writeCache("documents") { keep in
            try publication.writeCache("findings") { keepMemo in
                let memo = { stored("findings").map { AnalysisMemo(bytes: $0, key: key) } ?? .empty }
                let suggestions = { stored("suggestions").flatMap { TitleSuggestions(bytes: $0, key: key) } ?? .empty }
                return CorpusBuild(
                    files: handedOver.take()!, cache: previousCache.take()!, memo: memo, key: key, keep: keep, keepMemo: { $0.withUnsafeBytes(keepMemo) },
                    suggestions: suggestions
                )
            }
        }
        // Note pages made from what the previous build's were are carried over unmade (not with --force).
        let reuse = PageReuse(seed: key, documents: corpusBuild.documentFingerprints, previous: previousPages)
        // The store is a copy of the last one with the changed rows written, when it is this executable's (not with --force).
        let previousStore = force ? nil : output.storedStatePath("graph.sqlite")
        // graph.json's chunks made from the same nodes and edges as last time are copied from the current file, by
        // the kernel, if it is still the file the last build's table describes (its stamp): not from one rewritten since.
        let previousChunks = stored("graph.json-chunks").flatMap { GraphJSONChunks(bytes: $0, key: key) }
        var current = force ? nil : output.publishedFile("graph.json")
        if let file = current, stored("graph.json-stamp").flatMap(FileStamp.init(bytes:)) != file.stamp { current = nil }
        let graphJSON = GraphJSONReuse(previous: current == nil ? nil : previousChunks)
        let publisher = PagePublisher(publication, copySources: current.map { ["graph.json": $0] } ?? [:])
        // The pages and the store are where a build's memory peaks: they start without what analysis freed.
        notegraph_allocator_return_freed()
        let build = try SiteBuild(
            corpus: corpusBuild, templates: templateSet, siteTitle: title, storePath: try publication.stateFilePath("graph.sqlite"), reuse: reuse,
            previousStore: previousStore, storeKey: key, graphJSON: graphJSON
        ) { try publisher.add($0) }
        clock.append(build.timings)
        let diagnostics = (readDiagnostics + build.corpus.diagnostics).sorted()
        // One copy of the printed diagnostics (most of a megabyte at 10,000 notes), written out and stored as it is.
        let printed = Array(DiagnosticPrinter.text(diagnostics, notesFolder: corpus.notes).utf8)
        printed.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            FileHandle.standardError.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let state = [
            ("inputs", signature.bytes), ("listing", signature.listing.bytes), ("diagnostics", printed), ("errors", Array(String(errors).utf8)),
            ("pages", publisher.pagesState), ("graph.json-chunks", graphJSON.made?.bytes(key: key) ?? []),
            ("graph.json-stamp", publisher.stamp(of: "graph.json")?.bytes ?? []),
            ("suggestions", build.corpus.suggestions.bytes(key: key)), ("text-problems", Array(textProblems.joined(separator: "\n").utf8)),
        ]
        let report = try clock.measure("publish") { try publication.commit(state: state) }
        // Not worth failing a committed build over: the log stays beside the store, and the next build finishes it.
        clock.measure("finish store") { try? SiteBuild.finishStore(at: output.storedStatePath("graph.sqlite")) }
        if timings {
            let chunks = graphJSON.made?.chunks.count ?? 0
            let kept = graphJSON.keptWhole ? ", the file kept as it was" : ""
            FileHandle.standardError.write(Data((clock.report + "\n graph.json  \(graphJSON.copied) of \(chunks) chunks copied from the last build's file\(kept)\n").utf8))
        }
        // The build is not freed: the process ends right after, and tearing down its graph (hundreds of thousands
        // of strings, on one thread) took 0.7 s of CPU at 10,000 notes for memory the exit returns anyway.
        _ = Unmanaged.passRetained(KeptUntilExit(build))
        let g = build.corpus.graph
        print("built \(out)/: \(report.written) files written, \(report.unchanged) unchanged (\(report.notMadeAgain) pages not made again), from \(noteCount) notes (\(build.corpus.reusedDocuments) of them unchanged and not parsed again, \(unreadCount) not read again, \(build.corpus.reusedFindings) not analysed again; \(g.count(ofKind: .concept)) concepts, \(g.count(ofKind: .claim)) claims, \(g.unresolved.count) unresolved links); \(DiagnosticPrinter.summary(diagnostics))")
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}

/// Holds a value until the process exits (see `BuildCommand.run`).
private final class KeptUntilExit<T> {
    let value: T
    init(_ value: T) { self.value = value }
}
