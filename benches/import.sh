#!/usr/bin/env bash
# The import benchmark: a generated 1,000,000-row export imported by leadgate (mapping,
# normalization, dedupe, flags, search index, history) next to sqlite3's bare `.import` of the
# same file into one table, on the same machine. Prints both times, their ratio, and peak memory.
#
# Then the floor (benches/floor.rs): the bundled SQLite alone writing leadgate's finished rows
# into leadgate's schema with every index built after the rows, and no reading, mapping,
# dedupe or flags at all: the least SQLite needs to write the same result.
#
# Then a second file of as many other people (gen_export.py series 1; one row in a hundred is
# a person of the first file again, by Record ID) imported into the database the first import
# made, and both imports' merges set against an independent count (count_duplicates.py).
# Needs python3, sqlite3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
data=benches/data
mkdir -p "$data"
csv="$data/export-$rows.csv"
[ -f "$csv" ] || python3 benches/gen_export.py "$rows" "$csv"
second="$data/export-$rows-series1.csv"
[ -f "$second" ] || python3 benches/gen_export.py "$rows" "$second" 1
cargo build --release --locked
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # label, command...: prints seconds and peak KB
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out"
    read -r secs kb <"$work/time"
    printf '%-8s %8.2f s   peak %6.1f MB\n' "$label" "$secs" "$(echo "$kb / 1024" | bc -l)"
    echo "$secs" >"$work/$label"
}

echo "file: $csv ($(du -h "$csv" | cut -f1), $rows rows)"
measure sqlite3 sqlite3 "$work/plain.db" -cmd '.mode csv' ".import $csv t"
measure leadgate ./target/release/leadgate --db "$work/leads.db" --as bench import --json "$csv"
cp "$work/out" "$work/first.json"
printf 'ratio    %8.2f (leadgate / sqlite3)\n' "$(echo "$(cat "$work/leadgate") / $(cat "$work/sqlite3")" | bc -l)"

# The floor (benches/floor.rs): the bundled SQLite alone copying the rows this import wrote,
# row by row, into leadgate's schema, every secondary index and the search index built after.
floor=$(cargo bench --locked --bench floor --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("executable") and m["target"]["name"] == "floor": print(m["executable"])')
/usr/bin/time -f "%e %M" -o "$work/time" "$floor" "$work/leads.db" "$work/floor.db" | tee "$work/floor.out"
read -r secs kb <"$work/time"
printf '%-8s %8.2f s   peak %6.1f MB\n' floor "$secs" "$(echo "$kb / 1024" | bc -l)"
echo "$secs" >"$work/floor"
printf 'leadgate / floor     %6.2f   (target 1.5)\n' "$(echo "$(cat "$work/leadgate") / $(cat "$work/floor")" | bc -l)"
printf 'floor / bare .import %6.2f\n' "$(echo "$(cat "$work/floor") / $(cat "$work/sqlite3")" | bc -l)"

# The second file, into the database holding the first.
measure second ./target/release/leadgate --db "$work/leads.db" --as bench import --json "$second"
printf 'second / floor       %6.2f   (target 2)\n' "$(echo "$(cat "$work/second") / $(cat "$work/floor")" | bc -l)"
python3 benches/count_duplicates.py "$csv" "$second" >"$work/expected"
python3 - "$work/first.json" "$work/out" "$work/expected" <<'PY'
import json, sys
expected = [line.split() for line in open(sys.argv[3])]
for path, want in zip(sys.argv[1:3], expected):
    got = json.load(open(path))
    got = got[0] if isinstance(got, list) else got
    created, merged = got["created"], got["merged"] + got.get("unchanged", 0)
    ok = created == int(want[2]) and merged == int(want[4])
    print("dedupe   %s: created %d, merged %d; counted %s, %s: %s" % (
        want[0].split("/")[-1], created, merged, want[2], want[4], "every duplicate found" if ok else "MISMATCH"))
PY
