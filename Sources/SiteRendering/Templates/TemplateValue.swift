/// What a template slot can hold. Page models hand these to templates; nothing is looked up by reflection.
public enum TemplateValue {
    /// Text: escaped for HTML when printed with `{{name}}`, printed as is with `{{{name}}}`.
    case text(String)
    case bool(Bool)
    case number(Int)
    case list([TemplateValue])
    case object(any TemplateObject)

    /// Whether a section `{{#name}}` over this value renders (Mustache's truthiness; empty text counts as false
    /// so optional sentences can guard their own markup).
    var isTruthy: Bool {
        switch self {
        case .text(let s): return !s.isEmpty
        case .bool(let b): return b
        case .number: return true
        case .list(let items): return !items.isEmpty
        case .object: return true
        }
    }
}

/// A page model (or part of one) that answers template keys.
public protocol TemplateObject {
    /// The value for `key`, or nil when this object has no such key (lookup then continues up the context stack).
    func value(forKey key: String) -> TemplateValue?
}

extension TemplateValue {
    init(_ s: String) { self = .text(s) }
    init(_ b: Bool) { self = .bool(b) }
    init(_ n: Int) { self = .number(n) }
    init(_ items: [String]) { self = .list(items.map(TemplateValue.text)) }
    init<T: TemplateObject>(_ object: T) { self = .object(object) }
    init<T: TemplateObject>(_ items: [T]) { self = .list(items.map { .object($0) }) }

    // Absent optionals are falsy: they skip their section and print nothing.
    init(_ s: String?) { self = s.map(TemplateValue.text) ?? .bool(false) }
    init<T: TemplateObject>(_ object: T?) { self = object.map { .object($0) } ?? .bool(false) }
}
