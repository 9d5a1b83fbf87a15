import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic wall-clock time in seconds. `CLOCK_MONOTONIC` is immune to NTP steps, which matters
/// for millisecond-scale measurements such as the no-op rebuild.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Times a closure in-process.
func timed<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double) {
    let start = monotonicSeconds()
    let value = try body()
    return (value, monotonicSeconds() - start)
}

private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

/// `posix_spawn_file_actions_addchdir_np`, if the C library has it.
private let addChdirAction: AddChdir? = {
    guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "posix_spawn_file_actions_addchdir_np") else { return nil }
    return unsafeBitCast(symbol, to: AddChdir.self)
}()

/// Outcome of one child process.
struct ChildResult {
    var exitStatus: Int32
    var seconds: Double
    /// Peak resident set size of the child in bytes (`ru_maxrss` from `wait4`, which Linux reports in KiB).
    var peakRSSBytes: Int
    /// CPU time the child spent in the kernel (`ru_stime`): on tmpfs, mostly copying and placing written pages,
    /// which is where a build's time stops being linear in what it writes on a VM short of memory.
    var systemSeconds: Double = 0
    /// The tail of stderr, for error messages.
    var stderrTail: String

    var succeeded: Bool { exitStatus == 0 }
}

/// Spawns executables with `posix_spawn` and reaps them with `wait4`.
///
/// Why not `Foundation.Process`: it adds pipe and run-loop overhead to every launch (noticeable
/// against a ~30 ms no-op rebuild) and does not expose the child's `rusage`. Timing brackets only
/// spawn → exit, so it includes process start-up, as a user would experience it.
enum ChildProcess {
    /// Runs `executable` with `arguments` in `directory`; stdout goes to /dev/null (output volume is
    /// not what we measure), stderr to a scratch file whose tail is kept for diagnostics.
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                    environment extra: [String: String] = [:]) throws -> ChildResult {
        let stderrPath = NSTemporaryDirectory() + "notegraph-bench-stderr-\(getpid()).txt"
        defer { unlink(stderrPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Swift's Glibc overlay does not import posix_spawn_file_actions_addchdir_np (glibc ≥ 2.29),
        // so look it up at run time; without it, change the parent's directory around the spawn
        // (safe here: the bench spawns from one thread, with no other work in flight).
        var restoreDirectory: String?
        if let directory {
            if let addchdir = addChdirAction {
                _ = addchdir(&actions, directory)
            } else {
                restoreDirectory = FileManager.default.currentDirectoryPath
                _ = FileManager.default.changeCurrentDirectoryPath(directory)
            }
        }
        defer { if let restoreDirectory { _ = FileManager.default.changeCurrentDirectoryPath(restoreDirectory) } }

        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        // Sorted so the child's environment (and thus its behaviour) does not vary run to run.
        let envStrings = env.keys.sorted().map { "\($0)=\(env[$0]!)" }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = envStrings.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var pid = pid_t()
        let start = monotonicSeconds()
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard rc == 0 else {
            throw BenchError.message("cannot launch \(executable): \(String(cString: strerror(rc)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError.message("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let seconds = monotonicSeconds() - start

        // WIFEXITED / WEXITSTATUS are macros Swift does not import; decode by hand.
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        #if os(Linux)
        let peak = Int(usage.ru_maxrss) * 1024
        #else
        let peak = Int(usage.ru_maxrss)  // bytes on Darwin
        #endif
        let stderrText = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return ChildResult(exitStatus: exitStatus, seconds: seconds, peakRSSBytes: peak, systemSeconds: system,
                           stderrTail: String(stderrText.suffix(2000)))
    }

    /// Finds `name` on `PATH`.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
