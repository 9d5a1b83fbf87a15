#!/usr/bin/env bash
# Times notegraph on cmark's pathological inputs: every case of cmark-gfm's and cmark's test/pathological_tests.py
# at their test sizes, the inputs behind the 2023 cmark-gfm advisories, GFM-extension shapes and two big ordinary
# notes. Each case becomes one note in a notes folder of its own; notegraph runs on it under /usr/bin/time -v and
# the script prints one row per case: outcome (ok | refused | error | TIMEOUT | crash), wall seconds, peak RSS.
#
#   scripts/pathological-timings.sh                 # `notegraph check` on every case
#   scripts/pathological-timings.sh --build         # `notegraph build` (parse, analyse, render, publish)
#   scripts/pathological-timings.sh --case emph     # only cases whose name or origin contains the text
#   NOTEGRAPH=/path/to/notegraph scripts/...        # use that binary instead of building one
#   SCRATCH=.build-x scripts/...                    # build scratch folder (default .build)
#   TIMEOUT=60 scripts/...                          # seconds before a case is killed (default 60)
#
# Exits 1 if a case is over 5 s, over 1 GB, times out or crashes. Wall times on a shared machine are noisy:
# rerun a slow row before believing it.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=check
filter=""
while [ $# -gt 0 ]; do
    case "$1" in
        --build) mode=build ;;
        --check) mode=check ;;
        --case) filter="$2"; shift ;;
        *) echo "usage: $0 [--check|--build] [--case TEXT]" >&2; exit 2 ;;
    esac
    shift
done
timeout_s="${TIMEOUT:-60}"

if [ -z "${NOTEGRAPH:-}" ]; then
    scripts/ensure-system-packages.sh
    scratch="${SCRATCH:-.build}"
    swift build -c release --scratch-path "$scratch" --product notegraph >&2
    NOTEGRAPH="$scratch/release/notegraph"
fi
[ -x "$NOTEGRAPH" ] || { echo "no notegraph binary at $NOTEGRAPH" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time, Debian package 'time')" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/notegraph-pathological.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# One folder per case: $work/<n>/notes/case.md, and $work/<n>/name.
python3 - "$work" "$filter" <<'PY'
import itertools, os, re, sys

work, only = sys.argv[1], sys.argv[2]

def hash_collisions(count):
    # cmark's reference-map hash, as in pathological_tests.py: labels that all land in bucket 0 of 16.
    def badhash(ref):
        h = 0
        for c in ref:
            h = (ord(c) + ((h << 6) & 0xFFFFFFFF) + ((h << 16) & 0xFFFFFFFF) - h) & 0xFFFFFFFF
        return h % 16 == 0
    keys = ("x%d" % i for i in itertools.count())
    collisions = itertools.islice((k for k in keys if badhash(k)), count)
    bad = next(collisions)
    return "".join("[%s]: /url\n\n[%s]\n\n" % (k, bad) for k in collisions)

# The size cap, read from the guard so the "at the cap" cases follow it.
src = open("Sources/NoteParsing/ComplexityGuard.swift").read()
m = re.search(r"maxBytes = ([\d_]+) \* 1024", src)
CAP = int(m.group(1).replace("_", "")) * 1024 if m else 16 * 1024 * 1024

def fill(unit, extra=0):
    # `unit` repeated to just under the cap (less `extra` bytes and room for the front matter).
    return unit * ((CAP - 100 - extra) // len(unit))

def references(size):
    # cmark's "many references" definitions, cut at a line end to `size` bytes.
    refs = "".join("[%d]: u\n" % x for x in range(1, size // 8))
    return refs[:refs.rfind("\n", 0, size) + 1]

def ordinary(target):
    # A long research note written by a person: headings, paragraphs with wikilinks, Markdown links,
    # emphasis and code, lists, quotes, a table. Repeated until `target` bytes.
    section = (
        "## Section {i}\n\n"
        "Paragraph {i} argues that *direct preference optimization* (DPO) and [[Note {i}]] agree on 62% of "
        "prompts, while [the survey](survey-{i}.md) reports `beta = 0.1` and **strong** gains. It cites "
        "[[Why does KTO skip SFT?|the KTO question]] and ends.\n\n"
        "- first point about item {i}\n  - a nested detail with [[Note {j}]]\n- second point\n\n"
        "> A quoted remark about result {i}.\n\n"
        "| metric | value |\n| --- | --- |\n| accuracy | 0.{i} |\n\n"
    )
    out, i = [], 0
    size = 0
    while size < target:
        s = section.format(i=i, j=i + 1)
        out.append(s)
        size += len(s)
        i += 1
    return "".join(out)

# (name, origin, body). Origins: gfm = cmark-gfm 0.29.0.gfm.13 test/pathological_tests.py, cmark = cmark 0.31
# test/pathological_tests.py (cases gfm lacks), cve = advisory reproducer, ext = GFM extension shape (our sizes),
# big = ordinary note.
cases = [
    ("nested strong emph", "gfm", "*a **a " * 65000 + "b" + " a** a*" * 65000),
    ("many emph closers with no openers", "gfm", "a_ " * 65000),
    ("many emph openers with no closers", "gfm", "_a " * 65000),
    ("many link closers with no openers", "gfm", "a]" * 65000),
    ("many link openers with no closers", "gfm", "[a" * 65000),
    ("mismatched openers and closers", "gfm", "*a_ " * 50000),
    ("issue #389", "cmark", "*a " * 20000 + "_a*_ " * 20000),
    ("openers and closers multiple of 3", "gfm", "a**b" + "c* " * 50000),
    ("link openers and emph closers", "gfm", "[ a_" * 50000),
    ("pattern [ (]( repeated", "gfm", "[ (](" * 80000),
    ("pattern ![[]() repeated", "gfm", "![[]()" * 160000),
    ("hard link/emph case", "gfm", "**x [a*b**c*](d)"),
    ("nested brackets", "gfm", "[" * 50000 + "a" + "]" * 50000),
    ("nested block quotes", "gfm", "> " * 50000 + "a"),
    ("deeply nested lists", "gfm", "".join("  " * x + "* a\n" for x in range(1000))),
    ("U+0000 in input", "gfm", "abc\u0000de\u0000"),
    ("backticks", "gfm", "".join("e" + "`" * x for x in range(1, 5000))),
    ("unclosed links A", "gfm", "[a](<b" * 30000),
    ("unclosed links B", "gfm", "[a](b" * 30000),
    ("unclosed <!--", "gfm", "</" + "<!--" * 300000),
    ("tables", "gfm", "aaa\rbbb\n-\v\n" * 30000),
    ("many image openers", "gfm", "![p" * 100000 + "\n"),
    ("reference collisions", "gfm", hash_collisions(50000)),
    ("many references", "cmark", "".join("[%d]: u\n" % x for x in range(1, 50000 * 16)) + "[0] " * 50000),
    ("empty lines in deeply nested lists", "cmark", "- " * 30000 + "x" + "\n" * 30000),
    ("empty lines in deeply nested lists in blockquote", "cmark", "> " + "- " * 30000 + "x\n" + ">\n" * 30000),
    ("emph in deep blockquote", "cmark", ">" * 100000 + "a*" * 100000),
    ("nested inlines", "cmark", "*" * 20000 + "a" + "*" * 20000),
    # The issue's own measurements: 30 KB of nested list items followed by blank lines, 150 KB of nested
    # block-quote emphasis, 480 KB of ![[]().
    ("30 KB nested list items + blank lines", "cve", "- " * 10000 + "x" + "\n" * 10000),
    ("150 KB block-quote emphasis", "cve", ">" * 50000 + "a*" * 50000),
    ("480 KB ![[]()", "cve", "![[]()" * 80000),
    # Shapes the 2023 advisories describe: text leading with many '>' or '-', long runs of '_' (the release fixing
    # GHSA-r8vr-c48j-fcc5 notes nested ____bold____), nested ordered items.
    ("leading '>' then blank lines", "cve", ">" * 30000 + "x\n" + "\n" * 30000),
    ("leading '-' items then text", "cve", "- " * 30000 + "a*" * 30000),
    ("nested inlines _", "cve", "_" * 20000 + "a" + "_" * 20000),
    ("underscore runs", "cve", ("_" * 1000 + " a ") * 300),
    ("ordered list items nested", "cve", "1. " * 30000 + "x" + "\n" * 30000),
    ("list items, indented, blank lines", "cve", "".join("  " * x + "- a\n\n" for x in range(3000))),
    ("emphasis inside lists", "ext", "- *a\n" * 50000),
    ("many www autolinks", "ext", "www.a.b " * 40000),
    ("www. repeated", "ext", "www." * 100000),
    ("failing emails", "ext", "a@b " * 50000),
    ("one long email local part", "ext", "a" * 200000 + "@"),
    ("trailing parentheses after autolink", "ext", "www.a.b/" + ")" * 100000),
    ("tildes with no closers", "ext", "~a " * 65000),
    ("mismatched tilde runs", "ext", "~~a~ " * 40000),
    ("table with many rows", "ext", "| a | b |\n| - | - |\n" + "| x | y |\n" * 100000),
    ("table with many columns", "ext", "| a " * 20000 + "|\n" + "| - " * 20000 + "|\n" + "| x " * 20000 + "|\n"),
    ("table rows of many empty cells", "ext", "a|b\n-|-\n" + ("|" * 200 + "\n") * 2000),
    ("many task items", "ext", "- [ ] x\n" * 50000),
    ("many wikilinks", "ext", "[[a]] " * 50000),
    ("many footnote references", "ext", "[^1] " * 50000 + "\n\n[^1]: x\n"),
    # At the guard's limits (docs/note-format.md#limits), each as large as the size cap allows.
    ("64 list markers + blank lines at the budget", "limit", "- " * 64 + "x" + "\n" * (25000000 // 100)),
    ("64 list markers + lazy lines, at the cap", "limit", "- " * 64 + "x\n" + fill("x\n", 200)),
    ("126-deep indented list + deep lines, at the cap", "limit", "".join(" " * (2 * x) + "- a\n" for x in range(127)) + fill(" " * 252 + "a\n", 20000)),
    ("one-character lines, at the cap", "limit", fill("x\n")),
    ("2,000 delimiters per paragraph, at the cap", "limit", fill("*a **a " * 333 + "b" + " a** a*" * 333 + "\n\n")),
    ("2,000 brackets in each of 50 paragraphs (both '[' limits)", "limit", ("[a](b) " * 2000 + "\n\n") * 50),
    ("32 closing parens per autolink, at the cap", "limit", fill("www.a.b/" + ")" * 32 + " ")),
    # The accepted cases of cmark's suite, scaled up to the size cap: still linear.
    ("many link closers with no openers, at the cap", "cap", fill("a]")),
    ("backticks, at the cap", "cap", "".join("e" + "`" * x for x in range(1, int((2 * (CAP - 4000)) ** 0.5)))),
    ("unclosed <!--, at the cap", "cap", "</" + fill("<!--", 10)),
    ("tables, at the cap", "cap", fill("aaa\rbbb\n-\v\n")),
    ("reference collisions, at the cap", "cap", hash_collisions(CAP // 24)[:CAP - 200]),
    ("many references, at the cap", "cap", references(CAP - 8000) + "[0] " * 1900),
    ("many www autolinks, at the cap", "cap", fill("www.a.b ")),
    ("failing emails, at the cap", "cap", fill("a@b ")),
    ("one long email local part, at the cap", "cap", fill("a", 10) + "@"),
    ("table with many rows, at the cap", "cap", "| a | b |\n| - | - |\n" + fill("| x | y |\n", 30)),
    ("many task items, at the cap", "cap", fill("- [ ] x\n")),
    ("emphasis inside lists, at the cap", "cap", fill("- *a\n")),
    # notegraph's own per-note work: heading anchors, links, unresolved-link suggestions.
    ("same heading many times, at the cap", "cap", fill("# h\n\n")),
    ("same wikilink many times, at the cap", "cap", fill("[[a]]\n\n")),
    ("distinct wikilinks, at the cap", "cap", "".join("[[t%d]]\n\n" % i for i in range(CAP // 13))),
    ("50,000 wikilinks (the per-note '[' budget)", "limit", "[[a]]\n\n" * 50000),
    ("100,000 links to notes (the per-note '[' budget)", "limit", "[a](b.md)\n\n" * 100000),
    ("50,000 distinct wikilinks (the per-note '[' budget)", "limit", "".join("[[t%d]]\n\n" % i for i in range(50000))),
    ("table at the cell budget", "limit", "| a " * 4400 + "|\n" + "| - " * 4400 + "|\n" + "| x " * 4400 + "|\n"),
    ("dots at the sentence-splitter budget", "limit", "www." * 4900),
    ("ordinary note at the cap", "limit", ordinary(CAP - 1000)),
    ("ordinary note just over the cap", "limit", ordinary(CAP + 1)),
    ("10 MB ordinary note", "big", ordinary(10 * 1024 * 1024)),
    ("17 MB ordinary note (over the cap)", "big", ordinary(17 * 1024 * 1024)),
]

n = 0
for name, origin, body in cases:
    if only and only.lower() not in (name + " " + origin).lower():
        continue
    n += 1
    d = os.path.join(work, "%02d" % n)
    os.makedirs(os.path.join(d, "notes"))
    with open(os.path.join(d, "name"), "w") as f:
        f.write("%s\t%s\n" % (name, origin))
    with open(os.path.join(d, "notes", "case.md"), "w", encoding="utf-8", newline="") as f:
        f.write('---\ntitle: "pathological case"\n---\n' + body)
PY

printf '%-50s %-6s %10s  %-8s %8s %9s\n' case from bytes outcome seconds "peak MB"
status=0
for d in "$work"/*/; do
    IFS=$'\t' read -r name origin < "$d/name"
    bytes=$(stat -c %s "$d/notes/case.md")
    if [ "$mode" = build ]; then
        cmd=("$NOTEGRAPH" build --notes "$d/notes" --out "$d/site")
    else
        cmd=("$NOTEGRAPH" check --notes "$d/notes")
    fi
    set +e
    /usr/bin/time -v -o "$d/time" timeout "$timeout_s" "${cmd[@]}" > "$d/out" 2>&1
    rc=$?
    set -e
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s }' "$d/time")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$d/time")
    if [ $rc -eq 124 ]; then outcome=TIMEOUT
    elif grep -q "note too complex" "$d/out"; then outcome=refused
    elif [ $rc -eq 0 ]; then outcome=ok
    elif [ $rc -eq 1 ]; then outcome=error
    else outcome="crash($rc)"
    fi
    flag=""
    if [ "$outcome" = TIMEOUT ] || [[ "$outcome" == crash* ]] || awk "BEGIN { exit !($secs > 5 || $rss > 1024) }"; then
        flag="  <-- over 5 s / 1 GB"
        status=1
    fi
    printf '%-50s %-6s %10s  %-8s %8s %9s%s\n' "$name" "$origin" "$bytes" "$outcome" "$secs" "$rss" "$flag"
    if [ "$outcome" = error ] || [[ "$outcome" == crash* ]]; then sed -n '1,3p' "$d/out" | cut -c1-200 | sed 's/^/    /'; fi
done
exit $status
