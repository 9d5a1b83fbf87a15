import Mustache

// Key lookup for the templates without reflection. swift-mustache falls back to `Mirror` for plain structs, and a
// Mirror is built for every lookup at every level of the context stack: on a 10,000-note site that was half of the
// build. Each page model answers its own keys instead. Generated from PageModels.swift: when you add a field
// there, add it here (the end-to-end test that rebuilds site/ fails if a template field goes missing).
extension Layout: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "pageTitle": return pageTitle
        case "siteTitle": return siteTitle
        case "root": return root
        case "description": return description
        default: return nil
        }
    }
}

extension LinkView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": return title
        case "href": return href
        case "kind": return kind
        case "kindLabel": return kindLabel
        default: return nil
        }
    }
}

extension MetaRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": return label
        case "values": return values
        default: return nil
        }
    }
}

extension MetaValue: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "text": return text
        case "href": return href
        default: return nil
        }
    }
}

extension EvidenceView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "rank": return rank
        case "link": return link
        case "score": return score
        case "reason": return reason
        case "sentence": return sentence
        case "cited": return cited
        default: return nil
        }
    }
}

extension QuestionView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "link": return link
        case "status": return status
        case "statusLabel": return statusLabel
        case "reasons": return reasons
        case "cited": return cited
        case "uncited": return uncited
        case "hasCited": return hasCited
        case "hasUncited": return hasUncited
        default: return nil
        }
    }
}

extension EdgeView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "kindLabel": return kindLabel
        case "link": return link
        case "sentence": return sentence
        default: return nil
        }
    }
}

extension ClaimView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "anchor": return anchor
        case "text": return text
        case "type": return type
        case "numbers": return numbers
        case "source": return source
        default: return nil
        }
    }
}

extension UnresolvedView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "target": return target
        case "line": return line
        case "suggestion": return suggestion
        default: return nil
        }
    }
}

extension CountedLink: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "href": return href
        case "count": return count
        default: return nil
        }
    }
}

extension IndexSection: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "heading": return heading
        case "anchor": return anchor
        case "count": return count
        case "items": return items
        case "moreHref": return moreHref
        default: return nil
        }
    }
}

extension IndexPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "layout": return layout
        case "noteCount": return noteCount
        case "openCount": return openCount
        case "questions": return questions
        case "hasQuestions": return hasQuestions
        case "sections": return sections
        case "tags": return tags
        case "hasTags": return hasTags
        case "collections": return collections
        case "hasCollections": return hasCollections
        default: return nil
        }
    }
}

extension NodePage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "layout": return layout
        case "title": return title
        case "kind": return kind
        case "kindLabel": return kindLabel
        case "status": return status
        case "statusLabel": return statusLabel
        case "reasons": return reasons
        case "meta": return meta
        case "hasMeta": return hasMeta
        case "summary": return summary
        case "knownOnlyFromSources": return knownOnlyFromSources
        case "bodyHTML": return bodyHTML
        case "claims": return claims
        case "hasClaims": return hasClaims
        case "concepts": return concepts
        case "hasConcepts": return hasConcepts
        case "question": return question
        case "outgoing": return outgoing
        case "hasOutgoing": return hasOutgoing
        case "backlinks": return backlinks
        case "hasBacklinks": return hasBacklinks
        case "unresolved": return unresolved
        case "hasUnresolved": return hasUnresolved
        case "graphSVG": return graphSVG
        default: return nil
        }
    }
}

extension ConceptPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "layout": return layout
        case "acronym": return acronym
        case "aliases": return aliases
        case "hasAliases": return hasAliases
        case "definition": return definition
        case "questions": return questions
        case "hasQuestions": return hasQuestions
        case "notes": return notes
        case "hasNotes": return hasNotes
        case "claims": return claims
        case "hasClaims": return hasClaims
        case "graphSVG": return graphSVG
        default: return nil
        }
    }
}

extension ListPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "layout": return layout
        case "heading": return heading
        case "title": return title
        case "items": return items
        default: return nil
        }
    }
}

extension SearchPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "layout": return layout
        case "items": return items
        default: return nil
        }
    }
}
