import ArgumentParser
import Foundation

/// `notegraph-bench cmark DIR [--threads N] [--runs R]`: the raw libcmark-gfm baseline alone, on
/// any folder of notes (handy when profiling notegraph's Markdown stage against its floor).
struct CmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmark",
        abstract: "Time raw libcmark-gfm read+parse+render of every .md file under a folder."
    )

    @Argument(help: "Folder of notes.") var directory: String
    @Option(help: "Worker threads.") var threads: Int = 2
    @Option(help: "Repetitions.") var runs: Int = 5

    func run() throws {
        let files = RawCmarkBaseline.markdownFiles(under: URL(fileURLWithPath: directory))
        guard !files.isEmpty else { throw BenchError.message("no .md files under \(directory)") }
        let reference = RawCmarkBaseline.run(paths: files, threads: 1)
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let (result, seconds) = timed { RawCmarkBaseline.run(paths: files, threads: threads) }
            // Same HTML volume as a single-threaded pass, or the library is not thread-safe here.
            if result.htmlBytes != reference.htmlBytes {
                log("warning: \(threads)-thread HTML size \(result.htmlBytes) ≠ 1-thread \(reference.htmlBytes)")
            }
            times.append(seconds)
        }
        let s = Sample(times)
        print("\(files.count) files, \(reference.inputBytes / 1000) KB → \(reference.htmlBytes / 1000) KB HTML; \(threads) thread(s): median \(Report.format(s.median, .seconds)) (min \(Report.format(s.min, .seconds)), max \(Report.format(s.max, .seconds)))")
    }
}
