"""The scale benchmark: a year of news on one machine.

Builds an N-article corpus from a JSONL corpus (each article under a fresh
id, cycling through the corpus), ingests it in chunks of CHUNK articles into
one new store, and prints, all measured in this run:
  - per chunk: wall time, peak RSS of `ingest`, store writes (from its summary);
  - ingest words/s and quads/s over the whole corpus;
  - the reference: oxigraph's own bulk loader (pyoxigraph, the same oxigraph
    version) on the same quads, exported from the store; the ratio of
    newsgraph's store writes to it;
  - store size on disk; start-up of `stats` and `query -e 'ASK {}'`;
  - p50 / p95 of every canned query from the CLI (start-up included): computed
    (`--cache-mb 0`), and asked again, answered from the answers `query`
    keeps on disk (the first of those computes and keeps it); through
    `serve` (HTTP): the first request (computed, cold), p50 / p95 of the
    repeated ones (answered from the result cache), the first request after
    `serve --warm` computed the canned queries, and serve's memory;
  - time per chunk, first vs last.

Run with benches/scale.sh [N] [CHUNK] (defaults 100000 and 10000).
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Runs of each canned query (CLI; through serve one more, the first, cold).
REPEATS = int(os.environ.get("NEWSGRAPH_REPEATS", "5"))


def run(cmd, **kw):
    """Run a command; return (seconds, peak RSS in MiB of the child, stdout, stderr)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    secs = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"scale: {' '.join(map(str, cmd))} failed:\n{p.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return secs, max(peak, before) / 1024, p.stdout, p.stderr


def peak_rss(cmd):
    """Peak RSS (MiB) of one command, through /usr/bin/time when there."""
    if Path("/usr/bin/time").exists():
        p = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"scale: {' '.join(map(str, cmd))} failed:\n{p.stderr[-2000:]}")
        return int(p.stderr.strip().splitlines()[-1]) / 1024, p.stderr
    return float("nan"), run(cmd)[3]


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    chunk = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    source = Path(os.environ.get("NEWSGRAPH_BENCH_CORPUS", REPO.parent / "shared/bench/corpus.jsonl"))
    binary = os.environ.get("NEWSGRAPH_BIN", str(REPO / "target/release/newsgraph"))
    if not source.exists():
        sys.exit(f"scale: {source}: no corpus (set NEWSGRAPH_BENCH_CORPUS to a JSONL file)")
    lines = [json.loads(l) for l in source.read_text().splitlines() if l.strip()]
    work = Path(tempfile.mkdtemp(prefix="newsgraph-scale-"))
    store = work / "store"
    print(f"scale: {n} articles from {source} ({len(lines)} distinct), chunks of {chunk}, in {work}")

    # The corpus, in chunk files, each article under a fresh id.
    words = 0
    chunks = []
    for start in range(0, n, chunk):
        path = work / f"chunk-{start // chunk:04}.jsonl"
        with path.open("w") as f:
            for i in range(start, min(n, start + chunk)):
                art = dict(lines[i % len(lines)])
                art["id"] = f"scale-{i}"
                words += len(art.get("text", "").split())
                f.write(json.dumps(art, ensure_ascii=False) + "\n")
        chunks.append(path)

    # Ingest, chunk by chunk, into one store.
    times, writes = [], []
    rss_max = 0.0
    for i, path in enumerate(chunks):
        t = time.perf_counter()
        rss, err = peak_rss([binary, "ingest", "--store", str(store), str(path)])
        secs = time.perf_counter() - t
        summary = [l for l in err.splitlines() if "articles ingested" in l][-1]
        write = float(summary.rsplit("store writes ", 1)[1].split(" s")[0])
        times.append(secs)
        writes.append(write)
        rss_max = max(rss_max, rss)
        print(f"  chunk {i + 1:>3}/{len(chunks)}: {secs:7.1f} s, store writes {write:6.1f} s, peak RSS {rss:6.0f} MiB")
    total = sum(times)
    stats = run([binary, "stats", "--store", str(store)])[2]
    quads = int([l for l in stats.splitlines() if l.strip().endswith("quads")][0].split()[0])
    size = sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 2**20

    # The reference: oxigraph's bulk loader on the same quads.
    nq = work / "all.nq"
    run([binary, "export", "--store", str(store), "--format", "nquads", "-o", str(nq)])
    ref = subprocess.run(
        [sys.executable, "-c",
         "import sys, time, pyoxigraph as ox\n"
         "s = ox.Store(sys.argv[1]); t = time.perf_counter()\n"
         "s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS); s.flush()\n"
         "print(time.perf_counter() - t, len(s))",
         str(work / "reference"), str(nq)],
        capture_output=True, text=True)
    if ref.returncode != 0:
        sys.exit(f"scale: the reference bulk load failed:\n{ref.stderr[-2000:]}")
    ref_secs, ref_quads = ref.stdout.split()
    ref_secs = float(ref_secs)

    # Start-up.
    startup = {name: min(run([binary, *args, "--store", str(store)] + extra)[0] for _ in range(3))
               for name, args, extra in [("stats", ["stats"], []),
                                         ("query ASK {}", ["query"], ["-e", "ASK {}"])]}

    # Canned queries: CLI (start-up included) and serve; none with
    # NEWSGRAPH_SCALE_QUERIES=0 (ingest, writes, memory and start-up only).
    queries = sorted((REPO / "queries").glob("*.rq"))
    if os.environ.get("NEWSGRAPH_SCALE_QUERIES") == "0":
        queries = []
    cli, cli_kept = {}, {}
    os.environ["NEWSGRAPH_CACHE_DIR"] = str(work / "answers")
    for q in queries:
        cli[q.stem] = [run([binary, "query", "--cache-mb", "0", "--store", str(store), str(q)])[0]
                       for _ in range(min(REPEATS, 3))]
        # The first of these computes the answer and keeps it; the others read it.
        cli_kept[q.stem] = [run([binary, "query", "--store", str(store), str(q)])[0]
                            for _ in range(REPEATS + 1)]
    port = 18000 + os.getpid() % 1000
    http, cold, warm_first, serve_mem, warm_secs = {}, {}, {}, {}, None
    accept = "application/sparql-results+json, text/turtle;q=0.9"

    def ask(text):
        body = urllib.parse.urlencode({"query": text}).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{port}/sparql", data=body, headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        t = time.perf_counter()
        with urllib.request.urlopen(req, timeout=120) as r:
            r.read()
            hit = r.headers.get("x-cache")
        return time.perf_counter() - t, hit

    def start(*extra):
        server = subprocess.Popen([binary, "serve", "--store", str(store), "--bind", f"127.0.0.1:{port}", *extra],
                                  stdout=subprocess.DEVNULL, text=True,
                                  stderr=subprocess.PIPE if "--warm" in extra else subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        return server

    def memory(server):
        status = Path(f"/proc/{server.pid}/status").read_text()
        field = lambda k: int([l for l in status.splitlines() if l.startswith(k)][0].split()[1]) / 1024
        return field("VmRSS:"), field("VmHWM:")

    # Through serve: the first request computes the answer (cold), the
    # repeated ones come from the result cache.
    server = start() if queries else None
    try:
        for q in queries:
            first, _ = ask(q.read_text())
            samples = [ask(q.read_text()) for _ in range(REPEATS)]
            cold[q.stem] = first
            http[q.stem] = [t for t, _ in samples]
            if any(hit != "hit" for _, hit in samples):
                print(f"  note: {q.stem}: a repeated request was not a cache hit ({[h for _, h in samples]})")
        if server:
            serve_mem["cache"] = memory(server)
    finally:
        if server:
            server.terminate()
            server.wait()
    # With --warm: the canned queries computed at start; the first request.
    server = start("--warm") if queries else None
    try:
        t = time.perf_counter()
        for line in server.stderr if server else []:
            if "canned queries computed" in line:
                warm_secs = time.perf_counter() - t
                break
        for q in queries:
            warm_first[q.stem] = ask(q.read_text())[0]
        if server:
            serve_mem["warm"] = memory(server)
    finally:
        if server:
            server.terminate()
            server.wait()

    print()
    print(f"articles                  {n}")
    print(f"words                     {words}")
    print(f"quads                     {quads}")
    print(f"ingest wall               {total:.1f} s  ({words / total:,.0f} words/s, {quads / total:,.0f} quads/s)")
    print(f"store writes              {sum(writes):.1f} s  ({quads / sum(writes):,.0f} quads/s)")
    print(f"oxigraph bulk loader      {ref_secs:.1f} s  ({int(ref_quads) / ref_secs:,.0f} quads/s) on the same {ref_quads} quads")
    print(f"  ratio (writes / bulk)   {ref_secs / sum(writes):.2f}x the bulk loader's speed")
    print(f"peak RSS of ingest        {rss_max:.0f} MiB")
    print(f"store on disk             {size:.0f} MiB")
    for name, secs in startup.items():
        print(f"start-up {name:<16} {secs * 1000:.0f} ms")
    print(f"time per chunk            first {times[0]:.1f} s, last {times[-1]:.1f} s "
          f"({(times[-1] / times[0] - 1) * 100:+.0f} %)")
    if not queries:
        print("canned queries            not run (NEWSGRAPH_SCALE_QUERIES=0)")
    if queries:
        print()
        print(f"CLI: computed (--cache-mb 0, p50 of {min(REPEATS, 3)}); then asked {REPEATS} more times, answered from the kept answer")
        print(f"serve: first request computes the answer (cold); then {REPEATS} repeats answered from the result cache")
        print(f"{'canned query':<28}{'CLI p50':>9}{'kept p50':>9}{'kept p95':>9}{'cold':>9}{'cached p50':>12}{'cached p95':>12}{'--warm 1st':>12}  (ms)")
    for q in queries:
        c, k, h = cli[q.stem], cli_kept[q.stem][1:], http[q.stem]
        print(f"{q.stem:<28}{statistics.median(c) * 1000:>9.0f}{statistics.median(k) * 1000:>9.0f}{percentile(k, 0.95) * 1000:>9.0f}"
              f"{cold[q.stem] * 1000:>9.0f}{statistics.median(h) * 1000:>12.1f}{percentile(h, 0.95) * 1000:>12.1f}"
              f"{warm_first[q.stem] * 1000:>12.1f}")
    for name, (rss, hwm) in serve_mem.items():
        print(f"serve ({name}): RSS {rss:.0f} MiB after the queries, peak {hwm:.0f} MiB")
    if warm_secs is not None:
        print(f"--warm: the canned queries computed in {warm_secs:.1f} s after start")
    if not os.environ.get("NEWSGRAPH_KEEP"):
        subprocess.run(["rm", "-rf", str(work)])


if __name__ == "__main__":
    main()
