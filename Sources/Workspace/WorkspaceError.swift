/// Problems with the folders a command was pointed at (as opposed to problems inside notes, which are diagnostics).
public enum WorkspaceError: Error, CustomStringConvertible, Equatable {
    case notesFolderMissing(String)
    case templatesMissing(String)
    case unsafeOutput(String, reason: String)
    case locked(String)
    /// A site file could not be written (a full disk, say); the previous site is left as it was.
    case cannotWrite(String, reason: String)
    /// A folder notegraph was pointed at exists but cannot be read.
    case cannotRead(String, reason: String)

    public var description: String {
        switch self {
        case .notesFolderMissing(let p): return "\(p): error: notes folder not found"
        case .templatesMissing(let p): return "\(p): error: templates folder not found (pass --templates DIR)"
        case .unsafeOutput(let p, let reason): return "\(p): error: refusing to write the site here: \(reason)"
        case .locked(let p): return "\(p): error: another notegraph build is writing this folder (lock held)"
        case .cannotWrite(let p, let reason): return "\(p): error: cannot write: \(reason); the previous site is unchanged"
        case .cannotRead(let p, let reason): return "\(p): error: cannot read: \(reason)"
        }
    }
}
