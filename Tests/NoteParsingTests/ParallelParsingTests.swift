import NoteParsing
import Testing

/// Notes parsed on every core at once come out as they do one at a time: libcmark-gfm's inline phase shares a
/// process-wide table of special characters between parsers (see `CommonMarkConverter`), and a parse that lost `~`
/// or the autolink triggers to another thread would quietly drop strikethrough or links.
@Suite struct ParallelParsingTests {
    @Test func parsesOnAllCoresAtOnceMatchParsesOneAtATime() {
        let files = (0..<400).map { i in
            SourceFile(path: "n\(i).md", text: """
                # Does method \(i) help?

                Method \(i) is ~~not~~ better, see https://example.com/\(i) and www.example\(i).com or mail x\(i)@example.com.
                It ~~drops~~ raises accuracy by \(i)% over [[Does method \(i + 1) help?]].

                | a | b |
                | - | - |
                | ~~\(i)~~ | www.example.org |

                """)
        }
        let one = files.map(NoteParser.parse)
        #expect(one.allSatisfy { "\($0.blocks)".contains("strikethrough") }, "the corpus exercises strikethrough")
        for _ in 0..<3 {
            #expect(parallelMap(files, serialUpTo: 1, NoteParser.parse) == one)
        }
    }
}
