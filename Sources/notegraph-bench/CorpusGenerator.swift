import Foundation

/// Writes a synthetic corpus to disk.
///
/// Layout:
/// - `.wiki`: `<root>/<kind>/<slug>.md` — `root` is the notes folder passed to `notegraph --notes`.
/// - `.markdown`: a Hugo site at `<root>` (see `HugoSite`), notes under `<root>/content/<kind>/`.
///
/// Same `count` + `seed` → byte-identical files, whatever the platform or thread count.
struct CorpusGenerator {
    let plan: CorpusPlan

    init(count: Int, seed: UInt64) {
        plan = CorpusPlan(count: count, seed: seed)
    }

    /// Summary of what was written, for logs.
    struct Summary {
        var files = 0
        var bytes = 0
        var kinds: [NoteKind: Int] = [:]
    }

    /// Writes every note (replacing `root` if it exists) and returns what was written.
    @discardableResult
    func write(to root: URL, style: LinkStyle) throws -> Summary {
        let fm = FileManager.default
        if fm.fileExists(atPath: root.path) {
            // Only ever delete something that looks like an earlier corpus: `--out ~` must not wipe a home folder.
            let known: Set<String> = Set(NoteKind.allCases.map(\.rawValue)).union(
                ["hugo.toml", "content", "layouts", "public", "resources", ".hugo_build.lock"])
            let entries = try fm.contentsOfDirectory(atPath: root.path)
            if let stranger = entries.first(where: { !known.contains($0) && !$0.hasPrefix(".notegraph") }) {
                throw BenchError.message("refusing to replace \(root.path): it contains \(stranger), which a generated corpus would not")
            }
            try fm.removeItem(at: root)
        }
        let notesRoot: URL
        switch style {
        case .wiki:
            notesRoot = root
        case .markdown:
            try HugoSite.writeSkeleton(at: root)
            notesRoot = root.appendingPathComponent("content")
        }
        for kind in NoteKind.allCases {
            try fm.createDirectory(at: notesRoot.appendingPathComponent(kind.rawValue), withIntermediateDirectories: true)
        }

        // Rendering is per-note deterministic, so splitting the work across cores cannot change the output.
        let renderer = NoteRenderer(plan: plan, style: style)
        let notes = plan.notes
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let results = UnsafeMutableBufferPointer<(bytes: Int, error: String?)>.allocate(capacity: workers)
        results.initialize(repeating: (0, nil))
        defer { results.deallocate() }
        nonisolated(unsafe) let shared = results
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var bytes = 0
            for i in stride(from: worker, to: notes.count, by: workers) {
                let data = Data(renderer.render(notes[i]).utf8)
                bytes += data.count
                do {
                    try data.write(to: notesRoot.appendingPathComponent(notes[i].relativePath))
                } catch {
                    shared[worker] = (bytes, "\(notes[i].relativePath): \(error)")
                    return
                }
            }
            shared[worker] = (bytes, nil)
        }
        var summary = Summary()
        for r in results {
            if let error = r.error { throw BenchError.message("writing corpus failed: \(error)") }
            summary.bytes += r.bytes
        }
        summary.files = notes.count
        for note in notes { summary.kinds[note.kind, default: 0] += 1 }
        return summary
    }
}

/// Errors the bench reports to the user as plain messages.
enum BenchError: Error, CustomStringConvertible {
    case message(String)
    var description: String {
        switch self { case .message(let m): m }
    }
}
