#!/usr/bin/env python3
"""The load benchmark: eight programs at once on one database, as a team works it.

Usage: python3 benches/load.py [--template DB] [--csv FILE] [--bin PATH] [--workers 6]
                               [--ops 300] [--keys 1000] [--keep DIR]

On a fresh copy of TEMPLATE (the generator's demo database, `cargo bench --bench generate --
--leads 10000 --db benches/data/leads-10k.db`):

1. The workstation is started in a pseudo-terminal and pages alone through Today (`j`, and
   every tenth key PgDn) for KEYS presses: its idle key latency.
2. It goes back to the top (`g`) and pages the same way again for KEYS presses, while at the
   same moment start
   - WORKERS command-line workers, each running OPS invocations of `leadgate` one after the
     other: field edits and touches on leads they all share (so they contend), the whole cycle
     of decisions on leads of their own (evidence set field by field, promote, nurture with a
     reason code, reopen, promote, demote, disqualify, reopen), a read every tenth (`show`,
     `queue`), and, once, halfway through the first worker, `triage --suggest` (a pass over
     every active lead in one transaction);
   - one `leadgate import` of CSV (50,000 generated rows of people the database does not hold,
     `benches/gen_export.py`).
3. It reports:
   - errors a user would have seen: any non-zero exit or stderr text from a worker or the
     import, and any text the workstation drew in its error style (bold red) or an error
     word on its status line; the target is 0, a busy database is waited for;
   - events: each worker's operations, worked out beforehand, say how many history entries
     they write; the `events` table is counted afterwards, by actor (target: equal), and the
     import's own entries (one per merged row) apart, against its summary;
   - the import's rows: read = created + merged + unchanged + skipped, and the leads table grew
     by exactly the created ones;
   - where each worker's own leads ended up (stage and state), against the cycle;
   - the workstation's key latency (key to the first and to the last byte of the update)
     idle and under load (the keys pressed before the load ended), p50 and p99, and the ratio
     of the p99s (target at most 2); and, between the two, the same keys pressed beside WORKERS
     shell busy loops and no leadgate at all: what a saturated machine's scheduler alone does
     to a program waiting for keys (`--no-control` skips it);
   - wall times, and a table ready for the README.

Needs python3 only (its sqlite3 module reads the database afterwards).
"""

import argparse
import json
import multiprocessing
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date

from pty_term import Workstation, percentile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# The cycle each worker takes its own leads through: (arguments after the id, entries written,
# (stage, state) after). Every edit says something new (the worker and operation number are in
# it), so every one of them is a change and writes its entry.
TODAY = date.today().isoformat()


def own_cycle(tag):
    return [
        (["set", "{id}", "icp_fit", "fit", "--note", "Regional 3PL, 120 staff (%s)" % tag], 1, None),
        (["set", "{id}", "role_relevance", "relevant", "--note", "Runs dispatch (%s)" % tag], 1, None),
        (["set", "{id}", "intent_source", "demo_request", "--note", "Asked for a demo (%s)" % tag], 1, None),
        (["set", "{id}", "reason_now", "New depot opening (%s)" % tag, "--on", TODAY], 1, None),
        (["promote", "{id}", "--note", "Gate passed (%s)" % tag], 1, ("prospect", "active")),
        # A prospect nurtured is passed back to lead: a stage entry and a state entry.
        (["nurture", "{id}", "--reason", "no_intent", "--note", "Quiet after the demo (%s)" % tag], 2,
         ("lead", "nurture")),
        (["reopen", "{id}", "--note", "Replied again (%s)" % tag], 1, ("lead", "active")),
        (["promote", "{id}", "--note", "Still passes (%s)" % tag], 1, ("prospect", "active")),
        (["demote", "{id}", "--reason", "not_icp", "--note", "Wrong segment (%s)" % tag], 1, ("lead", "active")),
        (["disqualify", "{id}", "--reason", "not_icp", "--note", "Out of the ICP (%s)" % tag], 1,
         ("lead", "disqualified")),
        (["reopen", "{id}", "--note", "New owner at the account (%s)" % tag], 1, ("lead", "active")),
    ]


SHARED_FIELDS = [
    lambda tag: (["reason_now", "Tender announced (%s)" % tag, "--on", TODAY]),
    lambda tag: (["timeline", "Decision before the March depot (%s)" % tag]),
    lambda tag: (["budget_path", "Operations budget (%s)" % tag]),
    lambda tag: (["next_step", "Call the ops lead (%s)" % tag, "--on", TODAY]),
]
TOUCH_KINDS = ["call", "email", "meeting", "linkedin", "note"]


def worker_ops(w, n, shared, own):
    """The OPS operations of worker `w`: (argv after the program, entries expected, kind,
    (own lead index, (stage, state) after) or None)."""
    ops = []
    own_steps = 0
    for i in range(n):
        tag = "w%d op%d" % (w, i)
        lead = shared[(i * 7 + w) % len(shared)]
        if w == 1 and i == n // 2:
            # A pass over every active lead in one transaction (it writes no history entry).
            ops.append((["triage", "--suggest"], 0, "triage", None))
        elif i % 10 == 9:
            argv = ["show", lead] if i % 20 == 9 else ["queue", "today", "--limit", "5"]
            ops.append((argv, 0, "read", None))
        elif i % 4 == 0:
            field = SHARED_FIELDS[(i // 4) % len(SHARED_FIELDS)](tag)
            ops.append((["set", lead] + field, 1, "shared edit", None))
        elif i % 4 == 2:
            kind = TOUCH_KINDS[(i // 4) % len(TOUCH_KINDS)]
            ops.append((["log", lead, "--kind", kind, "--note", "Spoke about routes (%s)" % tag], 1,
                        "shared touch", None))
        else:
            k = own_steps % len(own)
            cycle = own_cycle(tag)
            argv, events, after = cycle[(own_steps // len(own)) % len(cycle)]
            ops.append(([a.replace("{id}", own[k]) for a in argv], events, "decision" if after else "own edit",
                        (k, after)))
            own_steps += 1
    return ops


def run_worker(w, binary, db, env, ops, out):
    """One worker: its operations one after the other, each a new leadgate process."""
    results = []
    for argv, _, _, _ in ops:
        t0 = time.perf_counter()
        p = subprocess.run([binary, "--db", db, "--as", "w%d" % w] + argv, env=env,
                           stdin=subprocess.DEVNULL, capture_output=True, text=True)
        results.append({"code": p.returncode, "stderr": p.stderr.strip(),
                        "ms": (time.perf_counter() - t0) * 1000, "end": time.time()})
    with open(out, "w") as f:
        json.dump(results, f)


def count(conn, sql, *args):
    return conn.execute(sql, args).fetchone()[0]


def stats(values):
    if not values:
        return "none"
    return "p50 %.1f ms, p99 %.1f ms, max %.1f ms" % (
        statistics.median(values), percentile(values, 99), max(values))


STATUS_WORDS = re.compile(r"in use|locked|busy|database error|cannot|failed|error", re.I)


class Watcher:
    """The workstation's screen after each key: what it showed in its error style."""

    def __init__(self, ws):
        self.ws = ws
        self.seen = {}

    def look(self):
        shown = self.ws.screen.error_text()
        status = self.ws.screen.lines()[-1]
        if STATUS_WORDS.search(status):
            shown.append(status.strip())
        for text in shown:
            self.seen[text] = self.seen.get(text, 0) + 1


def page(ws, keys, watcher, on_press=None):
    """KEYS presses: `j`, and every tenth PgDn. Returns (first-byte ms, last-byte ms) lists."""
    first, last = [], []
    for n in range(keys):
        key, label = (b"\x1b[6~", "PgDn") if n % 10 == 9 else (b"j", "j")
        f, l = ws.press(key, label)
        first.append(f)
        last.append(l)
        watcher.look()
        if on_press:
            on_press()
    return first, last


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--template", default=os.path.join(HERE, "data", "leads-10k.db"))
    parser.add_argument("--csv", default=os.path.join(HERE, "data", "export-50000.csv"))
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "leadgate"))
    parser.add_argument("--workers", type=int, default=6)
    parser.add_argument("--ops", type=int, default=300, help="invocations per worker")
    parser.add_argument("--keys", type=int, default=1000, help="key presses, idle and under load")
    parser.add_argument("--shared", type=int, default=12, help="leads every worker edits")
    parser.add_argument("--own", type=int, default=6, help="leads each worker decides on alone")
    parser.add_argument("--keep", help="a folder to keep the database and the logs in")
    parser.add_argument("--no-control", dest="control", action="store_false",
                        help="skip paging beside busy loops instead of leadgate")
    args = parser.parse_args()

    work = args.keep or tempfile.mkdtemp(prefix="leadgate-load-")
    os.makedirs(work, exist_ok=True)
    db = os.path.join(work, "load.db")
    for side in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + side):
            os.remove(db + side)
    shutil.copyfile(args.template, db)
    os.chmod(db, 0o600)
    # The shipped rules, whatever the machine's own rules file says.
    os.environ.pop("NO_COLOR", None)  # the error style is told by its colour
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(work, "config"))
    env.pop("LEADGATE_CONFIG", None)
    env.pop("LEADGATE_NOW", None)
    env.pop("LEADGATE_DB", None)

    conn = sqlite3.connect(db)
    rows_in_csv = sum(1 for _ in open(args.csv, encoding="utf-8")) - 1
    leads_before = count(conn, "SELECT count(*) FROM leads")
    events_before = count(conn, "SELECT count(*) FROM events")
    # Leads a person can take through both gates' first step: active leads with no flag.
    candidates = [r[0] for r in conn.execute(
        "SELECT id FROM leads WHERE stage = 'lead' AND state = 'active' AND flags = '[]' "
        "AND icp_fit = 'unknown' ORDER BY rowid LIMIT ?", (args.shared + args.workers * args.own,))]
    conn.close()
    shared = candidates[:args.shared]
    own = [candidates[args.shared + w * args.own: args.shared + (w + 1) * args.own] for w in range(args.workers)]
    plans = {w: worker_ops(w + 1, args.ops, shared, own[w]) for w in range(args.workers)}
    expected = {w: sum(op[1] for op in plans[w]) for w in plans}

    print("database: %s leads, %s events (copy of %s)" % (leads_before, events_before, args.template))
    print("import file: %s (%d rows)" % (args.csv, rows_in_csv))
    print("work folder: %s" % work)

    # 1. The workstation alone.
    ws = Workstation(args.bin, db, actor="bench", env={"XDG_CONFIG_HOME": env["XDG_CONFIG_HOME"]})
    first_frame = ws.first_frame()
    watcher = Watcher(ws)
    idle_first, idle_last = page(ws, args.keys, watcher)
    idle_errors = dict(watcher.seen)
    ws.press(b"g", "g")
    time.sleep(1.0)
    ws.drain()

    # 1b. The control: as many busy loops as workers, and no leadgate at all, to tell what a
    # saturated machine's scheduler alone does to the workstation from what leadgate does.
    control_first = control_last = []
    if args.control:
        spinners = [subprocess.Popen(["sh", "-c", "while :; do :; done"]) for _ in range(args.workers)]
        time.sleep(0.5)
        control_first, control_last = page(ws, args.keys, Watcher(ws))
        for p in spinners:
            p.kill()
            p.wait()
        ws.press(b"g", "g")
        time.sleep(1.0)
        ws.drain()

    # 2. Everyone at once.
    busy = [os.path.exists(db + "-journal")]
    compiling = []

    def rustc_running():
        return subprocess.run(["pgrep", "-x", "rustc"], capture_output=True).returncode == 0

    compiling.append(rustc_running())
    started = time.time()
    t0 = time.perf_counter()
    workers = []
    for w in range(args.workers):
        out = os.path.join(work, "worker-%d.json" % (w + 1))
        p = multiprocessing.Process(target=run_worker, args=(w + 1, args.bin, db, env, plans[w], out))
        p.start()
        workers.append((p, out))
    imp = {}

    def import_file():
        t = time.perf_counter()
        p = subprocess.run([args.bin, "--db", db, "--as", "importer", "import", args.csv, "--json"], env=env,
                           stdin=subprocess.DEVNULL, capture_output=True, text=True)
        imp.update(code=p.returncode, stdout=p.stdout, stderr=p.stderr.strip(),
                   secs=time.perf_counter() - t, end=time.time())

    importer = threading.Thread(target=import_file)
    importer.start()
    presses_at = []

    def on_press():
        presses_at.append(time.time())
        busy.append(os.path.exists(db + "-journal"))

    load_first, load_last = page(ws, args.keys, watcher, on_press)
    tui_done = time.time()
    for p, _ in workers:
        p.join()
    importer.join()
    wall = time.perf_counter() - t0
    compiling.append(rustc_running())
    # What the workstation shows once everyone is done (it looks every 750 ms while idle).
    time.sleep(1.5)
    ws.drain()
    watcher.look()
    peak_kb = ws.peak_memory_kb()
    tui_exit = ws.quit()
    load_errors = {k: v - idle_errors.get(k, 0) for k, v in watcher.seen.items() if v > idle_errors.get(k, 0)}

    # 3. What happened.
    results = {}
    for w, (_, out) in enumerate(workers):
        with open(out) as f:
            results[w] = json.load(f)
    last_end = max([r[-1]["end"] for r in results.values() if r] + [imp.get("end", started)])
    under_load = sum(1 for t in presses_at if t <= last_end)

    errors = []
    for w, rs in results.items():
        for (argv, _, kind, _), r in zip(plans[w], rs):
            if r["code"] != 0 or r["stderr"]:
                errors.append("worker %d, %s `leadgate %s`: exit %d: %s" % (
                    w + 1, kind, " ".join(argv[:2]), r["code"], r["stderr"].splitlines()[0] if r["stderr"] else ""))
    if imp.get("code") != 0 or imp.get("stderr"):
        errors.append("import: exit %s: %s" % (imp.get("code"), imp.get("stderr", "")[:300]))
    for text, n in load_errors.items():
        errors.append("workstation screen (%d keys): %s" % (n, text))
    for text, n in idle_errors.items():
        errors.append("workstation screen while idle (%d keys): %s" % (n, text))
    if tui_exit != 0:
        errors.append("workstation exit status %d" % tui_exit)

    conn = sqlite3.connect(db)
    by_actor = dict(conn.execute("SELECT actor, count(*) FROM events GROUP BY actor"))
    written = {w: by_actor.get("w%d" % (w + 1), 0) for w in plans}
    succeeded = {w: sum(op[1] for op, r in zip(plans[w], results[w]) if r["code"] == 0) for w in plans}
    summary = json.loads(imp["stdout"]) if imp.get("code") == 0 and imp.get("stdout") else {}
    batch = summary.get("batch")
    batch_row = conn.execute("SELECT rows_read, created, merged, skipped FROM import_batches WHERE id = ?",
                             (batch,)).fetchone() if batch else None
    import_events = count(conn, "SELECT count(*) FROM events WHERE batch_id = ?", batch) if batch else 0
    events_after = count(conn, "SELECT count(*) FROM events")
    leads_after = count(conn, "SELECT count(*) FROM leads")
    other_events = events_after - events_before - sum(written.values()) - import_events
    # Where each worker's own leads should be: after the last step of the cycle each reached.
    final_wrong = []
    for w in plans:
        want = {}
        for (argv, _, _, own_step), r in zip(plans[w], results[w]):
            if own_step and own_step[1] and r["code"] == 0:
                want[own_step[0]] = own_step[1]
        for k, lead in enumerate(own[w]):
            got = conn.execute("SELECT stage, state FROM leads WHERE id = ?", (lead,)).fetchone()
            if tuple(got) != want.get(k, ("lead", "active")):
                final_wrong.append("%s: %s, expected %s" % (lead[:8], got, want.get(k)))
    integrity = count(conn, "PRAGMA integrity_check")
    journal = count(conn, "PRAGMA journal_mode")
    conn.close()

    worker_ms = [r["ms"] for rs in results.values() for r in rs]
    worker_secs = [rs[-1]["end"] - started for rs in results.values() if rs]
    # The keys pressed while the load ran (all of them, when the load outlasts the paging).
    during = [k for k, t in enumerate(presses_at) if t <= last_end]
    load_first = [load_first[k] for k in during] or load_first
    load_last = [load_last[k] for k in during] or load_last
    idle_p99, load_p99 = percentile(idle_last, 99), percentile(load_last, 99)
    ratio = load_p99 / idle_p99
    created = summary.get("created", 0)
    accounted = created + summary.get("merged", 0) + summary.get("unchanged", 0) + len(summary.get("skipped", []))

    print()
    print("workstation first frame: %.1f ms; peak memory %.1f MB; exit %d" % (first_frame * 1000, peak_kb / 1024, tui_exit))
    print("idle, %d keys:       first byte %s" % (len(idle_first), stats(idle_first)))
    print("                     last byte  %s" % stats(idle_last))
    if control_last:
        print("beside %d busy loops: first byte %s" % (args.workers, stats(control_first)))
        print("                     last byte  %s" % stats(control_last))
    print("under load, %d keys: first byte %s" % (len(load_first), stats(load_first)))
    print("                     last byte  %s" % stats(load_last))
    print("  (the keys pressed before every worker and the import had finished: %d of %d;"
          " the paging took %.1f s)" % (under_load, len(presses_at), tui_done - started))
    print("workers: %d x %d invocations, each %s; done after %s s" % (
        args.workers, args.ops, stats(worker_ms), ", ".join("%.1f" % s for s in sorted(worker_secs))))
    print("import: %.1f s, exit %s; read %s = created %s + merged %s + unchanged %s + skipped %s (%s)" % (
        imp.get("secs", 0), imp.get("code"), summary.get("read"), created, summary.get("merged"),
        summary.get("unchanged"), len(summary.get("skipped", [])),
        "all %d rows of the file" % rows_in_csv if accounted == rows_in_csv == summary.get("read") else
        "MISMATCH with the file's %d rows" % rows_in_csv))
    print("  its batch row: %s; leads %d -> %d (+%d, created %s); its history entries %d (merges %s)" % (
        batch_row, leads_before, leads_after, leads_after - leads_before, created, import_events,
        summary.get("merged")))
    print("  the import wrote %s" % ("with a rollback journal at some point" if any(busy) else "through the WAL"))
    print("events: before %d, after %d" % (events_before, events_after))
    for w in plans:
        print("  worker %d: expected %d, written %d%s" % (
            w + 1, expected[w], written[w],
            "" if succeeded[w] == expected[w] else " (its successful operations account for %d)" % succeeded[w]))
    print("  other entries (neither a worker's nor the import's): %d" % other_events)
    print("own leads not where their cycle left them: %s" % (final_wrong or "none"))
    print("integrity_check: %s; journal mode after: %s" % (integrity, journal))
    print("a compiler was running: %s" % ("at the start" if compiling[0] else "") +
          (" and at the end" if compiling[1] else "") if any(compiling) else "a compiler was running: no (at start and end)")
    print()
    print("errors a user saw: %d" % len(errors))
    shown = {}
    for e in errors:
        key = re.sub(r"worker \d+, ", "worker N, ", e)
        key = re.sub(r"[0-9a-f]{6,}", "ID", key)
        shown[key] = shown.get(key, 0) + 1
    for e, n in sorted(shown.items(), key=lambda kv: -kv[1]):
        print("  %4d x %s" % (n, e[:220]))

    total_expected = sum(expected.values())
    total_written = sum(written.values())
    print()
    print("| Measure (%d leads + %d-row import, 8 programs, 2 cores) | Target | Measured |" % (leads_before, rows_in_csv))
    print("| --- | --- | --- |")
    print("| errors a user saw (%d CLI runs, the import, the workstation's screen) | 0 | %d |" % (
        args.workers * args.ops, len(errors)))
    print("| history entries written by the workers / expected | equal | %d / %d |" % (total_written, total_expected))
    print("| import rows accounted for (created + merged + unchanged + skipped) | %d | %d (%s created, %s merged; %d entries) |" % (
        rows_in_csv, accounted, created, summary.get("merged"), import_events))
    print("| other history entries | 0 | %d |" % other_events)
    print("| workstation key p99, idle → under load (p50) | ≤ 2× | %.1f → %.1f ms, %.2f× (p50 %.1f → %.1f ms) |" % (
        idle_p99, load_p99, ratio, statistics.median(idle_last), statistics.median(load_last)))
    if control_last:
        control_p99 = percentile(control_last, 99)
        print("| the same keys beside %d busy loops and no leadgate (the machine alone) | | %.1f ms, %.2f× (p50 %.1f ms) |" % (
            args.workers, control_p99, control_p99 / idle_p99, statistics.median(control_last)))
    print("| wall time of the load (the import's own) | | %.1f s (%.1f s) |" % (wall, imp.get("secs", 0)))
    with open(os.path.join(work, "timeline.json"), "w") as f:
        json.dump({"started": started, "import_end": imp.get("end"), "tui_done": tui_done,
                   "workers_end": [rs[-1]["end"] for rs in results.values() if rs],
                   "presses": [{"at": t - started, "first": a, "last": b}
                               for t, a, b in zip(presses_at, load_first, load_last)],
                   "idle": [{"first": a, "last": b} for a, b in zip(idle_first, idle_last)],
                   "workers": {w + 1: rs for w, rs in results.items()}}, f)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    ok = not errors and total_written == total_expected and other_events == 0 and accounted == rows_in_csv \
        and not final_wrong and integrity == "ok"
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    multiprocessing.set_start_method("fork")
    main()
