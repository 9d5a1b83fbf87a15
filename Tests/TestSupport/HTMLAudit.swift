import CLibXML2
import NoteParsing

/// Parses generated pages with libxml2's HTML parser and reports what a browser would follow or run:
/// links and asset references, element ids, script elements and event-handler attributes.
public struct HTMLAudit {
    public struct Reference: Hashable {
        public var attribute: String
        public var value: String
    }

    public private(set) var references: [Reference] = []
    public private(set) var ids: Set<String> = []
    /// `<script>` elements: their `src` (nil for inline) and inline text.
    public private(set) var scripts: [(src: String?, text: String)] = []
    /// Attributes whose name starts with `on` (event handlers).
    public private(set) var handlers: [String] = []
    public private(set) var elementCount = 0

    public init(html: String) {
        var bytes = Array(html.utf8)
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let doc = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32($0.count), "page.html", "UTF-8", options) }
        }
        guard let doc else { return }
        defer { xmlFreeDoc(doc) }
        if let root = xmlDocGetRootElement(doc) { visit(root) }
    }

    private mutating func visit(_ node: xmlNodePtr) {
        var child: xmlNodePtr? = node
        while let n = child {
            if n.pointee.type == XML_ELEMENT_NODE {
                elementCount += 1
                let name = String(cString: n.pointee.name).lowercased()
                var attribute = n.pointee.properties
                var src: String?
                while let a = attribute {
                    let attributeName = String(cString: a.pointee.name).lowercased()
                    var value = ""
                    if let raw = xmlNodeGetContent(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self)) {
                        value = String(cString: raw)
                        notegraph_xml_free(raw)
                    }
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
                if name == "script" {
                    var text = ""
                    if let raw = xmlNodeGetContent(n) {
                        text = String(cString: raw)
                        notegraph_xml_free(raw)
                    }
                    scripts.append((src, text))
                }
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
