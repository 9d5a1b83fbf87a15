import Foundation
import Testing
import TestSupport

/// The audit that the hostile-corpus test relies on must itself catch every vector: pasted raw into a page, each
/// vector of the corpus (vectors.txt) is reported, while the bundled site passes the same policy untouched.
@Suite("HTML security audit")
struct HTMLAuditTests {
    static func page(_ body: String, head: String = "") -> String {
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>t</title>\(head)\n</head>\n<body>\n<main>\n\(body)\n</main>\n</body>\n</html>\n"
    }

    static func findings(_ html: String) -> [HTMLAudit.Finding] {
        HTMLAudit(html: html).findings(policy: .notegraphSite)
    }

    static let vectors = Result { try HostileVectors.load() }

    @Test func harmlessPagesHaveNoFindings() {
        for body in ["<p>hello</p>", "<p title=\"hello\">x</p>", "<p><a href=\"../note/x.html#y\">x</a> <a href=\"https://example.com/a?b=c\">e</a> <a href=\"mailto:a@b.c\">m</a></p>",
                     "<svg class=\"local-graph\" viewBox=\"0 0 1 1\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><a href=\"../x.html\"><g class=\"n\"><title>a &lt;script&gt;</title><circle cx=\"0\" cy=\"0\" r=\"7\"/></g></a></svg>",
                     "<table><tr><td style=\"text-align: left\">x</td></tr></table>"] {
            #expect(Self.findings(Self.page(body)).isEmpty, "\(body): \(Self.findings(Self.page(body)))")
        }
        #expect(Self.findings(Self.page("", head: "<script src=\"../search-index.js\" defer></script>")).isEmpty)
    }

    @Test func everyMarkupAndHandlerVectorIsCaughtWhenPastedRaw() throws {
        let live = try Self.vectors.get().filter { ["markup", "handler"].contains($0.section) }
        #expect(live.count >= 300)
        for v in live {
            #expect(!Self.findings(Self.page("<p>" + v.text + "</p>")).isEmpty, "vectors.txt:\(v.line) not caught: \(v.text)")
        }
    }

    /// Break-outs are judged in the contexts they break: quoted and unquoted attributes, element text, the title.
    @Test func everyBreakoutIsCaughtInTheContextItBreaks() throws {
        let contexts: [(String) -> String] = [
            { Self.page("<p title=\"\($0)\">x</p>") }, { Self.page("<p title='\($0)'>x</p>") }, { Self.page("<p title=\($0)>x</p>") },
            { Self.page("<p>\($0)</p>") }, { Self.page("<div>x</div>", head: "<meta name=\"description\" content=\"\($0)\">") },
        ]
        for context in contexts { #expect(Self.findings(context("hello")).isEmpty) }
        let breakouts = try Self.vectors.get().filter { ["breakout", "handler-breakout"].contains($0.section) }
        #expect(breakouts.count >= 200)
        for v in breakouts {
            #expect(contexts.contains { !Self.findings($0(v.text)).isEmpty }, "vectors.txt:\(v.line) not caught: \(v.text)")
        }
    }

    /// URL vectors are caught in every URL-bearing attribute (the value written with only `"` escaped, so the
    /// parser undoes the vector's own entity encoding as a browser does).
    @Test func everyURLVectorIsCaughtInEveryURLAttribute() throws {
        let vectors = try Self.vectors.get()
        let urls = vectors.filter { $0.section == "url" }.map(\.text)
            + vectors.filter { $0.section == "url-markdown" }.map { Self.undoMarkdownEscapes($0.text) }
        #expect(urls.count >= 90)
        let places: [(String) -> String] = [
            { "<a href=\"\($0)\">x</a>" }, { "<img src=\"\($0)\">" }, { "<form action=\"\($0)\"></form>" },
            { "<button formaction=\"\($0)\">x</button>" }, { "<svg><a xlink:href=\"\($0)\"><text>x</text></a></svg>" },
            { "<object data=\"\($0)\"></object>" }, { "<table background=\"\($0)\"></table>" },
            { "<svg><a><animate attributeName=\"href\" values=\"\($0)\"/></a></svg>" },
            { "<meta http-equiv=\"refresh\" content=\"0;url=\($0)\">" },
        ]
        for url in urls {
            #expect(HTMLAudit.isDangerousURL(url), "not dangerous: \(url)")
            let attribute = url.replacingOccurrences(of: "\"", with: "&quot;")
            for place in places {
                let found = Self.findings(Self.page(place(attribute)))
                #expect(found.contains { $0.kind == .dangerousURL }, "not caught: \(place(attribute)) → \(found)")
            }
        }
    }

    @Test func schemesAreReadAsABrowserReadsThem() {
        #expect(HTMLAudit.browserScheme(" \u{1}java\tscr\nipt:alert(1)") == "javascript")
        #expect(HTMLAudit.browserScheme("JaVaScRiPt:alert(1)") == "javascript")
        #expect(HTMLAudit.browserScheme("%6Aavascript:alert(1)") == nil)  // a relative path to a browser…
        #expect(HTMLAudit.strictScheme("%6Aavascript:alert(1)") == "javascript")  // …but not to the strict reading
        #expect(HTMLAudit.strictScheme("&#x6A&#0000097vascript&colon;x") == "javascript")
        #expect(HTMLAudit.strictScheme("java\u{200B}script:x") == "javascript")
        for safe in ["../note/a.html#b", "./javascript:x", "x/javascript:y", "https://arxiv.org/abs/1", "mailto:a@b", "#top", ""] {
            #expect(!HTMLAudit.isDangerousURL(safe), "\(safe)")
        }
        #expect(HTMLAudit.isDangerousCSS("background:\\75 rl(x)"))
        #expect(HTMLAudit.isDangerousCSS("x:expr/**/ession(alert(1))"))
        #expect(!HTMLAudit.isDangerousCSS("text-align: left"))
    }

    /// The policy is notegraph's real output: the committed site passes it page by page.
    @Test func theBundledSitePassesThePolicy() throws {
        let site = Fixtures.root.appendingPathComponent("site")
        let pages = try FileManager.default.subpathsOfDirectory(atPath: site.path).filter { $0.hasSuffix(".html") }
        #expect(pages.count >= 10)
        for path in pages {
            let audit = HTMLAudit(html: try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8))
            #expect(audit.elementCount > 10 && audit.rawTags.count > 10, "\(path) did not parse")
            #expect(audit.findings(policy: .notegraphSite).isEmpty, "\(path): \(audit.findings(policy: .notegraphSite).prefix(5))")
        }
    }

    /// `\:` → `:`, as CommonMark does for a backslash before ASCII punctuation.
    static func undoMarkdownEscapes(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if !escaped, c == "\\" { escaped = true; continue }
            if escaped, !(c.isASCII && c.isPunctuation || c.isASCII && c.isSymbol) { out.append("\\") }
            out.append(c)
            escaped = false
        }
        return out
    }
}
