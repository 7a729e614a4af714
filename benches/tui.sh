#!/usr/bin/env bash
# The workstation benchmark on 1,000,000 leads, on both kinds of large database, beside csvlens
# on the same list as a CSV file (when installed: `cargo install csvlens`), in one run:
#   - "imported": the 1M-row export (gen_export.py) imported with `leadgate import`;
#   - "generated": benches/generate.rs's database, 60,000 of its leads worked, with history.
# Builds leadgate, makes both databases on first use (a few minutes each; kept in
# benches/data/), then walks each ROUNDS times (default 3), alternating, through a
# pseudo-terminal (tui_latency.py): first frame, 1,000 presses of j (to the first and to the
# last byte of each update), peak memory. Prints one row per walk and the range of each.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
data=benches/data
cargo build --release --locked
cargo bench --locked --bench generate
csv="$data/export-1000000.csv"
[ -f "$csv" ] || python3 benches/gen_export.py 1000000 "$csv"
imported="$data/imported-1m.db"
[ -f "$imported" ] || ./target/release/leadgate --db "$imported" --as bench import "$csv" >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for round in $(seq "$rounds"); do
    if command -v csvlens >/dev/null; then
        python3 benches/tui_latency.py --csvlens "$csv" --label csvlens | grep '^SUMMARY' >>"$out"
    fi
    python3 benches/tui_latency.py --db "$imported" --label imported | grep '^SUMMARY' >>"$out"
    python3 benches/tui_latency.py --db "$data/leads-1m.db" --label generated | grep '^SUMMARY' >>"$out"
done
python3 - "$out" <<'PY'
import collections, sys
rows = collections.OrderedDict()
print("%-10s %12s %10s %14s %13s %8s" % ("", "first frame", "j p50", "j p99 first", "j p99 last", "memory"))
for line in open(sys.argv[1]):
    _, label, *values = line.split()
    values = [float(v) for v in values]
    rows.setdefault(label, []).append(values)
    print("%-10s %9.1f ms %7.2f ms %11.2f ms %10.2f ms %5.1f MB" % (label, *values))
print("ranges over %d rounds:" % max(len(v) for v in rows.values()))
for label, runs in rows.items():
    cols = list(zip(*runs))
    fmt = lambda c, d: "%.*f–%.*f" % (d, min(c), d, max(c))
    print("%-10s first frame %s ms, j p50 %s ms, p99 first byte %s ms, p99 last byte %s ms, %s MB" % (
        label, fmt(cols[0], 0), fmt(cols[1], 2), fmt(cols[2], 1), fmt(cols[3], 1), fmt(cols[4], 0)))
PY
