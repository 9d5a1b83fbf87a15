#!/usr/bin/env python3
"""Two notegraph binaries side by side, alternating, each on its own copy of a corpus: a cold build, a one-note
edit (a sentence appended) and its rebuild, then 10 no-op builds, per round, the two binaries' order flipped
every round. Prints medians of wall time, CPU time
(user + system, from wait4) and the largest peak RSS. Run on a quiet machine, output on tmpfs:

    scripts/side-by-side.py OLD_BINARY NEW_BINARY CORPUS [ROUNDS] [--templates DIR] [--scratch DIR]

CORPUS is a notes folder (e.g. from `notegraph-bench generate --notes 10000 --out /dev/shm/n10k`).
"""
import argparse, os, shutil, statistics, time

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("old"); p.add_argument("new"); p.add_argument("corpus")
p.add_argument("rounds", nargs="?", type=int, default=3)
p.add_argument("--templates", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "templates"))
p.add_argument("--scratch", default="/dev/shm/notegraph-side-by-side")
args = p.parse_args()


def run(cmd):
    """Wall seconds, CPU seconds and peak RSS (MB) of one run, output discarded."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(devnull, 1); os.dup2(devnull, 2)
        os.execv(cmd[0], cmd)
    _, _, usage = os.wait4(pid, 0)
    os.close(devnull)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


binaries = [os.path.abspath(args.old), os.path.abspath(args.new)]
shutil.rmtree(args.scratch, ignore_errors=True)
notes = []
for k in range(2):
    notes.append(os.path.join(args.scratch, f"notes{k}"))
    shutil.copytree(args.corpus, notes[k])
edited = sorted(f for f in os.listdir(os.path.join(args.corpus, "note")) if f.endswith(".md"))[5]
results = [{"cold": [], "edit": [], "no-op": []} for _ in binaries]
for r in range(args.rounds):
    # The order flips every round (A B, B A, ...): the binary that runs second in a round was measured slower
    # on this machine whichever it was, so a fixed order biased every comparison toward the first.
    for k in (range(2) if r % 2 == 0 else reversed(range(2))):
        binary = binaries[k]
        out = os.path.join(args.scratch, f"site{k}")
        shutil.rmtree(out, ignore_errors=True)
        cmd = [binary, "build", "--notes", notes[k], "--out", out, "--templates", args.templates]
        results[k]["cold"].append(run(cmd))
        with open(os.path.join(notes[k], "note", edited), "a") as f:
            f.write(f"\nEdit {r}: one more sentence, with 3% more.\n")
        time.sleep(1.1)  # past the racy window, so the next no-op can trust the signature
        results[k]["edit"].append(run(cmd))
        time.sleep(1.1)
        run(cmd)
        for _ in range(10):
            results[k]["no-op"].append(run(cmd))
for binary, result in zip(binaries, results):
    for metric, runs in result.items():
        print(f"{binary[-40:]:40s} {metric:6s} wall {statistics.median(x[0] for x in runs):8.3f} s"
              f"  cpu {statistics.median(x[1] for x in runs):8.3f} s  peak RSS {max(x[2] for x in runs):6.0f} MB")
shutil.rmtree(args.scratch, ignore_errors=True)
