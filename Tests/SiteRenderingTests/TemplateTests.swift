import SiteRendering
import Testing

/// A model built from nested dictionaries, for exercising the template engine on its own.
struct Model: TemplateObject {
    var fields: [String: TemplateValue]
    func value(forKey key: String) -> TemplateValue? { fields[key] }
}

@Suite("Templates")
struct TemplateTests {
    func render(_ templates: [String: String], _ model: Model, name: String = "index") throws -> String {
        var all = ["node": "", "concept": "", "list": "", "search": "", "index": ""]
        all.merge(templates) { $1 }
        let library = try TemplateSet(templates: all, assets: [:]).library()
        return String(decoding: library.render(model, template: name), as: UTF8.self)
    }

    @Test func variablesAreEscapedUnlessTripled() throws {
        let model = Model(fields: ["x": .text("<a href=\"q\">'&'</a>\u{0}"), "n": .number(42)])
        #expect(try render(["index": "{{x}}|{{{x}}}|{{& x}}|{{n}}|{{missing}}"], model)
            == "&lt;a href=&quot;q&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\u{FFFD}|<a href=\"q\">'&'</a>\u{0}|<a href=\"q\">'&'</a>\u{0}|42|")
    }

    @Test func sectionsListsInvertedDottedAndDot() throws {
        let inner = Model(fields: ["name": .text("inner")])
        let model = Model(fields: [
            "items": .list([.text("a"), .text("b")]), "empty": .list([]), "flag": .bool(true), "off": .bool(false),
            "child": .object(inner), "title": .text("outer"), "blank": .text(""),
        ])
        let template = "{{#items}}[{{.}}]{{/items}}{{^empty}}none{{/empty}}{{#flag}}F{{/flag}}{{#off}}X{{/off}}{{^off}}!{{/off}}"
            + "{{#child}}{{name}}/{{title}}{{/child}}{{child.name}}{{#blank}}B{{/blank}}"
        #expect(try render(["index": template], model) == "[a][b]noneF!inner/outerinner")
    }

    @Test func standaloneTagLinesVanishAndPartialsRender() throws {
        let model = Model(fields: ["items": .list([.object(Model(fields: ["t": .text("one")])), .object(Model(fields: ["t": .text("two")]))])])
        let template = "<ul>\n  {{#items}}\n  <li>{{> item}}</li>\n  {{/items}}\n</ul>\n{{! a comment }}\n"
        #expect(try render(["index": template, "item": "{{t}}"], model) == "<ul>\n  <li>one</li>\n  <li>two</li>\n</ul>\n")
    }

    @Test(arguments: [
        ("{{#a}}never closed", "1:1", "never closed"),
        ("ok\n  {{/a}}", "2:3", "without an opening"),
        ("{{#a}}{{/b}}", "1:7", "closes"),
        ("{{=<% %>=}}", "1:1", "delimiters"),
        ("x {{> nowhere}}", "", "names no template"),
        ("{{ bad name }}", "1:1", "not a valid name"),
    ])
    func errorsNameTheTemplateAndPosition(source: String, position: String, message: String) throws {
        do {
            _ = try render(["index": source], Model(fields: [:]))
            Issue.record("expected a template error for \(source)")
        } catch let error as SiteRenderingError {
            #expect(error.description.hasPrefix("templates/index.mustache:" + (position.isEmpty ? "" : position + ":")), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        }
    }
}
