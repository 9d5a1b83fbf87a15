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
        // As small as an array of that count made in one go: what the allocator's size classes leave over (up to a
        // quarter with jemalloc) is not growth's spare room.
        let madeAtOnce = [Int](repeating: 0, count: grown.count)
        #expect(exact == grown && exact.capacity == madeAtOnce.capacity && exact.capacity < grown.capacity)
        #expect([Int]().exactlySized().isEmpty)
    }

    @Test func parsedLinksKeepNoSpareRoom() {
        let links = (0..<40).map { "[[Note \($0)]]" }.joined(separator: " ")
        let document = NoteParser.parse(SourceFile(path: "a.md", text: "# A\n\n\(links)\n"))
        #expect(document.links.count == 40 && document.links.capacity < 64)
    }
}
