/// What a claim sentence states.
public enum ClaimType: String, Sendable, Hashable, CaseIterable, Codable {
    /// A measured result with numbers ("closes 88–91% of the alignment gap").
    case quantitative
    /// A qualitative finding ("post-training activates existing capabilities").
    case finding
    /// A proposed method ("we propose a learning rate reduction approach").
    case method
    /// A stated limitation or failure ("SFT fails to constrain model updates").
    case limitation
}

/// A number read from a claim: a single value, or a range (`88–91%`, `from 0.94 to 0.31`).
public struct Quantity: Sendable, Hashable, Codable {
    public enum Unit: String, Sendable, Hashable, Codable, CaseIterable {
        case percent
        case times
        case count
        case plain
    }

    public var value: Double
    /// Upper end of a range, or the "to" value of a change.
    public var upper: Double?
    public var unit: Unit
    /// The text the number was read from, as it appears in the sentence.
    public var text: String

    public init(value: Double, upper: Double? = nil, unit: Unit, text: String) {
        self.value = value
        self.upper = upper
        self.unit = unit
        self.text = text
    }
}

/// A claim node's payload.
public struct ClaimInfo: Sendable, Hashable {
    public var type: ClaimType
    public var quantities: [Quantity]

    public init(type: ClaimType, quantities: [Quantity]) {
        self.type = type
        self.quantities = quantities
    }
}
