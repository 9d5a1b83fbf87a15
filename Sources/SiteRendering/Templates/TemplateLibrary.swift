/// The compiled templates of a site, rendered by name into bytes.
public struct TemplateLibrary: Sendable {
    let templates: [String: Template]

    init(templates: [String: Template]) {
        self.templates = templates
    }

    /// Renders template `name` with `model` at the bottom of the context stack.
    public func render(_ model: some TemplateObject, template name: String) -> [UInt8] {
        var out: [UInt8] = []
        // Room a page rarely outgrows (note pages are about 25 KB): reserved, not touched, so only the pages of
        // memory written are faulted in, where growing from 16 KB faulted in a 16 KB and a 32 KB buffer per page
        // and copied the first (a quarter of a cold build's page faults were here).
        out.reserveCapacity(64 * 1024)
        var stack: [TemplateValue] = [.object(model)]
        if let template = templates[name] { render(template.instructions, 0..<template.instructions.count, &stack, into: &out) }
        return out
    }

    private func render(_ code: [Template.Instruction], _ range: Range<Int>, _ stack: inout [TemplateValue], into out: inout [UInt8]) {
        var pc = range.lowerBound
        while pc < range.upperBound {
            switch code[pc] {
            case .literal(let bytes):
                out.append(contentsOf: bytes)
                pc += 1
            case .variable(let path, let escaped):
                if let value = lookup(path, in: stack) { print(value, escaped: escaped, into: &out) }
                pc += 1
            case .section(let path, let inverted, let end):
                let value = lookup(path, in: stack)
                let body = pc + 1..<end
                if inverted {
                    if !(value?.isTruthy ?? false) { render(code, body, &stack, into: &out) }
                } else if let value, value.isTruthy {
                    switch value {
                    case .list(let items):
                        for item in items {
                            stack.append(item)
                            render(code, body, &stack, into: &out)
                            stack.removeLast()
                        }
                    case .bool:
                        render(code, body, &stack, into: &out)
                    default:
                        stack.append(value)
                        render(code, body, &stack, into: &out)
                        stack.removeLast()
                    }
                }
                pc = end
            case .partial(let name):
                if let partial = templates[name] { render(partial.instructions, 0..<partial.instructions.count, &stack, into: &out) }
                pc += 1
            }
        }
    }

    /// Mustache name resolution: the first part is looked up from the innermost context outwards, the rest inside it.
    private func lookup(_ path: [String], in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = path.first else { return stack.last }
        var found: TemplateValue?
        for frame in stack.reversed() {
            if case .object(let object) = frame, let value = object.value(forKey: first) {
                found = value
                break
            }
        }
        for key in path.dropFirst() {
            guard case .object(let object)? = found else { return nil }
            found = object.value(forKey: key)
        }
        return found
    }

    private func print(_ value: TemplateValue, escaped: Bool, into out: inout [UInt8]) {
        switch value {
        case .text(let s): escaped ? HTML.appendEscaped(s, to: &out) : out.append(contentsOf: s.utf8)
        case .number(let n): out.append(contentsOf: String(n).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .list, .object: break
        }
    }
}
