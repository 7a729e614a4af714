#!/usr/bin/env bash
# The import benchmark: a generated 1,000,000-row export imported by leadgate (mapping,
# normalization, dedupe, flags, search index, history) next to sqlite3's bare `.import` of the
# same file into one table, on the same machine. Prints both times, their ratio, and peak memory.
#
# Then a floor: sqlite3 alone writing leadgate's finished rows into leadgate's schema (its
# identity and queue indexes, without the search index), with no reading, mapping, dedupe or
# flags at all: what SQLite alone needs to write these rows the way an import writes them.
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

# The floor, set up as an import runs: queue indexes built after the rows, a 64 MB page cache,
# no CHECK lists, rows in the file's order.
sed '/^CREATE VIRTUAL TABLE leads_fts/,/^);/d' schema.sql >"$work/schema-rows.sql"
queue_indexes=$(grep -E '^CREATE INDEX leads_by_(queue|source|owner) ' schema.sql)
cat >"$work/floor.sql" <<SQL
.read $work/schema-rows.sql
DROP INDEX leads_by_queue; DROP INDEX leads_by_source; DROP INDEX leads_by_owner;
PRAGMA cache_size = -65536;
PRAGMA ignore_check_constraints = ON;
ATTACH '$work/leads.db' AS done;
BEGIN;
INSERT INTO import_batches SELECT * FROM done.import_batches;
-- The WHERE stops SQLite copying records wholesale: each row is inserted, as an import does.
INSERT INTO leads SELECT * FROM done.leads WHERE rowid > 0;
$queue_indexes
COMMIT;
SQL
measure floor sqlite3 "$work/floor.db" ".read $work/floor.sql"
printf 'floor    %8.2f (floor / sqlite3)\n' "$(echo "$(cat "$work/floor") / $(cat "$work/sqlite3")" | bc -l)"
