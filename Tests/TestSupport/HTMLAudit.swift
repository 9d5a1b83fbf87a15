import CLibXML2
import NoteParsing

/// Parses generated pages with libxml2's HTML parser and reports what a browser would follow or run:
/// links and asset references, element ids, script elements and event-handler attributes.
///
/// For the security audit (`findings(policy:)`) it also keeps every element with all its attributes, and scans the
/// raw page with a second, independent tokenizer that follows the HTML5 tag and attribute rules, so a difference
/// between libxml2 (an HTML4-era parser) and a browser cannot hide markup.
public struct HTMLAudit {
    public struct Reference: Hashable {
        public var attribute: String
        public var value: String
    }

    /// An element as libxml2 parsed it: lowercased name, attributes with entities decoded, and for `script` and
    /// `style` elements their text.
    public struct Element: Hashable {
        public var name: String
        public var attributes: [Attribute]
        public var text: String?
    }

    public struct Attribute: Hashable {
        /// Lowercased, with its namespace prefix when libxml2 kept one (`xlink:href`).
        public var name: String
        public var value: String
    }

    public private(set) var references: [Reference] = []
    public private(set) var ids: Set<String> = []
    /// `<script>` elements: their `src` (nil for inline) and inline text.
    public private(set) var scripts: [(src: String?, text: String)] = []
    /// Attributes whose name starts with `on` (event handlers).
    public private(set) var handlers: [String] = []
    public private(set) var elementCount = 0
    public private(set) var elements: [Element] = []
    /// Text of the first element with each id-less tag, in document order (`h1` → the page title as shown).
    public private(set) var firstText: [String: String] = [:]
    /// Tags as the HTML5 tokenizer sees them in the raw bytes, and the comments, CDATA sections and processing
    /// instructions it met (a generated page has none).
    public let rawTags: [RawTag]
    public let rawMarkupDeclarations: [String]

    public init(html: String) {
        (rawTags, rawMarkupDeclarations) = Self.tokenize(html)
        var bytes = Array(html.utf8)
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let doc = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32($0.count), "page.html", "UTF-8", options) }
        }
        guard let doc else { return }
        defer { xmlFreeDoc(doc) }
        if let root = xmlDocGetRootElement(doc) { visit(root) }
    }

    private static func content(_ node: xmlNodePtr) -> String {
        guard let raw = xmlNodeGetContent(node) else { return "" }
        defer { notegraph_xml_free(raw) }
        return String(cString: raw)
    }

    private mutating func visit(_ node: xmlNodePtr) {
        var child: xmlNodePtr? = node
        while let n = child {
            if n.pointee.type == XML_ELEMENT_NODE {
                elementCount += 1
                let name = String(cString: n.pointee.name).lowercased()
                var attribute = n.pointee.properties
                var src: String?
                var attributes: [Attribute] = []
                while let a = attribute {
                    var attributeName = String(cString: a.pointee.name).lowercased()
                    if let ns = a.pointee.ns, let prefix = ns.pointee.prefix { attributeName = String(cString: prefix).lowercased() + ":" + attributeName }
                    let value = Self.content(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self))
                    attributes.append(Attribute(name: attributeName, value: value))
                    switch attributeName {
                    case "href", "src", "action", "xlink:href", "formaction", "data", "poster":
                        references.append(Reference(attribute: attributeName, value: value))
                        if attributeName == "src" { src = value }
                    case "id": ids.insert(value)
                    default: break
                    }
                    if attributeName.hasPrefix("on") { handlers.append("\(name) \(attributeName)=\(value)") }
                    attribute = a.pointee.next
                }
                var text: String?
                if name == "script" || name == "style" { text = Self.content(n) }
                if name == "script" { scripts.append((src, text ?? "")) }
                if firstText[name] == nil, ["h1", "title"].contains(name) { firstText[name] = Self.content(n) }
                elements.append(Element(name: name, attributes: attributes, text: text))
                if let c = n.pointee.children { visit(c) }
            }
            child = n.pointee.next
        }
    }

    /// Resolves a relative reference from the page at `pagePath` (site-relative) to a site-relative path,
    /// or nil for external (`scheme:`), fragment-only or empty references.
    public static func resolve(_ reference: String, from pagePath: String) -> (path: String, fragment: String?)? {
        if reference.isEmpty || reference.hasPrefix("#") { return nil }
        if let colon = reference.firstIndex(of: ":"), !reference[..<colon].contains("/") { return nil }
        var ref = reference
        var fragment: String?
        if let hash = ref.firstIndex(of: "#") {
            fragment = String(ref[ref.index(after: hash)...])
            ref = String(ref[..<hash])
        }
        if let q = ref.firstIndex(of: "?") { ref = String(ref[..<q]) }
        var parts = pagePath.split(separator: "/").dropLast().map(String.init)
        for part in ref.split(separator: "/", omittingEmptySubsequences: false) {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } else { return ("../" + ref, fragment) } }
            else if part != "." && !part.isEmpty { parts.append(String(part).removingPercentEncoding()) }
        }
        return (parts.joined(separator: "/"), fragment)
    }
}

// MARK: - Security audit

extension HTMLAudit {
    /// Something in a page that a browser would run, load or follow against the site's policy.
    public struct Finding: Hashable, CustomStringConvertible {
        public enum Kind: String, CaseIterable, Sendable {
            /// A `<script>` element that is inline or loads a script the policy does not list.
            case script
            /// An `on…` attribute on any element (HTML, SVG, MathML), or an SVG animation that sets one.
            case handler
            /// A URL-bearing attribute whose scheme, after a browser's decoding, is not http, https or mailto.
            case dangerousURL
            /// CSS that loads or runs something: `url(`, `expression(`, `behavior`, `-moz-binding`, `@import`, script schemes.
            case dangerousStyle
            /// `<meta http-equiv>`, `srcdoc`, `<base>`-like navigation and other ways to run or redirect.
            case navigation
            /// An element or attribute the generator never writes (parsed by libxml2 or by the raw tokenizer).
            case foreignMarkup
            /// A comment, CDATA section or processing instruction in the raw page.
            case markupDeclaration
        }

        public var kind: Kind
        public var element: String
        public var attribute: String?
        public var value: String

        public var description: String {
            "\(kind.rawValue): <\(element)\(attribute.map { " \($0)=" } ?? "")> \(value.prefix(160))"
        }
    }

    /// What a page may contain.
    public struct Policy: Sendable {
        public var elements: Set<String>
        public var attributes: Set<String>
        /// `src` values allowed on `<script>`, after dropping leading `../` (site-relative).
        public var scriptSources: Set<String>

        public init(elements: Set<String>, attributes: Set<String>, scriptSources: Set<String>) {
            self.elements = elements
            self.attributes = attributes
            self.scriptSources = scriptSources
        }

        /// What notegraph's templates, Markdown writer and local-graph SVG write, and nothing more: two external
        /// scripts (the search index and the search code), no handlers, no inline script or style sheet.
        public static let notegraphSite = Policy(
            elements: [
                "html", "head", "meta", "title", "link", "script", "body", "header", "nav", "form", "input", "ol", "ul",
                "li", "main", "section", "article", "aside", "div", "p", "span", "a", "h1", "h2", "h3", "h4", "h5", "h6",
                "blockquote", "pre", "code", "em", "strong", "del", "br", "hr", "table", "thead", "tbody", "tr", "th",
                "td", "dl", "dt", "dd", "footer", "noscript", "svg", "path", "g", "circle", "text",
            ],
            attributes: [
                "lang", "charset", "name", "content", "rel", "href", "src", "defer", "data-root", "class", "action", "role",
                "type", "placeholder", "aria-label", "autocomplete", "hidden", "id", "title", "value", "start", "disabled",
                "checked", "style", "viewbox", "xmlns", "x", "y", "d", "cx", "cy", "r", "text-anchor",
            ],
            scriptSources: ["search-index.js", "assets/search.js"]
        )
    }

    /// Attributes whose value a browser fetches, navigates to or runs as a URL.
    public static let urlAttributes: Set<String> = [
        "href", "src", "xlink:href", "action", "formaction", "data", "poster", "background", "lowsrc", "dynsrc",
        "codebase", "cite", "longdesc", "usemap", "profile", "manifest", "icon", "ping", "classid", "archive",
        "srcset", "imagesrcset", "itemtype", "datasrc", "from", "to", "values", "by", "xml:base", "base",
    ]

    /// Everything in the page that breaks `policy`. Live script, handlers and dangerous URLs are judged on every
    /// element, allowed or not.
    public func findings(policy: Policy) -> [Finding] {
        var found: [Finding] = []
        for element in elements {
            let name = element.name
            if !policy.elements.contains(name) { found.append(Finding(kind: .foreignMarkup, element: name, value: "element")) }
            if name == "script" {
                let src = element.attributes.first { $0.name == "src" }?.value
                let relative = src.map { s in var s = Substring(s); while s.hasPrefix("../") { s = s.dropFirst(3) }; return String(s) }
                let type = element.attributes.first { $0.name == "type" }?.value
                if !(element.text ?? "").isEmpty || relative.map({ !policy.scriptSources.contains($0) }) ?? true || type != nil {
                    found.append(Finding(kind: .script, element: name, attribute: src == nil ? nil : "src", value: src ?? element.text ?? ""))
                }
            }
            if name == "style", let css = element.text, Self.isDangerousCSS(css) || !css.isEmpty {
                found.append(Finding(kind: .dangerousStyle, element: name, value: css))
            }
            if name == "meta", element.attributes.contains(where: { $0.name == "http-equiv" }) {
                found.append(Finding(kind: .navigation, element: name, attribute: "http-equiv", value: element.attributes.map { "\($0.name)=\($0.value)" }.joined(separator: " ")))
            }
            if ["base", "iframe", "frame", "object", "embed", "applet", "portal", "fencedframe"].contains(name) {
                found.append(Finding(kind: .navigation, element: name, value: "element"))
            }
            check(name, element.attributes.map { ($0.name, $0.value, nil) }, policy: policy, into: &found)
        }
        // The raw tokenizer's tags, values decoded as a browser decodes them (libxml2 cuts a value short at
        // `&#0;` or `&#1;`, where a browser keeps going).
        for tag in rawTags where !tag.isEnd {
            if !policy.elements.contains(tag.name) { found.append(Finding(kind: .foreignMarkup, element: tag.name, value: "raw tag")) }
            let attributes = zip(tag.attributes, tag.rawValues).map { ($0, $1.map { Self.decodeCharacterReferences($0) } ?? "", $1) }
            check(tag.name, attributes, policy: policy, into: &found)
        }
        for declaration in rawMarkupDeclarations {
            found.append(Finding(kind: .markupDeclaration, element: "!", value: declaration))
        }
        return found
    }

    /// The attribute checks, on `(name, decoded value, raw value if known)`.
    private func check(_ name: String, _ attributes: [(String, String, String?)], policy: Policy, into found: inout [Finding]) {
        let animated = attributes.first { $0.0 == "attributename" }?.1.lowercased()
        for (a, value, raw) in attributes {
            let local = a.split(separator: ":").last.map(String.init) ?? a
            if !policy.attributes.contains(a) { found.append(Finding(kind: .foreignMarkup, element: name, attribute: a, value: value)) }
            if local.hasPrefix("on") { found.append(Finding(kind: .handler, element: name, attribute: a, value: value)) }
            if a == "srcdoc" { found.append(Finding(kind: .navigation, element: name, attribute: a, value: value)) }
            if a == "style", Self.isDangerousCSS(value) { found.append(Finding(kind: .dangerousStyle, element: name, attribute: a, value: value)) }
            if a == "attributename", animated?.hasPrefix("on") == true { found.append(Finding(kind: .handler, element: name, attribute: a, value: value)) }
            // Judged on the value as parsed and, when known, as written (the strict reading decodes it itself).
            let readings = [value] + (raw.map { [$0] } ?? [])
            let refresh = name == "meta" && attributes.contains { $0.0 == "http-equiv" && $0.1.trimmingWhitespace().lowercased() == "refresh" }
            if a == "content", refresh, readings.compactMap(Self.refreshURL).contains(where: Self.isDangerousURL) {
                found.append(Finding(kind: .dangerousURL, element: name, attribute: a, value: value))
            }
            guard Self.urlAttributes.contains(a) || Self.urlAttributes.contains(local) else { continue }
            func candidates(_ v: String) -> [String] {
                switch local {
                case "srcset", "imagesrcset": return v.split(separator: ",").map { String($0.trimmingWhitespace().split(separator: " ").first ?? "") }
                case "values": return v.split(separator: ";").map(String.init)
                case "archive", "ping": return v.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
                default: return [v]
                }
            }
            if readings.flatMap(candidates).contains(where: Self.isDangerousURL) {
                found.append(Finding(kind: .dangerousURL, element: name, attribute: a, value: value))
            }
        }
        // A style sheet is the site's own: `rel=stylesheet` and a relative href.
        if name == "link" {
            let rel = attributes.first { $0.0 == "rel" }?.1.lowercased()
            let href = attributes.first { $0.0 == "href" }?.1 ?? ""
            if rel != "stylesheet" || Self.browserScheme(href) != nil || Self.strictScheme(href) != nil || href.hasPrefix("//") || href.hasPrefix("\\") {
                found.append(Finding(kind: .navigation, element: name, attribute: "href", value: "rel=\(rel ?? "") href=\(href)"))
            }
        }
    }

    // MARK: URLs as a browser reads them

    static let safeSchemes: Set<String> = ["http", "https", "mailto"]

    /// A URL is dangerous when the scheme a browser would see, or the scheme left after every further decoding an
    /// old browser or a second decoder might do (`&#0;` read as a NUL and dropped), is anything but http, https
    /// or mailto.
    public static func isDangerousURL(_ value: String) -> Bool {
        for scheme in [browserScheme(value), strictScheme(value, nulReference: "\0")] {
            if let scheme, !safeSchemes.contains(scheme) { return true }
        }
        return false
    }

    /// The WHATWG URL parser's view (the attribute value is already entity-decoded): leading and trailing C0
    /// controls and spaces stripped, every tab and newline removed, then `ALPHA *( ALPHA / DIGIT / + / - / . ) ":"`.
    public static func browserScheme(_ value: String) -> String? {
        var scalars = Array(value.unicodeScalars)
        while let f = scalars.first, f.value <= 0x20 { scalars.removeFirst() }
        while let l = scalars.last, l.value <= 0x20 { scalars.removeLast() }
        scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return scheme(of: scalars)
    }

    /// Stricter than any browser: character references decoded again (HTML5 rules: decimal, hex, missing
    /// semicolons, padded zeros, named) and percent escapes undone, repeatedly, then every control, space,
    /// Unicode white space and invisible format character removed before the scheme is read.
    /// `nulReference` is what `&#0;` decodes to: U+FFFD as in a browser, or NUL (then removed) as in old ones.
    public static func strictScheme(_ value: String, nulReference: Unicode.Scalar = "\u{FFFD}") -> String? {
        var s = value
        for _ in 0..<4 {
            let next = decodeCharacterReferences(s, nulReference: nulReference).removingPercentEncoding()
            if next == s { break }
            s = next
        }
        let compact = s.unicodeScalars.filter { c in
            !(c.value <= 0x20 || (0x7F...0x9F).contains(c.value) || c.properties.isWhitespace || c.properties.generalCategory == .format)
        }
        return scheme(of: Array(compact))
    }

    private static func scheme(of scalars: [Unicode.Scalar]) -> String? {
        guard let first = scalars.first, first.isASCII, first.properties.isAlphabetic else { return nil }
        var scheme = ""
        for c in scalars {
            if c == ":" { return scheme.lowercased() }
            guard c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "+" || c == "-" || c == "." else { return nil }
            scheme.unicodeScalars.append(c)
        }
        return nil
    }

    /// `0;url=javascript:…` → `javascript:…`.
    static func refreshURL(_ content: String) -> String? {
        guard let r = content.lowercased().range(of: "url") else { return nil }
        var rest = content[r.upperBound...].drop { $0 == " " || $0 == "=" }
        if let q = rest.first, q == "'" || q == "\"" { rest = rest.dropFirst() }
        return String(rest)
    }

    /// HTML5 character references: `&#106;`, `&#x6A;`, without semicolons, with leading zeros, and named ones.
    public static func decodeCharacterReferences(_ s: String, nulReference: Unicode.Scalar = "\u{FFFD}") -> String {
        guard s.contains("&") else { return s }
        let named: [String: String] = [
            "colon": ":", "tab": "\t", "newline": "\n", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
            "sol": "/", "lpar": "(", "rpar": ")", "num": "#", "period": ".", "comma": ",", "semi": ";", "equals": "=",
            "nbsp": "\u{A0}", "excl": "!", "percnt": "%", "bsol": "\\", "grave": "`", "zwsp": "\u{200B}",
        ]
        var out = String.UnicodeScalarView()
        let c = Array(s.unicodeScalars)
        var i = 0
        while i < c.count {
            guard c[i] == "&" else { out.append(c[i]); i += 1; continue }
            var j = i + 1
            if j < c.count, c[j] == "#" {
                j += 1
                let hex = j < c.count && (c[j] == "x" || c[j] == "X")
                if hex { j += 1 }
                var value: UInt32 = 0
                let start = j
                while j < c.count, let d = hexDigit(c[j]), hex || d < 10 {
                    value = min(value &* (hex ? 16 : 10) &+ d, 0x110000)
                    j += 1
                }
                if j > start {
                    if j < c.count, c[j] == ";" { j += 1 }
                    out.append(value == 0 ? nulReference : Unicode.Scalar(value) ?? "\u{FFFD}")
                    i = j
                    continue
                }
            } else {
                var name = ""
                while j < c.count, c[j].isASCII, c[j].properties.isAlphabetic, name.count < 12 { name.unicodeScalars.append(c[j]); j += 1 }
                if let value = named[name.lowercased()] {
                    if j < c.count, c[j] == ";" { j += 1 }
                    out.append(contentsOf: value.unicodeScalars)
                    i = j
                    continue
                }
            }
            out.append(c[i])
            i += 1
        }
        return String(out)
    }

    private static func hexDigit(_ c: Unicode.Scalar) -> UInt32? {
        switch c.value {
        case 0x30...0x39: return c.value - 0x30
        case 0x61...0x66: return c.value - 0x61 + 10
        case 0x41...0x46: return c.value - 0x41 + 10
        default: return nil
        }
    }

    // MARK: CSS

    /// CSS that fetches or runs something, judged after CSS escapes (`\75 rl(`, `\\`) and comments are undone.
    public static func isDangerousCSS(_ css: String) -> Bool {
        var out = ""
        let c = Array(css.unicodeScalars)
        var i = 0
        while i < c.count {
            if c[i] == "\\", i + 1 < c.count {
                var j = i + 1
                var value: UInt32 = 0
                while j < c.count, j - i <= 6, let d = hexDigit(c[j]) { value = value * 16 + d; j += 1 }
                if j > i + 1 {
                    if j < c.count, c[j] == " " { j += 1 }
                    if let scalar = Unicode.Scalar(value) { out.unicodeScalars.append(scalar) }
                    i = j
                } else {
                    out.unicodeScalars.append(c[i + 1])
                    i += 2
                }
                continue
            }
            if c[i] == "/", i + 1 < c.count, c[i + 1] == "*" {
                var j = i + 2
                while j + 1 < c.count, !(c[j] == "*" && c[j + 1] == "/") { j += 1 }
                i = j + 2
                continue
            }
            out.unicodeScalars.append(c[i])
            i += 1
        }
        let compact = String(decodeCharacterReferences(out).lowercased().unicodeScalars.filter { !$0.properties.isWhitespace && $0.value > 0x20 })
        return ["url(", "expression(", "javascript:", "vbscript:", "behavior:", "-moz-binding", "@import", "image(", "image-set("].contains { compact.contains($0) }
    }
}

// MARK: - Raw tokenizer

extension HTMLAudit {
    /// A start or end tag as the HTML5 tokenizer reads it from the raw page.
    public struct RawTag: Hashable {
        public var name: String
        /// Names in order, lowercased.
        public var attributes: [String]
        /// Values as written in the page (character references not yet decoded); nil for a bare attribute.
        public var rawValues: [String?]
        public var isEnd: Bool
    }

    /// Tags by the HTML5 tokenizer's rules (data, tag open, tag name, attribute name and value states), and every
    /// comment, CDATA section, processing instruction or bogus comment. `<!doctype …>` is the one declaration
    /// that is not reported. Raw-text elements (`script`, `style`, `textarea`, `title`, `xmp`, `iframe`,
    /// `noembed`, `noframes`, `noscript`) outside SVG and MathML are skipped to their end tag, as a browser does;
    /// `noscript` content is also read as markup, as a browser without scripting reads it.
    static func tokenize(_ html: String) -> ([RawTag], [String]) {
        let b = Array(html.utf8)
        var tags: [RawTag] = []
        var declarations: [String] = []
        var i = 0
        var foreignDepth = 0
        func isSpace(_ x: UInt8) -> Bool { x == 0x20 || x == 0x09 || x == 0x0A || x == 0x0C || x == 0x0D }
        func isAlpha(_ x: UInt8) -> Bool { (0x41...0x5A).contains(x) || (0x61...0x7A).contains(x) }
        func lower(_ x: UInt8) -> UInt8 { (0x41...0x5A).contains(x) ? x + 32 : x }
        func text(_ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }
        while i < b.count {
            guard b[i] == UInt8(ascii: "<"), i + 1 < b.count else { i += 1; continue }
            let next = b[i + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || (next == UInt8(ascii: "/") && i + 2 < b.count && !isAlpha(b[i + 2]) && b[i + 2] != UInt8(ascii: ">")) {
                let end = b[(i + 1)...].firstIndex(of: UInt8(ascii: ">")) ?? b.count
                let declaration = text(i..<min(end + 1, b.count))
                if !declaration.lowercased().hasPrefix("<!doctype") { declarations.append(declaration) }
                i = end + 1
                continue
            }
            let isEnd = next == UInt8(ascii: "/")
            var j = i + (isEnd ? 2 : 1)
            guard j < b.count, isAlpha(b[j]) else { i += 1; continue }
            var name: [UInt8] = []
            while j < b.count, !isSpace(b[j]), b[j] != UInt8(ascii: "/"), b[j] != UInt8(ascii: ">") { name.append(lower(b[j])); j += 1 }
            var attributes: [String] = []
            var values: [String?] = []
            // Attribute states: names end at space, '/', '>' or '='; values are quoted or run to a space or '>'.
            while j < b.count, b[j] != UInt8(ascii: ">") {
                if isSpace(b[j]) || b[j] == UInt8(ascii: "/") { j += 1; continue }
                var attributeName: [UInt8] = [lower(b[j])]
                j += 1
                while j < b.count, !isSpace(b[j]), b[j] != UInt8(ascii: "/"), b[j] != UInt8(ascii: ">"), b[j] != UInt8(ascii: "=") { attributeName.append(lower(b[j])); j += 1 }
                attributes.append(String(decoding: attributeName, as: UTF8.self))
                values.append(nil)
                while j < b.count, isSpace(b[j]) { j += 1 }
                guard j < b.count, b[j] == UInt8(ascii: "=") else { continue }
                j += 1
                while j < b.count, isSpace(b[j]) { j += 1 }
                if j < b.count, b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                    let quote = b[j]
                    let end = b[(j + 1)...].firstIndex(of: quote) ?? b.count
                    values[values.count - 1] = text((j + 1)..<end)
                    j = end + 1
                } else {
                    let start = j
                    while j < b.count, !isSpace(b[j]), b[j] != UInt8(ascii: ">") { j += 1 }
                    values[values.count - 1] = text(start..<j)
                }
            }
            let tagName = String(decoding: name, as: UTF8.self)
            tags.append(RawTag(name: tagName, attributes: attributes, rawValues: values, isEnd: isEnd))
            i = j + 1
            if tagName == "svg" || tagName == "math" { foreignDepth = max(0, foreignDepth + (isEnd ? -1 : 1)) }
            if !isEnd, foreignDepth == 0, ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"].contains(tagName) {
                // Raw text: runs to `</name` followed by a space, '/' or '>'.
                let close = Array("</\(tagName)".utf8)
                var k = i
                while k < b.count {
                    if k + close.count < b.count, b[k] == UInt8(ascii: "<"), zip(b[k..<(k + close.count)], close).allSatisfy({ lower($0) == $1 }),
                       isSpace(b[k + close.count]) || b[k + close.count] == UInt8(ascii: "/") || b[k + close.count] == UInt8(ascii: ">") { break }
                    k += 1
                }
                if tagName == "noscript" {
                    // Raw text where scripting is on; markup where it is off: both readings are kept.
                    let (inner, innerDeclarations) = tokenize(text(i..<k))
                    tags += inner
                    declarations += innerDeclarations
                }
                i = k
            }
        }
        return (tags, declarations)
    }
}
