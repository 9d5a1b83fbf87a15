/// Category names of the corpus's notes. Category lines glue names together with single spaces and the names
/// contain spaces and commas themselves, so a line can only be split against this list (longest name first).
/// Add names here as new ones appear; an unknown remainder is kept as one category with a warning.
enum KnownCategories {
    static let names: [String] = [
        "Training, RL, and Test-Time Scaling",
        "Reasoning, Retrieval, and Evaluation",
        "Model Architecture and Internals",
        "LLM Reasoning and Architecture",
        "Alignment, Safety, and Preference Learning",
        "Agents, Tools, and Multi-Agent Systems",
        "Data, Curation, and Synthetic Data",
        "Linguistics, NLP, NLU",
        "Efficiency, Compression, and Inference",
        "Interpretability and Analysis",
        "Multimodal Models",
        "Evaluation and Benchmarks",
        "Retrieval-Augmented Generation",
        "Memory and Long Context",
        "Cognitive Science and Human Learning",
    ]

    /// Splits a category line; returns the names and whatever could not be matched.
    static func split(_ line: String, extra: [String] = []) -> (names: [String], unknown: String?) {
        let candidates = (names + extra).sorted { $0.count > $1.count }
        var rest = Substring(line.trimmingWhitespace())
        var found: [String] = []
        var unknown: [String] = []
        while !rest.isEmpty {
            if let name = candidates.first(where: { rest.hasPrefix($0) && (rest.count == $0.count || rest.dropFirst($0.count).first == " ") }) {
                found.append(name)
                rest = rest.dropFirst(name.count).drop { $0 == " " }
            } else {
                // Skip one word into the unknown remainder and try again.
                let word = rest.prefix { $0 != " " }
                unknown.append(String(word))
                rest = rest.dropFirst(word.count).drop { $0 == " " }
            }
        }
        return (found, unknown.isEmpty ? nil : unknown.joined(separator: " "))
    }
}
