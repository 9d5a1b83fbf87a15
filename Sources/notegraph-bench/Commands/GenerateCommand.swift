import ArgumentParser
import Foundation

/// `notegraph-bench generate --notes N --out DIR [--seed S] [--links wiki|markdown]`
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic synthetic corpus (same seed → byte-identical files).",
        discussion: """
            --links wiki (default) writes notegraph input: DIR/<kind>/<slug>.md with [[Title]] links.
            --links markdown writes a Hugo site at DIR (hugo.toml, layouts/, content/<kind>/<slug>.md)
            with the same notes, every link spelled as a relative Markdown link to the target's .md file.
            DIR is replaced if it holds an earlier corpus; any other non-empty DIR is refused.
            """
    )

    @Option(help: "Number of notes (≥ 20).") var notes: Int = 10_000
    @Option(help: "Output directory (an earlier corpus there is replaced).") var out: String
    @Option(help: "PRNG seed.") var seed: UInt64 = 42
    @Option(help: "Link spelling: wiki | markdown.") var links: LinkStyle = .wiki

    func validate() throws {
        guard notes >= 20 else { throw ValidationError("--notes must be at least 20") }
    }

    func run() throws {
        let (generator, planSeconds) = timed { CorpusGenerator(count: notes, seed: seed) }
        let root = URL(fileURLWithPath: out)
        let (summary, writeSeconds) = try timed { try generator.write(to: root, style: links) }
        let kinds = NoteKind.allCases.map { "\(summary.kinds[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        print("wrote \(summary.files) notes (\(kinds)), \(String(format: "%.1f", Double(summary.bytes) / 1e6)) MB, avg \(summary.bytes / max(1, summary.files)) B/note → \(root.path)")
        print(String(format: "plan %.2f s, render+write %.2f s", planSeconds, writeSeconds))
        if links == .markdown, HugoBaseline.locate(nil) != nil {
            print("build it with: hugo --quiet -s \(root.path) -d \(root.path)/public")
        }
    }
}
