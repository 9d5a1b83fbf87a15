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

    /// Every kind of block and inline, pinned byte for byte: the writer builds its output in a byte buffer, and
    /// this is what the String-joining writer before it printed for the same note (checked with both binaries).
    @Test func pinsTheHTMLOfEveryBlockAndInline() {
        let markdown = """
        Intro with *emphasis*, **strong**, ~~gone~~, `code <x>`, a [site](https://example.com "T & t"), a [local](other.md), an [unsafe](javascript:alert(1)) one, <b>raw</b>, and [[Other note|its label]] and [[Missing]].
        Soft break here\u{20}\u{20}
        hard break there ![alt *x*](pic.png "P") and ![](http://x/y z.png).

        ## Heading & "quote"

        > quoted
        >
        > - inner

        1. one
        2. two

        3) three
        4) four

        - [ ] open task
        - [x] done task

        - loose

        - list

        ```swift extra
        let x = 1 < 2
        ```

            indented

        <div onclick="x">html block</div>

        ---

        | a | b | c |
        |:--|:-:|--:|
        | 1 | *2* | 3 |
        | x |
        """
        let expected = """
        <p>Intro with <em>emphasis</em>, <strong>strong</strong>, <del>gone</del>, <code>code &lt;x&gt;</code>, a <a href="https://example.com" title="T &amp; t" rel="noopener nofollow">site</a>, a <a class="internal k-note" href="../note/other.html" title="Other">local</a>, an <span class="unsafe-link">unsafe</span> one, <code class="raw-html">&lt;b&gt;</code>raw<code class="raw-html">&lt;/b&gt;</code>, and <a class="internal k-note" href="../note/other-note.html" title="Other note">its label</a> and <span class="unresolved" title="No note has this title">Missing</span>.
        Soft break here<br>
        hard break there <a class="image-link" href="pic.png" title="P">alt x</a> and ![](<a href="http://x/y" rel="noopener nofollow">http://x/y</a> z.png).</p>
        <h3 id="heading-quote">Heading &amp; &quot;quote&quot;</h3>
        <blockquote>
        <p>quoted</p>
        <ul>
        <li>inner</li>
        </ul>
        </blockquote>
        <ol>
        <li>one</li>
        <li>two</li>
        </ol>
        <ol start="3">
        <li>three</li>
        <li>four</li>
        </ol>
        <ul class="tasks">
        <li><input type="checkbox" disabled> <p>open task</p></li>
        <li><input type="checkbox" disabled checked> <p>done task</p></li>
        <li><p>loose</p></li>
        <li><p>list</p></li>
        </ul>
        <pre><code class="language-swift">let x = 1 &lt; 2
        </code></pre>
        <pre><code>indented
        </code></pre>
        <pre class="raw-html"><code>&lt;div onclick=&quot;x&quot;&gt;html block&lt;/div&gt;
        </code></pre>
        <hr>
        <table>
        <thead>
        <tr><th style="text-align: left">a</th><th style="text-align: center">b</th><th style="text-align: right">c</th></tr>
        </thead>
        <tbody>
        <tr><td style="text-align: left">1</td><td style="text-align: center"><em>2</em></td><td style="text-align: right">3</td></tr>
        <tr><td style="text-align: left">x</td><td style="text-align: center"></td><td style="text-align: right"></td></tr>
        </tbody>
        </table>

        """
        let targets: [MarkdownHTMLWriter.ResolvedLink?] = [
            .init(href: "../note/other.html", title: "Other", kind: "note"),
            .init(href: "../note/other-note.html", title: "Other note", kind: "note"),
            nil,
        ]
        let out = html(markdown) { $0 < targets.count ? targets[$0] : nil }
        #expect(out == expected)
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
