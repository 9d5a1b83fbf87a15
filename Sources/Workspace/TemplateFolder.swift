import Foundation
import SiteRendering

/// Reads `templates/`: every `*.mustache` file (name without extension) and everything under `assets/`.
public enum TemplateFolder {
    public static func read(_ folder: URL) throws -> TemplateSet {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WorkspaceError.templatesMissing(folder.path)
        }
        var templates: [String: String] = [:]
        for name in try fm.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            templates[String(name.dropLast(".mustache".count))] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        var assets: [String: [UInt8]] = [:]
        let assetsFolder = folder.appendingPathComponent("assets")
        if let enumerator = fm.enumerator(atPath: assetsFolder.path) {
            for case let path as String in enumerator where !path.hasPrefix(".") && !path.contains("/.") {
                let url = assetsFolder.appendingPathComponent(path)
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue, let data = fm.contents(atPath: url.path) {
                    assets[path] = [UInt8](data)
                }
            }
        }
        return TemplateSet(templates: templates, assets: assets)
    }
}
