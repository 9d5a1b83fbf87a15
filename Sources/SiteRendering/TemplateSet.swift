import Mustache

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

    /// Compiles every template once for the whole build.
    func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for name in templates.keys.sorted() {
            do {
                try library.register(templates[name]!, named: name)
            } catch {
                throw SiteRenderingError.templateSyntax(name: name, detail: "\(error)")
            }
        }
        for name in TemplateSet.required where templates[name] == nil {
            throw SiteRenderingError.missingTemplate(name)
        }
        return library
    }
}

public enum SiteRenderingError: Error, CustomStringConvertible, Equatable {
    case missingTemplate(String)
    case templateSyntax(name: String, detail: String)

    public var description: String {
        switch self {
        case .missingTemplate(let name): return "templates/\(name).mustache: error: template missing"
        case .templateSyntax(let name, let detail): return "templates/\(name).mustache: error: \(detail)"
        }
    }
}

/// One file of the generated site.
public struct OutputFile: Sendable, Hashable {
    /// Path relative to the site root, `/`-separated.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}
