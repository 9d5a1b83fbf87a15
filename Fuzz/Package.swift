// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets, one per input surface: importers (text exports and Atom XML), front matter and the note
// parser, the citation matcher, slugs. Their invariants live in the main package (`FuzzInvariants`), where the
// regression tests replay what fuzzing found.
//
// A package of its own because `swift build --sanitize=fuzzer` links libFuzzer's `main` into every executable it
// builds, which clashes with `notegraph`'s and `notegraph-bench`'s own `main` ("multiple definition of 'main'");
// here every executable is a fuzz target, and the main package's `swift build`/`swift test` never see them.
// Build and run with scripts/fuzz.sh.
let package = Package(
    name: "notegraph-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "notegraph", path: "..")],
    targets: [
        .executableTarget(name: "FuzzImport", dependencies: [.product(name: "FuzzInvariants", package: "notegraph")]),
        .executableTarget(name: "FuzzNoteParser", dependencies: [.product(name: "FuzzInvariants", package: "notegraph")]),
        .executableTarget(name: "FuzzTitleMatcher", dependencies: [.product(name: "FuzzInvariants", package: "notegraph")]),
        .executableTarget(name: "FuzzSlug", dependencies: [.product(name: "FuzzInvariants", package: "notegraph")]),
    ]
)
