import CCmarkGFM
import Foundation

/// The floor for "parse and render every note": libcmark-gfm called directly, in-process, with no
/// graph, templates or I/O beyond reading the files. notegraph uses the same library, so its cold
/// build divided by this number is the overhead of everything notegraph does on top of Markdown.
enum RawCmarkBaseline {
    /// The GFM extensions notegraph enables.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    /// What one pass produced, so the work cannot be optimised away and can be sanity-checked.
    struct Result {
        var files = 0
        var inputBytes = 0
        var htmlBytes = 0
    }

    /// Lists the `.md` files under `root`, sorted (stable work split between threads).
    static func markdownFiles(under root: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".md") { files.append(root.appendingPathComponent(relative).path) }
        }
        return files.sorted()
    }

    /// Reads, parses and renders every file in `paths` on `threads` threads (files striped across
    /// threads with `DispatchQueue.concurrentPerform`). Front matter is skipped: notegraph parses
    /// YAML separately, and feeding it to cmark would render it as a paragraph that no site shows.
    static func run(paths: [String], threads: Int) -> Result {
        cmark_gfm_core_extensions_ensure_registered()
        // Extension objects are process-global and read-only after registration, so threads share them.
        let extensions = extensionNames.compactMap { cmark_find_syntax_extension($0) }
        precondition(extensions.count == extensionNames.count, "libcmark-gfm is missing GFM extensions")
        nonisolated(unsafe) let shared = extensions

        let slots = UnsafeMutableBufferPointer<Result>.allocate(capacity: threads)
        slots.initialize(repeating: Result())
        defer { slots.deallocate() }
        nonisolated(unsafe) let results = slots

        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var local = Result()
            for i in stride(from: worker, to: paths.count, by: threads) {
                guard let data = FileManager.default.contents(atPath: paths[i]) else { continue }
                local.files += 1
                local.inputBytes += data.count
                local.htmlBytes += render(data, extensions: shared)
            }
            results[worker] = local
        }
        return slots.reduce(into: Result()) {
            $0.files += $1.files
            $0.inputBytes += $1.inputBytes
            $0.htmlBytes += $1.htmlBytes
        }
    }

    /// Serialises `cmark_parser_finish`, as notegraph's parser does: libcmark-gfm's inline phase fills and clears a
    /// process-wide table of special characters (github/cmark-gfm#176), so two at once can drop strikethrough or
    /// autolinks and the 2-thread HTML would not be the 1-thread HTML. Block parsing and rendering stay parallel.
    private static let inlinePhaseLock = NSLock()

    /// Parses one document and renders HTML; returns the HTML length.
    private static func render(_ data: Data, extensions: [OpaquePointer]) -> Int {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return 0 }
            let bodyStart = frontMatterEnd(raw)
            let options = CMARK_OPT_DEFAULT
            guard let parser = cmark_parser_new(options) else { return 0 }
            defer { cmark_parser_free(parser) }
            for ext in extensions { cmark_parser_attach_syntax_extension(parser, ext) }
            cmark_parser_feed(parser, base + bodyStart, raw.count - bodyStart)
            guard let document = inlinePhaseLock.withLock({ cmark_parser_finish(parser) }) else { return 0 }
            defer { cmark_node_free(document) }
            guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return 0 }
            defer { free(html) }
            return strlen(html)
        }
    }

    /// Byte offset just past a leading `---\n … \n---\n` block, or 0 if there is none.
    static func frontMatterEnd(_ bytes: UnsafeRawBufferPointer) -> Int {
        let dashes = UInt8(ascii: "-"), newline = UInt8(ascii: "\n")
        guard bytes.count >= 4, bytes[0] == dashes, bytes[1] == dashes, bytes[2] == dashes, bytes[3] == newline else { return 0 }
        var i = 4
        while i + 3 <= bytes.count {
            // At the start of a line: is it the closing fence?
            if bytes[i] == dashes, bytes[i + 1] == dashes, bytes[i + 2] == dashes,
               i + 3 == bytes.count || bytes[i + 3] == newline {
                return min(bytes.count, i + 4)
            }
            while i < bytes.count, bytes[i] != newline { i += 1 }
            i += 1
        }
        return 0
    }
}
