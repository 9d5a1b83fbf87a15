import Foundation
import FuzzInvariants
import Testing
import TestSupport

/// Replays, through the fuzz targets' own invariants (`FuzzInvariants`), every input fuzzing ever broke them with
/// (`Tests/Fixtures/fuzz-regressions/<target>/`, one file per finding, named after what it found) and every seed
/// the fuzzers start from. `scripts/fuzz.sh` runs the targets themselves.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let targets: [(name: String, check: @Sendable ([UInt8]) -> [String], seeds: [String])] = [
        ("FuzzImport", FuzzInvariants.importer, ["import-seeds", "import-shapes"]),
        ("FuzzNoteParser", FuzzInvariants.noteParser, ["corpus-everything", "corpus-invalid"]),
        ("FuzzTitleMatcher", FuzzInvariants.titleMatcher, ["fuzz-seeds/FuzzTitleMatcher", "import-shapes"]),
        ("FuzzSlug", FuzzInvariants.slug, ["fuzz-seeds/FuzzSlug", "corpus-everything"]),
    ]

    static func files(under folder: String) -> [URL] {
        let root = Fixtures.url(folder)
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return walk.compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.path < $1.path }
    }

    /// The targets fuzzing has found something in.
    static let targetsWithFindings = targets.map(\.name).filter { !files(under: "fuzz-regressions/\($0)").isEmpty }

    @Test(arguments: targetsWithFindings)
    func everyFindingStaysFixed(target: String) throws {
        let check = try #require(Self.targets.first { $0.name == target }).check
        let findings = Self.files(under: "fuzz-regressions/\(target)")
        #expect(!findings.isEmpty)
        for file in findings {
            let problems = check(Array(try Data(contentsOf: file)))
            #expect(problems.isEmpty, "\(target) \(file.lastPathComponent): \(problems.joined(separator: "; "))")
        }
    }

    @Test(arguments: targets.map(\.name))
    func everySeedKeepsTheInvariants(target: String) throws {
        let entry = try #require(Self.targets.first { $0.name == target })
        let seeds = entry.seeds.flatMap { Self.files(under: $0) }
        #expect(seeds.count >= 2, "\(target) has seeds")
        for file in seeds {
            let problems = entry.check(Array(try Data(contentsOf: file)))
            #expect(problems.isEmpty, "\(target) \(file.lastPathComponent): \(problems.joined(separator: "; "))")
        }
    }

    /// The invariants are not vacuous: each one rejects an output that breaks it.
    @Test func slugInvariantsRejectUnsafeNames() {
        #expect(!FuzzInvariants.slugProblemsForTesting("a/b", maxLength: 80).isEmpty)
        #expect(!FuzzInvariants.slugProblemsForTesting("..", maxLength: 80).isEmpty)
        #expect(!FuzzInvariants.slugProblemsForTesting("", maxLength: 80).isEmpty)
        #expect(!FuzzInvariants.slugProblemsForTesting(String(repeating: "日", count: 30), maxLength: 80).isEmpty)  // 90 bytes
        #expect(!FuzzInvariants.slugProblemsForTesting("a--b", maxLength: 80).isEmpty)
        #expect(!FuzzInvariants.slugProblemsForTesting("Abc", maxLength: 80).isEmpty)
        #expect(!FuzzInvariants.slugProblemsForTesting("a\u{0}b", maxLength: 80).isEmpty)
        #expect(FuzzInvariants.slugProblemsForTesting("why-does-kto-skip-sft", maxLength: 80).isEmpty)
        #expect(FuzzInvariants.slugProblemsForTesting("日本語のノート", maxLength: 80).isEmpty)
    }

    @Test func matcherCheckComparesWithTheDirectSearch() {
        // Near-twin titles: the longer wins; a cut-off prefix and a match inside a word link nothing.
        let input = Array("Does SFT help?\nDoes SFT help? Yes\nDoes SFT\n\nSo: Does SFT help? Yes, and Does SFThelp.".utf8)
        #expect(FuzzInvariants.titleMatcher(input).isEmpty)
        let direct = FuzzInvariants.directMatchesForTesting(titles: ["Does SFT help?", "Does SFT help? Yes", "Does SFT"],
                                                            in: "So: Does SFT help? Yes, and Does SFThelp.")
        #expect(direct.map(\.title) == [1])
    }
}
