import BuildPipeline
import Foundation
import SiteRendering
import Testing
import TestSupport
import Workspace

/// The bundled corpus (notes/) built with the bundled templates, as `notegraph build` does.
enum BundledBuild {
    static func make() throws -> SiteBuild {
        let (files, diagnostics) = try NotesFolder(Fixtures.root.appendingPathComponent("notes")).read()
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return try SiteBuild(files: files, templates: TemplateFolder.read(Fixtures.root.appendingPathComponent("templates")))
    }
}

@Suite("The bundled corpus, end to end")
struct BundledSiteTests {
    let build: SiteBuild

    init() throws {
        build = try BundledBuild.make()
    }

    @Test func buildingNotesReproducesTheCommittedSiteExactly() throws {
        let site = Fixtures.root.appendingPathComponent("site")
        for file in build.files {
            let committed = FileManager.default.contents(atPath: site.appendingPathComponent(file.path).path)
            // Compared as a Bool so a difference names the file instead of printing both files' bytes.
            let same = committed.map([UInt8].init) == file.bytes
            #expect(same, "site/\(file.path) differs from a fresh build; run scripts/build-site.sh and commit site/")
        }
        let onDisk = Set(FileManager.default.enumerator(atPath: site.path)!.compactMap { $0 as? String }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: site.appendingPathComponent($0).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        })
        // The state folder is not part of the site (machine-specific and not committed), but a local
        // `scripts/build-site.sh` leaves one.
        let committedFiles = onDisk.subtracting([SiteOutput.markerName]).filter { !$0.hasPrefix(SiteOutput.stateFolder + "/") }
        #expect(committedFiles == Set(build.files.map(\.path)))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        #expect(try BundledBuild.make().files == build.files)
    }

    @Test func streamingFilesInBatchesGivesTheSameSite() throws {
        final class Sink: @unchecked Sendable { var batches: [[OutputFile]] = [] }
        let sink = Sink()
        let (files, _) = try NotesFolder(Fixtures.root.appendingPathComponent("notes")).read()
        let streamed = try SiteBuild(files: files, templates: TemplateFolder.read(Fixtures.root.appendingPathComponent("templates"))) { sink.batches.append($0) }
        #expect(streamed.files.isEmpty)
        #expect(sink.batches.count >= 3)  // note pages, then the other files a round at a time, then graph.json alone
        #expect(sink.batches.first?.allSatisfy { $0.path.hasSuffix(".html") } == true)
        #expect(sink.batches.dropLast().allSatisfy { $0.allSatisfy { !$0.isStreamed } })
        // Made as it is written, once every other file has been handed on.
        #expect(sink.batches.last?.map(\.path) == ["graph.json"] && sink.batches.last?.allSatisfy(\.isStreamed) == true)
        #expect(sink.batches.flatMap { $0 }.sorted { $0.path < $1.path } == build.files)
    }

    @Test func everyInternalLinkAndAssetResolves() throws {
        let files = Dictionary(uniqueKeysWithValues: build.files.map { ($0.path, $0.bytes) })
        var idsByPage: [String: Set<String>] = [:]
        var checked = 0
        for file in build.files where file.path.hasSuffix(".html") {
            let audit = HTMLAudit(html: String(decoding: file.bytes, as: UTF8.self))
            idsByPage[file.path] = audit.ids
            #expect(audit.elementCount > 10, "\(file.path) did not parse")
        }
        for file in build.files where file.path.hasSuffix(".html") {
            let audit = HTMLAudit(html: String(decoding: file.bytes, as: UTF8.self))
            for reference in audit.references {
                guard let (path, fragment) = HTMLAudit.resolve(reference.value, from: file.path) else { continue }
                checked += 1
                #expect(files[path] != nil, "\(file.path): \(reference.attribute)=\"\(reference.value)\" points to a missing file")
                if let fragment, !fragment.isEmpty, let ids = idsByPage[path] {
                    #expect(ids.contains(fragment), "\(file.path): \(reference.value) points to a missing anchor")
                }
            }
            for reference in audit.references where reference.value.hasPrefix("http") {
                #expect(reference.value.hasPrefix("https://arxiv.org/abs/"), "\(file.path): unexpected external link \(reference.value)")
            }
        }
        #expect(checked > 200)
    }

    @Test func graphJSONHoldsTheKTOQuestionAsTheIssueDescribes() throws {
        let data = try #require(build.files.first { $0.path == "graph.json" }).bytes
        let json = try #require(try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any])
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        let edges = try #require(json["edges"] as? [[String: Any]])
        func node(titled title: String) -> [String: Any]? { nodes.first { $0["title"] as? String == title } }

        let kto = try #require(node(titled: "Why does KTO skip supervised fine-tuning while DPO cannot?"))
        let ktoID = try #require(kto["id"] as? String)
        #expect(kto["status"] as? String == "open")
        #expect(kto["source"] as? String == "inquiry/why-does-kto-skip-supervised-fine-tuning-while-dpo-cannot.md")

        let sourceNotes = nodes.filter { ($0["origin"] as? String) == "sources-list" }.compactMap { $0["id"] as? String }
        #expect(sourceNotes.count == 7)
        let cited = edges.filter { $0["source"] as? String == ktoID && $0["kind"] as? String == "cites" }
        #expect(Set(cited.compactMap { $0["target"] as? String }) == Set(sourceNotes))
        #expect(cited.count == 7)
        #expect(cited.allSatisfy { ($0["context"] as? String)?.isEmpty == false })

        for (acronym, alias) in [("KTO", "Kahneman-Tversky Optimization"), ("DPO", "Direct Preference Optimization"), ("SFT", "Supervised Fine-Tuning")] {
            let concept = try #require(nodes.first { $0["kind"] as? String == "concept" && $0["title"] as? String == acronym })
            #expect((concept["aliases"] as? [String])?.contains(alias) == true, "\(acronym) should have alias \(alias)")
        }

        let paper = try #require(node(titled: "Implicit Reward as the Bridge: A Unified View of SFT and DPO Connections"))
        let evidence = edges.filter { $0["source"] as? String == ktoID && $0["kind"] as? String == "evidence" }
        let scores = evidence.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        #expect(evidence.prefix(3).contains { $0["target"] as? String == paper["id"] as? String })
    }

    @Test func indexShowsTheOpenQuestionFirstWithItsEvidence() throws {
        let index = String(decoding: try #require(build.files.first { $0.path == "index.html" }).bytes, as: UTF8.self)
        let main = try #require(index.components(separatedBy: "<main>").last)
        let firstHeading = try #require(main.components(separatedBy: "<h3>").dropFirst().first)
        #expect(firstHeading.contains("Why does KTO skip supervised fine-tuning while DPO cannot?"))
        #expect(main.contains("Implicit Reward as the Bridge: A Unified View of SFT and DPO Connections"))
        // Each cited note appears with the sentence that cites it.
        #expect(main.contains("it teaches the surface shape of a good answer, not the reasoning to construct one Does supervised fine-tuning actually improve reasoning on optimization problems?."))
    }

    @Test func noLiveScriptOtherThanTheSitesOwn() throws {
        for file in build.files where file.path.hasSuffix(".html") {
            let audit = HTMLAudit(html: String(decoding: file.bytes, as: UTF8.self))
            #expect(audit.handlers.isEmpty, "\(file.path): \(audit.handlers)")
            for script in audit.scripts {
                #expect(script.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
                #expect(script.src?.hasSuffix("assets/search.js") == true)
            }
        }
    }

    /// No page loads the search index itself (3.8 MB at 10,000 notes): the search code adds it when a reader starts
    /// to search, from the page's root, so that it still works from `file://`.
    @Test func theSearchIndexIsLoadedOnlyBySearching() throws {
        let pages = build.files.filter { $0.path.hasSuffix(".html") }
        #expect(pages.count > 10)
        for page in pages {
            #expect(!String(decoding: page.bytes, as: UTF8.self).contains("search-index.js\""), "\(page.path)")
        }
        let code = String(decoding: try #require(build.files.first { $0.path == "assets/search.js" }).bytes, as: UTF8.self)
        #expect(code.contains("script.src = root + \"search-index.js\""))
        #expect(code.contains("input.addEventListener(\"focus\""))
    }
}
