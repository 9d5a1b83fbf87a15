/// The first `limit` of `items` in the order `precedes` (a strict total order) gives them, in that order, found
/// without sorting them all: a BM25 query naming a common term touches most of the corpus, and an open question's
/// evidence needs only its best few of those.
func bestFirst<T>(_ items: [T], limit: Int, by precedes: (T, T) -> Bool) -> [T] {
    guard limit > 0 else { return [] }
    guard limit < items.count else { return items.sorted(by: precedes) }
    var top: [T] = []
    top.reserveCapacity(limit + 1)
    for item in items {
        if top.count == limit, !precedes(item, top[limit - 1]) { continue }
        var lo = 0, hi = top.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if precedes(top[mid], item) { lo = mid + 1 } else { hi = mid }
        }
        top.insert(item, at: lo)
        if top.count > limit { top.removeLast() }
    }
    return top
}
