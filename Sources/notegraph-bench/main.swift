/// notegraph-bench — synthetic corpus generator and side-by-side benchmark.
///
/// Run the benchmark (from the package root):
///
///     swift build -c release && .build/release/notegraph-bench run
///
/// Options: `--notes 10000` (corpus size), `--also 100000` (add a 100k cold build and the
/// 100k/10k ratio), `--runs 5`, `--tmp /dev/shm/notegraph-bench` (scratch, tmpfs), `--quick`
/// (1,000 notes, 3 runs), `--notegraph PATH`, `--hugo PATH`, `--json FILE`, `--keep`.
/// Hugo must be installed for the Hugo row (`apt-get install -y hugo`); without it the row is skipped.
///
/// Generate a corpus only:
///
///     .build/release/notegraph-bench generate --notes 10000 --out /tmp/notes [--seed 42] [--links wiki|markdown]
///
/// What `run` measures (medians, min, max over `--runs`): notegraph cold build, no-op rebuild,
/// rebuild after a one-note edit, `query open|search|neighbors` latency and cold-build peak RSS;
/// Hugo cold build of the same notes with Markdown links; libcmark-gfm parse+render of all notes
/// in-process on 2 threads and 1 thread. It prints a Markdown table and the target ratios.
BenchCommand.main()
