import GraphQuery
import NoteParsing
import SiteRendering
import Testing

@Suite("MarkdownHTMLWriter")
struct MarkdownHTMLWriterTests {
    func html(_ markdown: String, resolve: @escaping (Int) -> MarkdownHTMLWriter.ResolvedLink? = { _ in nil }) -> String {
        let doc = NoteParser.parse(SourceFile(path: "x.md", text: "# T\n\n" + markdown))
        return MarkdownHTMLWriter(resolve: resolve).html(doc.blocks)
    }

    @Test func escapesTextAndShowsRawHTMLAsText() {
        let out = html("a < b & \"c\"\n\n<script>alert(1)</script>\n\ninline <img src=x onerror=alert(1)> here")
        #expect(out.contains("a &lt; b &amp; &quot;c&quot;"))
        #expect(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(out.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!out.contains("<script"))
        #expect(!out.contains("<img"))
    }

    @Test(arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "jav&#x09;ascript:alert(1)",
        "jav&#9;ascript:alert(1)", "&#106;avascript:alert(1)", "%6Aavascript:alert(1)", "java\u{0}script:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)", "javascript&colon;alert(1)",
    ])
    func dangerousURLsAreNeutralised(url: String) {
        #expect(HTML.safeURL(url) == nil, "\(url) passed")
    }

    @Test(arguments: ["https://arxiv.org/abs/1", "http://example.org", "mailto:a@b.c", "../note/x.html", "#results", "notes/a:b"])
    func ordinaryURLsPass(url: String) {
        #expect(HTML.safeURL(url) != nil)
    }

    @Test func linksToNotesResolveOrAreMarkedUnresolved() {
        let out = html("See [[Known?]] and [[Unknown?|that one]].") { index in
            index == 0 ? .init(href: "../note/known.html", title: "Known?", kind: "note") : nil
        }
        #expect(out.contains("<a class=\"internal k-note\" href=\"../note/known.html\" title=\"Known?\">Known?</a>"))
        #expect(out.contains("<span class=\"unresolved\" title=\"No note has this title\">that one</span>"))
    }

    @Test func headingsTablesTaskListsAndCode() {
        let out = html("## Results\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n- [x] done\n\n```swift\nlet x = \"<\"\n```")
        #expect(out.contains("<h3 id=\"results\">Results</h3>"))
        #expect(out.contains("<th style=\"text-align: left\">a</th>"))
        #expect(out.contains("<input type=\"checkbox\" disabled checked>"))
        #expect(out.contains("<pre><code class=\"language-swift\">let x = &quot;&lt;&quot;\n</code></pre>"))
    }

    @Test func scriptContextStringsCannotCloseTheScript() {
        var json = JSONWriter(scriptSafe: true)
        json.string("</script><script>x\u{2028}\u{2029}\"\\\u{1}")
        #expect(String(decoding: json.bytes, as: UTF8.self) == "\"\\u003c/script\\u003e\\u003cscript\\u003ex\\u2028\\u2029\\\"\\\\\\u0001\"")
    }
}
