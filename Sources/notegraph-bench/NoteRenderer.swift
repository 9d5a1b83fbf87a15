import Foundation

/// Bytes by which links in the current style are longer than their `wiki` spelling. Body-length
/// loops subtract it, so both styles stop after the same paragraph and carry the same text.
final class LinkSkew {
    var bytes = 0
}

/// Renders one planned note (front matter + body) as Markdown text.
///
/// Every random decision comes from a generator seeded by (corpus seed, note index), so notes are
/// independent of each other and of the order they are written in. The link *style* only changes
/// how a link is spelled, never which random numbers are drawn, so the `wiki` and `markdown`
/// variants carry exactly the same content and link graph.
struct NoteRenderer: Sendable {
    let plan: CorpusPlan
    let style: LinkStyle

    /// Share of links that point at titles no note has (dangling references notegraph must report).
    static let unresolvedPercent = 3
    /// Share of inquiring lines that admit a gap (and so get ranked evidence).
    static let gapPercent = 20

    func render(_ note: PlannedNote) -> String {
        var rng = SplitMix64(seed: plan.seed &+ 0xD1B5_4A32_D192_ED03 &* UInt64(note.index + 1))
        let skew = LinkSkew()
        var out = frontMatter(note)
        out.reserveCapacity(4096)
        switch note.kind {
        case .note: noteBody(note, &rng, &out, skew)
        case .inquiry: inquiryBody(note, &rng, &out, skew)
        case .hub: hubBody(note, &rng, &out, skew)
        case .paper: paperBody(note, &rng, &out, skew)
        }
        return out
    }

    // MARK: Front matter

    /// YAML front matter in the contract's shape. The same keys work for Hugo (title, date, tags
    /// are what it uses; the rest become `.Params`).
    func frontMatter(_ note: PlannedNote) -> String {
        var s = "---\ntitle: \(quoted(note.title))\nkind: \(note.kind.rawValue)\n"
        s += "tags: [" + note.tags.map(quoted).joined(separator: ", ") + "]\n"
        s += "date: \(quoted(note.date))\n"
        if let collection = note.collection { s += "collection: \(quoted(collection))\n" }
        if let arxiv = note.arxiv { s += "arxiv: \(quoted(arxiv))\n" }
        s += "---\n"
        return s
    }

    private func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    // MARK: Bodies

    /// Aims for ~2.5 KB bodies on average with a long tail: 300 + three uniforms of 0…1000 bytes
    /// (bodies overshoot by about one paragraph), and 5% of notes 2.5× longer.
    private func bodyTarget(_ rng: inout SplitMix64) -> Int {
        var size = 300 + rng.below(1001) + rng.below(1001) + rng.below(1001)
        if rng.chance(5) { size = size * 5 / 2 }
        return size
    }

    private func noteBody(_ note: PlannedNote, _ rng: inout SplitMix64, _ out: inout String, _ skew: LinkSkew) {
        let target = bodyTarget(&rng)
        var links = rng.int(in: 5...15)
        let start = out.utf8.count - skew.bytes
        let headings = ["Evidence", "Mechanism", "Counterpoints", "Open questions", "Implications"]
        var paragraph = 0
        while out.utf8.count - skew.bytes - start < target {
            if paragraph > 0 && paragraph % 3 == 0 {
                out += "\n## \(rng.pick(headings))\n"
            }
            // A sprinkle of GFM constructs so the cmark baseline exercises its extensions.
            let extra = rng.below(100)
            if extra < 4 {
                table(&rng, &out)
            } else if extra < 7 {
                out += "\n```python\nloss = kl_coef * kl(policy, reference) - reward.mean()\nloss.backward()\n```\n"
            } else if extra < 10 {
                out += "\n- [x] Reproduce the \(rng.pick(Vocabulary.properties)) result\n- [ ] Check \(rng.pick(Vocabulary.settings))\n"
            } else if extra < 16 {
                bulletList(&rng, &links, note, &out, skew)
            } else {
                self.paragraph(&rng, &links, note, &out, skew)
            }
            paragraph += 1
        }
        seeAlso(&rng, &links, note, &out, skew)
    }

    private func inquiryBody(_ note: PlannedNote, _ rng: inout SplitMix64, _ out: inout String, _ skew: LinkSkew) {
        let target = bodyTarget(&rng)
        var links = rng.int(in: 4...9)
        let start = out.utf8.count - skew.bytes
        while out.utf8.count - skew.bytes - start < target * 2 / 3 && links > 0 {
            paragraph(&rng, &links, note, &out, skew)
        }
        // Some lines admit the corpus lacks the answer, as the real corpus's do ("the collection doesn't contain a
        // note that directly …"), so the benchmark times question status *and* evidence ranking for them.
        if rng.chance(Self.gapPercent) { out += "\n" + gapAdmission(&rng) + "\n" }
        out += "\n## Sources\n\n"
        for _ in 0..<rng.int(in: 3...6) {
            out += "- \(link(from: note, &rng, skew)) — \(sentence(&rng, citing: nil))\n"
        }
        out += "\n## Next inquiring lines\n\n"
        for _ in 0..<rng.int(in: 2...4) {
            out += "- \(CorpusPlan.question(&rng))\n"
        }
    }

    private func hubBody(_ note: PlannedNote, _ rng: inout SplitMix64, _ out: inout String, _ skew: LinkSkew) {
        var links = 0
        paragraph(&rng, &links, note, &out, skew)
        let sections = ["Foundations", "Methods", "Evidence", "Failure modes", "Open problems", "Papers"]
        let first = rng.below(sections.count)
        for s in 0..<rng.int(in: 3...5) {
            out += "\n## \(sections[(first + s) % sections.count])\n\n"
            for _ in 0..<rng.int(in: 4...8) {
                out += "- \(link(from: note, &rng, skew)) — \(rng.pick(Vocabulary.hedges))\n"
            }
        }
    }

    private func paperBody(_ note: PlannedNote, _ rng: inout SplitMix64, _ out: inout String, _ skew: LinkSkew) {
        let acronym = rng.pick(Vocabulary.acronyms)
        let other = rng.pick(Vocabulary.acronyms)
        let authors = (0..<rng.int(in: 2...5)).map { _ in rng.pick(Vocabulary.surnames) }
        out += "\n*\(authors.joined(separator: ", ")) et al.* — https://arxiv.org/abs/\(note.arxiv ?? "")\n"
        out += "\n## Abstract\n\n"
        out += "We introduce \(acronym.long) (\(acronym.short)), a method for \(rng.pick(Vocabulary.properties)) in \(rng.pick(Vocabulary.settings)). "
        out += "Compared with \(other.long) (\(other.short)), \(acronym.short) improves \(rng.pick(Vocabulary.properties)) by \(percent(&rng)) "
        out += "and reaches \(percentRange(&rng)) on \(count(&rng)) held-out prompts while being \(multiplier(&rng)) cheaper. "
        out += "\(sentence(&rng, citing: nil)) \(sentence(&rng, citing: nil))\n"
        out += "\n## Key results\n\n"
        for _ in 0..<rng.int(in: 3...5) {
            out += "- \(acronym.short) \(rng.pick(Vocabulary.verbs)) \(rng.pick(Vocabulary.properties)): \(percent(&rng)) vs \(percent(&rng)) (\(count(&rng)) samples)\n"
        }
        var links = rng.int(in: 2...6)
        out += "\n## Notes\n"
        let target = bodyTarget(&rng) / 2
        let start = out.utf8.count - skew.bytes
        while out.utf8.count - skew.bytes - start < target {
            paragraph(&rng, &links, note, &out, skew)
        }
        seeAlso(&rng, &links, note, &out, skew)
    }

    // MARK: Building blocks

    /// A sentence in which the line says the corpus lacks the answer, in one of the real corpus's phrasings.
    private func gapAdmission(_ rng: inout SplitMix64) -> String {
        let m = rng.pick(Vocabulary.methods), other = rng.pick(Vocabulary.methods)
        let p = rng.pick(Vocabulary.properties), s = rng.pick(Vocabulary.settings)
        switch rng.below(3) {
        case 0: return "The collection doesn't contain a note that directly compares \(m) with \(other) on \(p)."
        case 1: return "Where the corpus runs thin is \(p) under \(m) in \(s), which no note measures."
        default: return "I can't hand you the mechanism behind the \(p) gain from \(m); the notes only touch it in \(s)."
        }
    }

    /// 3–6 sentences; each may carry an inline citation while the note's link budget lasts.
    private func paragraph(_ rng: inout SplitMix64, _ links: inout Int, _ note: PlannedNote, _ out: inout String, _ skew: LinkSkew) {
        out += "\n"
        let count = rng.int(in: 3...6)
        for i in 0..<count {
            let cite = links > 0 && rng.chance(35)
            if cite { links -= 1 }
            out += sentence(&rng, citing: cite ? link(from: note, &rng, skew) : nil)
            out += i == count - 1 ? "\n" : " "
        }
    }

    private func bulletList(_ rng: inout SplitMix64, _ links: inout Int, _ note: PlannedNote, _ out: inout String, _ skew: LinkSkew) {
        out += "\n"
        for _ in 0..<rng.int(in: 3...5) {
            let cite = links > 0 && rng.chance(30)
            if cite { links -= 1 }
            out += "- " + sentence(&rng, citing: cite ? link(from: note, &rng, skew) : nil) + "\n"
        }
    }

    /// Links the body did not get round to, so every note ends up with its full budget.
    private func seeAlso(_ rng: inout SplitMix64, _ links: inout Int, _ note: PlannedNote, _ out: inout String, _ skew: LinkSkew) {
        guard links > 0 else { return }
        out += "\nSee also: "
        out += (0..<links).map { _ in link(from: note, &rng, skew) }.joined(separator: ", ")
        out += ".\n"
        links = 0
    }

    private func table(_ rng: inout SplitMix64, _ out: inout String) {
        out += "\n| Method | \(rng.pick(Vocabulary.properties)) | Cost |\n|---|---:|---:|\n"
        for _ in 0..<rng.int(in: 2...4) {
            out += "| \(rng.pick(Vocabulary.methods)) | \(percent(&rng)) | \(multiplier(&rng)) |\n"
        }
    }

    /// One claim-like sentence, optionally ending in a citation ("… as shown in [[Title]].").
    private func sentence(_ rng: inout SplitMix64, citing citation: String?) -> String {
        let m = rng.pick(Vocabulary.methods)
        let p = rng.pick(Vocabulary.properties)
        let s = rng.pick(Vocabulary.settings)
        var text: String
        switch rng.below(6) {
        case 0: text = "\(CorpusPlan.capitalized(m)) \(rng.pick(Vocabulary.verbs)) \(p) in \(s), though \(rng.pick(Vocabulary.hedges))"
        case 1: text = "\(rng.pick(Vocabulary.connectives)) \(m) \(rng.pick(Vocabulary.verbs)) \(p) by \(percent(&rng)) on \(s)"
        case 2: text = "With \(count(&rng)) examples, \(m) reaches \(percentRange(&rng)) \(p) in \(s)"
        case 3: text = "\(rng.pick(Vocabulary.connectives)) the \(p) gain from \(m) is \(multiplier(&rng)) larger in \(s)"
        case 4:
            // Strikethrough only now and then: it exists in real notes, but rarely.
            let struck = rng.chance(25) ? "~~obvious~~ " : ""
            text = "The \(struck)interesting question is whether \(m) \(rng.pick(Vocabulary.verbs)) \(p) beyond \(s)"
        default: text = "\(CorpusPlan.capitalized(p)) under \(m) \(rng.pick(Vocabulary.verbs)) \(rng.pick(Vocabulary.properties)) when training on \(s)"
        }
        if let citation {
            text += ", \(rng.pick(Vocabulary.citationLeadIns)) \(citation)"
        }
        return text + "."
    }

    // MARK: Links

    /// Draws one link from this note and spells it in the corpus's style. All random draws happen
    /// before the style is consulted (see the type's doc comment).
    private func link(from note: PlannedNote, _ rng: inout SplitMix64, _ skew: LinkSkew) -> String {
        var target = plan.sampleTarget(&rng)
        if target == note.index { target = (target + 1) % plan.notes.count }
        let unresolved = rng.chance(Self.unresolvedPercent)
        var missingTitle = ""
        if unresolved {
            repeat { missingTitle = CorpusPlan.question(&rng) } while plan.titleSet.contains(missingTitle)
        }
        let form = rng.below(100)  // <80 plain wikilink, <90 labeled wikilink, else Markdown link
        let label = rng.pick(["this result", "related work", "the ablation", "an earlier note", "the counterexample", "the follow-up"])

        let title = unresolved ? missingTitle : plan.notes[target].title
        let path: String
        if unresolved {
            var scratch = Set<String>()
            path = "../note/\(CorpusPlan.uniqueSlug(for: missingTitle, taken: &scratch)).md"
        } else {
            path = "../\(plan.notes[target].relativePath)"
        }
        let wiki = form < 80 ? "[[\(title)]]" : form < 90 ? "[[\(title)|\(label)]]" : "[\(label)](\(path))"
        switch style {
        case .wiki:
            return wiki
        case .markdown:
            let markdown = form < 80 ? "[\(title)](\(path))" : "[\(label)](\(path))"
            skew.bytes += markdown.utf8.count - wiki.utf8.count
            return markdown
        }
    }

    // MARK: Numbers

    private func percent(_ rng: inout SplitMix64) -> String { "\(rng.int(in: 2...97))%" }

    private func percentRange(_ rng: inout SplitMix64) -> String {
        let low = rng.int(in: 40...90)
        return "\(low)–\(low + rng.int(in: 1...8))%"
    }

    /// Thousands with separators, written by hand so the output does not depend on the locale.
    private func count(_ rng: inout SplitMix64) -> String {
        let n = rng.pick([500, 1_000, 2_500, 10_000, 50_000, 128_000, 1_000_000]) + (rng.chance(50) ? 0 : rng.below(100) * 10)
        var digits = Array(String(n))
        var i = digits.count - 3
        while i > 0 {
            digits.insert(",", at: i)
            i -= 3
        }
        return String(digits)
    }

    private func multiplier(_ rng: inout SplitMix64) -> String { "\(rng.int(in: 1...12)).\(rng.below(10))×" }
}
