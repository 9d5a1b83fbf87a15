/// Refuses note bodies that would make libcmark-gfm 0.29 (Debian's) take super-linear time or memory.
///
/// That release predates the 2023 fixes for quadratic parsing (CVE-2023-22483, -22484, -24824, -37463,
/// GHSA-r8vr-c48j-fcc5): 30 KB of nested list items followed by blank lines, 150 KB of block-quote emphasis or
/// 480 KB of `![[]()` each take seconds to minutes. One linear scan before parsing catches the input shapes behind
/// those reports and cmark's pathological test suite (`scripts/pathological-timings.sh` times every case), so one
/// hostile note is reported ("note too complex") while the rest of the site builds. Limits sit far above anything
/// a person writes; they are listed in docs/note-format.md#limits.
public enum ComplexityGuard {
    /// Largest note body accepted, in bytes (1.5 MB). Every line costs notegraph a few microseconds, so 2 MB of short
    /// lines (a long table) came near 5 s on a shared 2-core machine; a 10 MB ordinary note would take about 8 s.
    public static let maxBytes = 1_536 * 1024
    /// Most `[` (link and image openers) allowed in one paragraph.
    public static let maxBracketsPerParagraph = 2_000
    /// Most `[` allowed in one note: each link costs the graph and the site tens of microseconds, so a note of nothing
    /// but links would otherwise build for longer than 5 s under the size cap.
    public static let maxBracketsPerNote = 100_000
    /// Most `*`, `_` or `~` (emphasis and strikethrough delimiters) allowed in one paragraph. Bounds both cmark's
    /// quadratic delimiter matching and how deep emphasis can nest (the tree is converted and walked recursively).
    public static let maxDelimitersPerParagraph = 2_000
    /// Deepest nesting of block quotes or list items allowed on one line (`> > -`, `- - -`).
    public static let maxNesting = 64
    /// Widest indentation allowed, in columns (a tab counts 4): nested lists by indentation.
    public static let maxIndent = maxNesting * 4
    /// Budget for blank lines inside nested blocks: the sum over blank lines of how deep the blocks still open
    /// there are nested. This cmark-gfm version walks the whole chain of open blocks for every blank line.
    public static let maxBlankLineDepthWork = 25_000_000
    /// Most `)` allowed at the end of a word that starts an autolink (`www.`, `://`): the autolink extension trims
    /// them one at a time, counting the link's parentheses each time.
    public static let maxAutolinkClosers = 32
    /// Budget for sentence splitting, which looks back over the letters and dots before every `.` (for "e.g."):
    /// the sum over dots of the distance back to the start of their word.
    public static let maxDotWork = 50_000_000
    /// Budget for table rows, as the sum over lines of (number of `|`)²: the table extension appends each cell to
    /// the end of a linked list, so a row costs the square of its cells.
    public static let maxTableCellWork = 100_000_000

    /// Why the body is refused, or nil if it is fine. One pass over the UTF-8 bytes.
    public static func problem(in body: Substring) -> String? {
        let count = body.utf8.count
        if count > maxBytes {
            return "note too complex: \(count / 1024) KB is over the \(maxBytes / 1024) KB limit for one note"
        }
        if let answer = body.utf8.withContiguousStorageIfAvailable({ scan($0) }) { return answer }
        return Array(body.utf8).withUnsafeBufferPointer { scan($0) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let n = bytes.count
        var brackets = 0
        var noteBrackets = 0
        var delimiters = 0
        var tableWork = 0
        var dotWork = 0
        // Start of the current word: the splitter's run of letters and dots lies inside it (escapes, entities and
        // inline markup can join what looks like separate runs here, so the word is bounded by whitespace only).
        var wordStart = 0
        var openDepth = 0  // how deep the blocks left open by the lines since the last blank line may nest
        var previousBlank = true
        var blankLineWork = 0
        var i = 0
        while i < n {
            // Line start: read the container prefix (indentation, `>`, list markers) the way cmark opens blocks.
            var column = 0
            var spaces = 0  // columns of indentation, without the markers'
            var containers = 0
            var firstMarkerColumn = -1
            prefix: while i < n {
                switch bytes[i] {
                case UInt8(ascii: " "):
                    column += 1
                    spaces += 1
                    i += 1
                case UInt8(ascii: "\t"):
                    column += 4
                    spaces += 4
                    i += 1
                case UInt8(ascii: ">"):
                    containers += 1
                    i += 1
                case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"):
                    guard i + 1 >= n || isSpaceOrEnd(bytes[i + 1]) else { break prefix }
                    if firstMarkerColumn < 0 { firstMarkerColumn = column }
                    containers += 1
                    column += 1
                    i += 1
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    var j = i
                    while j < n, j - i < 9, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9") { j += 1 }
                    guard j < n, bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: ")"),
                          j + 1 >= n || isSpaceOrEnd(bytes[j + 1]) else { break prefix }
                    // Only a list starting at 1 may interrupt a paragraph.
                    if firstMarkerColumn < 0 && j == i + 1 && bytes[i] == UInt8(ascii: "1") { firstMarkerColumn = column }
                    containers += 1
                    column += j + 1 - i
                    i = j + 1
                default:
                    break prefix
                }
                if containers > maxNesting {
                    return "note too complex: block quotes or list items nested more than \(maxNesting) deep on one line"
                }
                if column > maxIndent {
                    return "note too complex: lines indented more than \(maxIndent) spaces (nested lists)"
                }
            }
            wordStart = i
            let lineIsBlank = i >= n || bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r")
            // Each list level needs at least two columns of indentation, so a line can continue at most this deep.
            let depth = containers + spaces / 2
            if lineIsBlank {
                blankLineWork += max(openDepth, depth)
                if blankLineWork > maxBlankLineDepthWork {
                    return "note too complex: too many blank lines inside deeply nested lists or quotes (this cmark-gfm version walks every open block for each blank line)"
                }
            } else {
                // After a blank line a line closes the blocks it does not continue; otherwise it may be a lazy
                // continuation that keeps them all open.
                openDepth = previousBlank ? depth : max(openDepth, depth)
            }
            previousBlank = lineIsBlank
            // A blank line ends the paragraph (or is inside a code block, which has no inlines); so does a list item
            // marker a paragraph cannot continue past (a bullet, or `1.`, indented less than 4): counts restart there.
            if lineIsBlank || (firstMarkerColumn >= 0 && firstMarkerColumn < 4) {
                brackets = 0
                delimiters = 0
            }
            // The rest of the line.
            var pipes = 0
            var wordHasAutolink = false
            var closers = 0
            while i < n && bytes[i] != UInt8(ascii: "\n") {
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: "["):
                    brackets += 1
                    noteBrackets += 1
                    if brackets > maxBracketsPerParagraph {
                        return "note too complex: more than \(maxBracketsPerParagraph) '[' in one paragraph (this cmark-gfm version parses that in quadratic time)"
                    }
                    if noteBrackets > maxBracketsPerNote {
                        return "note too complex: more than \(maxBracketsPerNote) '[' (links) in one note"
                    }
                case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                    delimiters += 1
                    if delimiters > maxDelimitersPerParagraph {
                        return "note too complex: more than \(maxDelimitersPerParagraph) '*', '_' or '~' in one paragraph (this cmark-gfm version matches emphasis in quadratic time)"
                    }
                case UInt8(ascii: "|"):
                    pipes += 1
                default:
                    break
                }
                // Autolinks: a word (up to a space or '<') containing `www.` or `://`, ending in a run of `)`.
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "<"):
                    wordHasAutolink = false
                    closers = 0
                case UInt8(ascii: ")"):
                    closers += 1
                    if wordHasAutolink && closers > maxAutolinkClosers {
                        return "note too complex: a link ends in more than \(maxAutolinkClosers) ')' (this cmark-gfm version trims them in quadratic time)"
                    }
                case UInt8(ascii: "."):
                    dotWork += i - wordStart
                    if dotWork > maxDotWork {
                        return "note too complex: too many dots inside long words (like 'www.www.www…'; sentence splitting looks back over each word)"
                    }
                    if i >= 3 && bytes[i - 1] | 0x20 == UInt8(ascii: "w") && bytes[i - 2] | 0x20 == UInt8(ascii: "w")
                        && bytes[i - 3] | 0x20 == UInt8(ascii: "w") {
                        wordHasAutolink = true
                    }
                case UInt8(ascii: "/"):
                    if i >= 2 && bytes[i - 1] == UInt8(ascii: "/") && bytes[i - 2] == UInt8(ascii: ":") { wordHasAutolink = true }
                    closers = 0
                case UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "*"),
                     UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: ";"):
                    break  // trailing punctuation the autolink extension trims along with ')'
                default:
                    closers = 0
                }
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") { wordStart = i + 1 }
                i += 1
            }
            tableWork += pipes * pipes
            if tableWork > maxTableCellWork {
                return "note too complex: table rows with too many cells (more than \(maxTableCellWork) in the sum of each row's '|' count squared)"
            }
            i += 1  // past the newline
        }
        return nil
    }

    private static func isSpaceOrEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
