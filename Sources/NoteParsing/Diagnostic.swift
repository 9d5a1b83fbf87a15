/// A problem found in the corpus, reported as `file:line:col: severity: message`.
///
/// Stages collect these as values instead of throwing, so one bad note never hides the others;
/// the executable decides the exit code once everything has been reported.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    /// Path of the file relative to the notes folder.
    public var file: String
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, file: String, at location: SourceLocation = .start, _ message: String) {
        self.severity = severity
        self.file = file
        self.location = location
        self.message = message
    }

    public static func warning(_ file: String, at location: SourceLocation = .start, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file: file, at: location, message)
    }

    public static func error(_ file: String, at location: SourceLocation = .start, _ message: String) -> Diagnostic {
        Diagnostic(.error, file: file, at: location, message)
    }

    public var description: String {
        "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }

    /// Sorted by file, then position, then text: the order diagnostics are printed in.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.location.line, lhs.location.column, lhs.message)
            < (rhs.file, rhs.location.line, rhs.location.column, rhs.message)
    }
}
