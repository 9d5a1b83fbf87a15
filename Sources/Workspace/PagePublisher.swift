import GraphQuery
import SiteRendering

/// Hands a build's files to a `SitePublication` as they are rendered — in-memory files in one batch, streamed ones
/// one by one, note pages made from the previous build's inputs carried over without being made — and keeps each
/// note page's fingerprint and size for the next build (see `PageReuse`).
public final class PagePublisher: @unchecked Sendable {  // `add` is called from the rendering thread only
    private let publication: SitePublication
    private let copySources: [String: PublishedFile]
    private var pages: [(path: String, page: PageReuse.Page)] = []
    private var stamps: [String: FileStamp] = [:]

    /// `copySources`: for a chunked file (graph.json), the current site's file its unchanged chunks may be copied
    /// from (see `SitePublication.add(path:copyingFrom:producedBy:)`).
    public init(_ publication: SitePublication, copySources: [String: PublishedFile] = [:]) {
        self.publication = publication
        self.copySources = copySources
    }

    public func add(_ files: [OutputFile]) throws {
        let written = files.filter { !$0.isStreamed }
        try publication.add(written.map { (path: $0.path, parts: $0.parts) })
        for file in written { record(file, size: file.count) }
        for file in files where file.isStreamed {
            if let produce = file.chunkedProducer {
                let (size, stamp) = try publication.add(path: file.path, copyingFrom: copySources[file.path], producedBy: produce)
                stamps[file.path] = stamp
                record(file, size: size)
            } else {
                record(file, size: try publication.add(path: file.path, unchangedSize: file.unchangedSize, producedBy: file.write))
            }
        }
    }

    /// The stamp of the chunked file published at `path`, as the staging folder holds it.
    public func stamp(of path: String) -> FileStamp? { stamps[path] }

    /// The note pages' fingerprints, as the state file `pages` holds them.
    public var pagesState: [UInt8] { PageReuse.encode(pages) }

    private func record(_ file: OutputFile, size: Int) {
        if let fingerprint = file.fingerprint { pages.append((file.path, PageReuse.Page(fingerprint: fingerprint, size: size))) }
    }
}
