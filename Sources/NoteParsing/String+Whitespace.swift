extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and newlines (Foundation-free, for hot paths).
    public func trimmingWhitespace() -> String {
        trimmedByCharacters(self)
    }
}

// String and Substring, nearly all the callers, first look at the two end bytes: most strings have nothing to trim,
// and that settles it without walking grapheme clusters.
extension String {
    public func trimmingWhitespace() -> String {
        endsAreNotSpace(utf8.first, utf8.last) ? self : trimmedByCharacters(self)
    }
}

extension Substring {
    public func trimmingWhitespace() -> String {
        endsAreNotSpace(utf8.first, utf8.last) ? String(self) : trimmedByCharacters(self)
    }
}

private func trimmedByCharacters<S: StringProtocol>(_ s: S) -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = s.firstIndex(where: { !isSpace($0) }) else { return "" }
    let last = s.lastIndex(where: { !isSpace($0) })!
    return String(s[first...last])
}

/// Whether a non-empty string's first and last bytes are no space, tab, newline or carriage return.
private func endsAreNotSpace(_ first: UInt8?, _ last: UInt8?) -> Bool {
    func isSpaceByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    guard let first, let last else { return false }
    return !isSpaceByte(first) && !isSpaceByte(last)
}
