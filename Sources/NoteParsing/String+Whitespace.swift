extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and newlines (Foundation-free, for hot paths).
    public func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }

    /// Nearly every string has nothing to trim: two byte checks settle it without walking grapheme clusters.
    fileprivate func hasNoSpaceAtEnds(first: UInt8?, last: UInt8?) -> Bool {
        func isSpaceByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first, let last else { return false }
        return !isSpaceByte(first) && !isSpaceByte(last)
    }
}

extension String {
    public func trimmingWhitespace() -> String {
        hasNoSpaceAtEnds(first: utf8.first, last: utf8.last) ? self : self[...].trimmingWhitespace()
    }
}

extension Substring {
    public func trimmingWhitespace() -> String {
        hasNoSpaceAtEnds(first: utf8.first, last: utf8.last) ? String(self) : (self as any StringProtocol).trimmingWhitespace()
    }
}
