// Key lookup for the templates without reflection: each page model answers its own keys with typed values.
// Generated from PageModels.swift: when you add a field there, add it here (the end-to-end test that rebuilds
// site/ fails if a template field goes missing).
extension Layout: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "pageTitle": return TemplateValue(pageTitle)
        case "siteTitle": return TemplateValue(siteTitle)
        case "root": return TemplateValue(root)
        case "description": return TemplateValue(description)
        default: return nil
        }
    }
}

extension LinkView: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "title": return TemplateValue(title)
        case "href": return TemplateValue(href)
        case "kind": return TemplateValue(kind)
        case "kindLabel": return TemplateValue(kindLabel)
        default: return nil
        }
    }
}

extension MetaRow: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "label": return TemplateValue(label)
        case "values": return TemplateValue(values)
        default: return nil
        }
    }
}

extension MetaValue: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "text": return TemplateValue(text)
        case "href": return TemplateValue(href)
        default: return nil
        }
    }
}

extension EvidenceView: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "rank": return TemplateValue(rank)
        case "link": return TemplateValue(link)
        case "score": return TemplateValue(score)
        case "reason": return TemplateValue(reason)
        case "sentence": return TemplateValue(sentence)
        case "cited": return TemplateValue(cited)
        default: return nil
        }
    }
}

extension QuestionView: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "link": return TemplateValue(link)
        case "status": return TemplateValue(status)
        case "statusLabel": return TemplateValue(statusLabel)
        case "reasons": return TemplateValue(reasons)
        case "cited": return TemplateValue(cited)
        case "uncited": return TemplateValue(uncited)
        case "hasCited": return TemplateValue(hasCited)
        case "hasUncited": return TemplateValue(hasUncited)
        default: return nil
        }
    }
}

extension EdgeView: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "kindLabel": return TemplateValue(kindLabel)
        case "link": return TemplateValue(link)
        case "sentence": return TemplateValue(sentence)
        default: return nil
        }
    }
}

extension ClaimView: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "anchor": return TemplateValue(anchor)
        case "text": return TemplateValue(text)
        case "type": return TemplateValue(type)
        case "numbers": return TemplateValue(numbers)
        case "source": return TemplateValue(source)
        default: return nil
        }
    }
}

extension UnresolvedView: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "target": return TemplateValue(target)
        case "line": return TemplateValue(line)
        case "suggestion": return TemplateValue(suggestion)
        default: return nil
        }
    }
}

extension CountedLink: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "name": return TemplateValue(name)
        case "href": return TemplateValue(href)
        case "count": return TemplateValue(count)
        default: return nil
        }
    }
}

extension IndexSection: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "heading": return TemplateValue(heading)
        case "anchor": return TemplateValue(anchor)
        case "count": return TemplateValue(count)
        case "items": return TemplateValue(items)
        case "moreHref": return TemplateValue(moreHref)
        default: return nil
        }
    }
}

extension IndexPage: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "layout": return TemplateValue(layout)
        case "noteCount": return TemplateValue(noteCount)
        case "openCount": return TemplateValue(openCount)
        case "questions": return TemplateValue(questions)
        case "hasQuestions": return TemplateValue(hasQuestions)
        case "sections": return TemplateValue(sections)
        case "tags": return TemplateValue(tags)
        case "hasTags": return TemplateValue(hasTags)
        case "collections": return TemplateValue(collections)
        case "hasCollections": return TemplateValue(hasCollections)
        default: return nil
        }
    }
}

extension NodePage: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "layout": return TemplateValue(layout)
        case "title": return TemplateValue(title)
        case "kind": return TemplateValue(kind)
        case "kindLabel": return TemplateValue(kindLabel)
        case "status": return TemplateValue(status)
        case "statusLabel": return TemplateValue(statusLabel)
        case "reasons": return TemplateValue(reasons)
        case "meta": return TemplateValue(meta)
        case "hasMeta": return TemplateValue(hasMeta)
        case "summary": return TemplateValue(summary)
        case "knownOnlyFromSources": return TemplateValue(knownOnlyFromSources)
        case "bodyHTML": return TemplateValue(bodyHTML)
        case "claims": return TemplateValue(claims)
        case "hasClaims": return TemplateValue(hasClaims)
        case "concepts": return TemplateValue(concepts)
        case "hasConcepts": return TemplateValue(hasConcepts)
        case "question": return TemplateValue(question)
        case "outgoing": return TemplateValue(outgoing)
        case "hasOutgoing": return TemplateValue(hasOutgoing)
        case "backlinks": return TemplateValue(backlinks)
        case "hasBacklinks": return TemplateValue(hasBacklinks)
        case "moreBacklinks": return TemplateValue(moreBacklinks)
        case "unresolved": return TemplateValue(unresolved)
        case "hasUnresolved": return TemplateValue(hasUnresolved)
        case "graphSVG": return TemplateValue(graphSVG)
        default: return nil
        }
    }
}

extension ConceptPage: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "layout": return TemplateValue(layout)
        case "acronym": return TemplateValue(acronym)
        case "aliases": return TemplateValue(aliases)
        case "hasAliases": return TemplateValue(hasAliases)
        case "definition": return TemplateValue(definition)
        case "questions": return TemplateValue(questions)
        case "hasQuestions": return TemplateValue(hasQuestions)
        case "moreQuestions": return TemplateValue(moreQuestions)
        case "notes": return TemplateValue(notes)
        case "hasNotes": return TemplateValue(hasNotes)
        case "moreNotes": return TemplateValue(moreNotes)
        case "claims": return TemplateValue(claims)
        case "hasClaims": return TemplateValue(hasClaims)
        case "moreClaims": return TemplateValue(moreClaims)
        case "graphSVG": return TemplateValue(graphSVG)
        default: return nil
        }
    }
}

extension ListPage: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "layout": return TemplateValue(layout)
        case "heading": return TemplateValue(heading)
        case "title": return TemplateValue(title)
        case "items": return TemplateValue(items)
        default: return nil
        }
    }
}

extension SearchPage: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "layout": return TemplateValue(layout)
        case "items": return TemplateValue(items)
        default: return nil
        }
    }
}
