#!/usr/bin/env bash
# The report and export benchmark on 1,000,000 leads with history (built on first use by
# `cargo bench --bench generate`, kept in benches/data/). Three rounds, alternating:
#   - `leadgate report` (text and JSON): the target is under 2 s;
#   - `leadgate export --to csv` of every lead, next to `sqlite3 -csv` selecting the same
#     columns from the same database: the target is within 1.5x; memory stays flat.
# Needs sqlite3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
cargo bench --locked --bench generate
db=benches/data/leads-1m.db
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A copy: the export records itself, and the binary may upgrade the schema first.
cp "$db" "$work/leads.db"
lg=(./target/release/leadgate --db "$work/leads.db" --as bench)
"${lg[@]}" report >/dev/null # upgrade and warm the page cache once, outside the rounds

columns="id, name, given_name, family_name, email, title, company, domain, industry, employees, \
country, city, phone, linkedin_url, source, owner, last_activity, stage, state, state_reason, \
icp_fit, icp_fit_why, role_relevance, role_relevance_why, intent_source, intent_detail, \
reason_now, reason_now_on, pain_point, stakeholders, next_step, flags, record_id, created_at"

measure() { # label, output file, command...: prints seconds and peak MB, keeps the seconds
    local label=$1 out=$2; shift 2
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$out"
    read -r secs kb <"$work/time"
    printf '  %-22s %7.2f s   peak %6.1f MB\n' "$label" "$secs" "$(echo "$kb / 1024" | bc -l)"
    echo "$secs" >>"$work/$label"
}

echo "database: $db ($(du -h "$db" | cut -f1), $(sqlite3 "$db" 'SELECT count(*) FROM leads') leads, $(sqlite3 "$db" 'SELECT count(*) FROM events') events)"
for round in 1 2 3; do
    echo "round $round"
    measure "report text" /dev/null "${lg[@]}" report
    measure "report json" /dev/null "${lg[@]}" report --format json
    measure "sqlite3 -csv" "$work/sqlite.csv" sqlite3 -csv -header "$work/leads.db" "SELECT $columns FROM leads"
    rm -f "$work/all.csv"
    measure "leadgate export csv" /dev/null "${lg[@]}" export --to csv -o "$work/all.csv"
done
best() { sort -n "$work/$1" | head -1; }
printf 'best of three: report %.2f s (text), %.2f s (json); export %.2f s vs sqlite3 %.2f s: ratio %.2f\n' \
    "$(best 'report text')" "$(best 'report json')" "$(best 'leadgate export csv')" "$(best 'sqlite3 -csv')" \
    "$(echo "$(best 'leadgate export csv') / $(best 'sqlite3 -csv')" | bc -l)"
echo "rows: sqlite3 $(($(wc -l <"$work/sqlite.csv") - 1)) lines, leadgate $(($(wc -l <"$work/all.csv") - 1)) lines (multi-line cells count once per line in both)"
