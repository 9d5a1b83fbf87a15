@testable import NoteParsing
import Testing

/// Parsed documents live through the whole build, so their arrays keep no spare room from growing.
@Suite("Exactly sized arrays")
struct ExactlySizedTests {
    @Test func anArrayGrownByAppendingLosesItsSpareRoomAndKeepsItsElements() {
        var grown: [Int] = []
        // Appended to until the last doubling left room for a hundred more.
        while grown.count < 100 || grown.capacity - grown.count < 100 { grown.append(grown.count) }
        let exact = grown.exactlySized()
        #expect(exact == grown && exact.capacity - exact.count < 16)
        #expect([Int]().exactlySized().isEmpty)
    }

    @Test func parsedLinksKeepNoSpareRoom() {
        let links = (0..<40).map { "[[Note \($0)]]" }.joined(separator: " ")
        let document = NoteParser.parse(SourceFile(path: "a.md", text: "# A\n\n\(links)\n"))
        #expect(document.links.count == 40 && document.links.capacity < 64)
    }
}
