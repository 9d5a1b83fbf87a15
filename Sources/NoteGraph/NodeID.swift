/// A node's stable identifier: `<kind>/<slug>` (`note/does-instruction-tuning-teach-task-understanding`),
/// `concept/kto`, or `claim/<note-slug>/<hash>`. Stable across builds for the same input.
public struct NodeID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}
