import Foundation

/// Locations of the repository's test fixtures and bundled files, found from this source file's path
/// so tests work from any working directory.
public enum Fixtures {
    /// The repository root.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `Tests/Fixtures/<name>`.
    public static func url(_ name: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name)
    }

    /// Reads `Tests/Fixtures/<name>` as UTF-8 text.
    public static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    /// The shared seeds folder beside the repository (`../shared/seeds`), if present.
    public static let seeds: URL = root.deletingLastPathComponent().appendingPathComponent("shared/seeds")
}
