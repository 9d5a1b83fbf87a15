import GraphQuery

/// The editable templates (`templates/*.mustache`) and static assets (`templates/assets/*`), as read by the caller.
public struct TemplateSet: Sendable {
    /// Template name (file name without `.mustache`) → text.
    public var templates: [String: String]
    /// Asset path relative to `templates/assets/` → bytes; published under `assets/`.
    public var assets: [String: [UInt8]]

    /// The templates a site needs; a missing one is a clear error, not an empty page.
    public static let required = ["index", "node", "concept", "list", "search"]

    public init(templates: [String: String], assets: [String: [UInt8]]) {
        self.templates = templates
        self.assets = assets
    }

    /// Compiles every template once for the whole build; a syntax error or a partial that names no template is
    /// reported with its position.
    public func library() throws -> TemplateLibrary {
        var compiled: [String: Template] = [:]
        for name in templates.keys.sorted() {
            do {
                compiled[name] = try Template(templates[name]!, name: name)
            } catch let error as TemplateSyntaxError {
                throw SiteRenderingError.templateSyntax(name: name, detail: "\(error.line):\(error.column): error: \(error.message)")
            }
        }
        for name in TemplateSet.required where compiled[name] == nil {
            throw SiteRenderingError.missingTemplate(name)
        }
        for (name, template) in compiled.sorted(by: { $0.key < $1.key }) {
            for case .partial(let partial) in template.instructions where compiled[partial] == nil {
                throw SiteRenderingError.templateSyntax(name: name, detail: " error: partial '\(partial)' names no template")
            }
        }
        return TemplateLibrary(templates: compiled)
    }
}

public enum SiteRenderingError: Error, CustomStringConvertible, Equatable {
    case missingTemplate(String)
    case templateSyntax(name: String, detail: String)

    public var description: String {
        switch self {
        case .missingTemplate(let name): return "templates/\(name).mustache: error: template missing"
        case .templateSyntax(let name, let detail): return "templates/\(name).mustache:\(detail)"
        }
    }
}

/// One file of the generated site: its bytes in memory, or a function that writes them piece by piece.
public struct OutputFile: Sendable, Hashable {
    /// Writes a file's bytes to `sink`, in order, piece by piece.
    public typealias Producer = @Sendable (_ sink: ([UInt8]) throws -> Void) throws -> Void
    /// Writes a file's bytes to `sink`, in order, piece by piece, and may have the sink copy pieces of the last
    /// build's file instead (see `ChunkedSink`).
    public typealias ChunkedProducer = @Sendable (_ sink: ChunkedSink) throws -> Void

    /// Path relative to the site root, `/`-separated.
    public var path: String
    private var content: Content
    /// For a note's page: the fingerprint of what it was made from (see `PageReuse`), to record for the next build.
    public var fingerprint: UInt64?
    /// For a note's page made from what the previous build's was: that page's size. The file is then made only
    /// if the previous one cannot be carried over (see `init(path:unlessUnchanged:fingerprint:render:)`).
    public private(set) var unchangedSize: Int?

    private enum Content {
        case parts([[UInt8]])
        case stream(Producer)
        case chunked(ChunkedProducer)
    }

    public init(path: String, bytes: [UInt8]) {
        self.init(path: path, parts: [bytes])
    }

    public init(path: String, parts: [[UInt8]]) {
        self.path = path
        content = .parts(parts)
    }

    /// A file made only when it is written: a corpus-wide file (graph.json, a sixth of a gigabyte at 10,000 notes)
    /// is encoded piece by piece into the file, never whole in memory.
    public init(path: String, stream: @escaping Producer) {
        self.path = path
        content = .stream(stream)
    }

    /// A streamed file whose producer may have pieces of the last build's file copied instead of writing them
    /// (graph.json: see `GraphJSONChunks`). Written anywhere else, every piece is written.
    public init(path: String, chunks: @escaping ChunkedProducer) {
        self.path = path
        content = .chunked(chunks)
    }

    /// The producer of a file made by `init(path:chunks:)`, for a writer that can copy.
    public var chunkedProducer: ChunkedProducer? {
        if case .chunked(let produce) = content { return produce }
        return nil
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// A page whose inputs are the previous build's (the same `fingerprint`): its bytes are that page's, of `size`
    /// bytes, so a writer that can carry that file over never calls `render`; one that cannot writes what
    /// `render` makes (a streamed file).
    public init(path: String, unlessUnchanged size: Int, fingerprint: UInt64, render: @escaping @Sendable () -> [UInt8]) {
        self.init(path: path, stream: { sink in try sink(render()) })
        self.fingerprint = fingerprint
        unchangedSize = size
    }

    /// Whether the bytes are made as the file is written (`init(path:stream:)`).
    public var isStreamed: Bool {
        if case .parts = content { return false }
        return true
    }

    /// Hands the bytes to `sink` in order, making them first if the file is streamed.
    public func write(to sink: ([UInt8]) throws -> Void) throws {
        switch content {
        case .parts(let parts): for part in parts { try sink(part) }
        case .stream(let produce): try produce(sink)
        case .chunked(let produce): try withoutActuallyEscaping(sink) { sink in try produce(ChunkedSink(write: { bytes, _ in try sink(bytes) })) }
        }
    }

    /// The file's bytes in pieces (a streamed file is made here, in memory: for tests and small files).
    public var parts: [[UInt8]] {
        var parts: [[UInt8]] = []
        do { try write { parts.append($0) } } catch { preconditionFailure("a producer failed with a sink that cannot: \(error)") }
        return parts
    }

    /// The whole file (joins the parts: for tests and small files).
    public var bytes: [UInt8] { let parts = parts; return parts.count == 1 ? parts[0] : Array(parts.joined()) }

    public var count: Int { parts.reduce(0) { $0 + $1.count } }

    /// Files are equal when their paths and bytes are, however the bytes are split or made.
    public static func == (a: OutputFile, b: OutputFile) -> Bool {
        a.path == b.path && a.count == b.count && a.parts.joined().elementsEqual(b.parts.joined())
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        for part in parts { for byte in part { hasher.combine(byte) } }
    }
}
