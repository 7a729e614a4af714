#!/usr/bin/env bash
# The import benchmark: a generated 1,000,000-row export imported by leadgate (mapping,
# normalization, dedupe, flags, search index, history) next to sqlite3's bare `.import` of the
# same file into one table, on the same machine. Prints both times, their ratio, and peak memory.
# Needs python3, sqlite3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
data=benches/data
mkdir -p "$data"
csv="$data/export-$rows.csv"
[ -f "$csv" ] || python3 benches/gen_export.py "$rows" "$csv"
cargo build --release --locked
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # label, command...: prints seconds and peak KB
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
    read -r secs kb <"$work/time"
    printf '%-8s %8.2f s   peak %6.1f MB\n' "$label" "$secs" "$(echo "$kb / 1024" | bc -l)"
    echo "$secs" >"$work/$label"
}

echo "file: $csv ($(du -h "$csv" | cut -f1), $rows rows)"
measure sqlite3 sqlite3 "$work/plain.db" -cmd '.mode csv' ".import $csv t"
measure leadgate ./target/release/leadgate --db "$work/leads.db" --as bench import "$csv"
printf 'ratio    %8.2f (leadgate / sqlite3)\n' "$(echo "$(cat "$work/leadgate") / $(cat "$work/sqlite3")" | bc -l)"
