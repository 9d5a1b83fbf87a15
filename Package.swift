// swift-tools-version:6.0
import PackageDescription

/// Linker settings for the C libraries `names`. Release builds on Linux link their static archives (Debian's -dev
/// packages ship them), so that the loader does not map, relocate and bind them at every start, a cost every
/// `notegraph` command pays (see README "Benchmark"). Debug builds, which the tests use, link the shared libraries.
func cLibraries(_ names: [String]) -> [LinkerSetting] {
    names.flatMap { name -> [LinkerSetting] in
        [
            .linkedLibrary(name, .when(configuration: .debug)),
            .linkedLibrary(name, .when(platforms: [.macOS], configuration: .release)),
            .unsafeFlags(["-Xlinker", "-l:lib\(name).a"], .when(platforms: [.linux], configuration: .release)),
        ]
    }
}

// The pipeline, one target per stage (see README "Architecture"):
//   notes/*.md → NoteParsing → NoteGraph → GraphAnalysis → GraphQuery → SiteRendering
// NoteImport turns raw page exports into notes. BuildPipeline chains the pure stages; the `notegraph`
// executable and its `Workspace` module are the only code that touches the file system.
let package = Package(
    name: "notegraph",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "notegraph", targets: ["notegraph"]),
        .executable(name: "notegraph-bench", targets: ["notegraph-bench"]),
        .library(
            name: "NoteGraphKit",
            targets: ["NoteParsing", "NoteImport", "NoteGraph", "GraphAnalysis", "GraphQuery", "SiteRendering", "BuildPipeline"]
        ),
        // The fuzz targets' invariants, for the separate fuzzing package in Fuzz/ (see scripts/fuzz.sh).
        .library(name: "FuzzInvariants", targets: ["FuzzInvariants"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // No pkgConfig or module-map `link` for libcmark-gfm and SQLite: the targets that use them link them
        // (`cLibraries`), statically into release builds.
        .systemLibrary(
            name: "CCmarkGFM",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // renameat2(RENAME_EXCHANGE) for swapping a finished site in atomically.
        .target(name: "CSystem"),
        // The executable's malloc: jemalloc, with its options (see allocator.c for why and the measurements).
        // jemalloc stays a shared library: linked in, its malloc would be hidden from the C library (the Swift
        // runtime's link passes `--exclude-libs ALL`), which would then free with one allocator what it took from another.
        .target(name: "CAllocator", linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]),
        .target(name: "NoteParsing", dependencies: ["CCmarkGFM", .product(name: "Yams", package: "Yams")], linkerSettings: cLibraries(["cmark-gfm-extensions", "cmark-gfm"])),
        .target(name: "NoteImport", dependencies: ["NoteParsing", "CLibXML2"]),
        .target(name: "NoteGraph", dependencies: ["NoteParsing"]),
        .target(name: "GraphAnalysis", dependencies: ["NoteGraph"]),
        .target(name: "GraphQuery", dependencies: ["GraphAnalysis"]),
        .target(
            name: "SiteRendering",
            dependencies: ["GraphQuery"]
        ),
        .target(name: "GraphStore", dependencies: ["GraphQuery", "CSQLite"], linkerSettings: cLibraries(["sqlite3"])),
        .target(name: "BuildPipeline", dependencies: ["SiteRendering", "NoteImport", "GraphStore"]),
        .target(name: "Workspace", dependencies: ["BuildPipeline", "NoteImport", "CSystem"]),
        .executableTarget(
            name: "notegraph",
            dependencies: ["Workspace", "CAllocator", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // Release builds link the Swift runtime and Foundation in (what `swift build --static-swift-stdlib`
            // does, for this executable only): loading and relocating their shared libraries cost every run about
            // 8 ms (no-op build 62 → 55 ms at 10,000 notes), for an 84 MB binary instead of 14 MB. The main module is
            // compiled against the static SDK too, so that its autolink entries name Foundation's static libraries.
            // It is linked at a fixed address (`-no-pie`): a position-independent one made the loader apply 79,000
            // relative relocations to it at every start, copying the pages they touch (`notegraph --version`
            // 16.8 → 15.3 ms, medians of 40 alternating runs).
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))]
        ),
        .executableTarget(
            name: "notegraph-bench",
            // No Workspace: the bench drives the `notegraph` binary as a black box (its CLI contract),
            // so it builds and runs independently of the pipeline's internals.
            dependencies: ["CCmarkGFM", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: cLibraries(["cmark-gfm-extensions", "cmark-gfm"])
        ),
        // What the libFuzzer targets in Fuzz/ check on every input; the regression tests replay the same checks.
        .target(name: "FuzzInvariants", dependencies: ["NoteParsing", "NoteImport"]),
        // Shared test helpers: fixture paths and re-recordable text snapshots.
        .target(name: "TestSupport", dependencies: ["CLibXML2", "NoteParsing"], path: "Tests/TestSupport"),
        .testTarget(name: "NoteParsingTests", dependencies: ["NoteParsing", "TestSupport"]),
        .testTarget(name: "NoteImportTests", dependencies: ["NoteImport", "TestSupport"]),
        .testTarget(name: "NoteGraphTests", dependencies: ["NoteGraph", "GraphAnalysis", "GraphQuery", "GraphStore", "TestSupport"]),
        .testTarget(name: "SiteRenderingTests", dependencies: ["SiteRendering", "Workspace", "CLibXML2", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Workspace", "NoteImport", "CLibXML2", "CAllocator", "TestSupport"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzInvariants", "TestSupport"]),
    ]
)
