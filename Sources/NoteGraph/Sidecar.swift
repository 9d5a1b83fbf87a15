/// Fields that a type's values usually leave empty, kept behind one reference instead of inline, so that the
/// values that leave them empty stay small: at 10,000 notes a hundred thousand claim nodes and two hundred
/// thousand mention edges carry none of a document's metadata or a citation's details (see `Node`, `Edge`).
///
/// A value, like the fields it holds: a copy shares the box until one of them changes a field, and the one that
/// changes gets its own box first. Empty fields are no box at all, so two values with the same fields compare
/// and hash alike however they were set.
@usableFromInline
struct Sidecar<Fields: SidecarFields>: Sendable, Hashable {
    /// Only ever changed while uniquely referenced (see `update`), so sharing it across threads is safe.
    @usableFromInline
    final class Box: @unchecked Sendable {
        @usableFromInline var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    /// nil while every field is empty. Read directly by the owning type's getters (`box?.fields.x ?? empty`), which
    /// are inlinable: a getter called on an item in an array or through a pointer made the caller copy the whole
    /// item first, retaining every string in it.
    @usableFromInline var box: Box?

    init() {}

    init(_ fields: Fields) {
        box = fields == Fields.empty ? nil : Box(fields)
    }

    /// Whether every field is empty (no box): a reader of many fields can skip them all at once.
    @inlinable var isEmpty: Bool { box == nil }


    /// Changes one field: in place when this value holds the only reference to the box.
    mutating func set<T>(_ field: WritableKeyPath<Fields, T>, to value: T) {
        if isKnownUniquelyReferenced(&box) {
            box!.fields[keyPath: field] = value
            if box!.fields == Fields.empty { box = nil }
        } else {
            var fields = box?.fields ?? Fields.empty
            fields[keyPath: field] = value
            self = Sidecar(fields)
        }
    }

    @usableFromInline static func == (a: Sidecar, b: Sidecar) -> Bool {
        a.box === b.box || a.box?.fields == b.box?.fields
    }

    @usableFromInline func hash(into hasher: inout Hasher) {
        hasher.combine(box?.fields)
    }
}

/// What a `Sidecar` holds: fields whose `empty` values are the ones a value without a box has.
@usableFromInline
protocol SidecarFields: Sendable, Hashable {
    static var empty: Self { get }
}
