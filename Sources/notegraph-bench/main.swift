/// notegraph-bench — synthetic corpus generator and side-by-side benchmark.
///
/// Run the benchmark (from the package root):
///
///     swift build -c release && .build/release/notegraph-bench run
///
/// Options: `--notes 10000` (corpus size), `--also 100000` (add a 100k cold build and the
/// 100k/10k ratio), `--runs 5`, `--tmp /dev/shm/notegraph-bench` (scratch, should be tmpfs),
/// `--quick` (1,000 notes, 3 runs), `--notegraph PATH` (default: the `notegraph` next to this
/// executable), `--templates DIR` (default: `./templates` if present), `--hugo PATH`,
/// `--json FILE`, `--keep`. Progress and warnings go to stderr; stdout is the Markdown table.
/// Hugo must be installed for the Hugo row (`apt-get install -y hugo`); without it the row is skipped.
///
/// Other subcommands:
///
///     .build/release/notegraph-bench generate --notes 10000 --out /tmp/notes [--seed 42] [--links wiki|markdown]
///     .build/release/notegraph-bench cmark /tmp/notes [--threads 2]      # raw libcmark-gfm floor only
///
/// What `run` measures (median, min, max over `--runs`), all on one generated corpus:
/// - notegraph: cold build (output and cache removed), no-op rebuild, rebuild after a one-note body
///   edit (a different note each run), `query open` / `query search` / `query neighbors --depth 2`
///   latency, and peak RSS of the cold build (`wait4` rusage);
/// - Hugo: cold build of the same notes with relative Markdown links (`hugo --quiet -s SITE -d OUT`);
/// - libcmark-gfm: read + parse + render every note in-process, 2 threads and 1 thread;
/// then the target ratios (notegraph/Hugo ≤ 0.33, notegraph/raw cmark ≤ 3, 100k/10k ≤ 12).
/// A notegraph build that exits 0 without writing HTML (the skeleton CLI) is reported as n/a.
BenchCommand.main()
