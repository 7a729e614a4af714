#!/usr/bin/env bash
# A bulk decision over about 120,000 leads of the generated 1M database (every active lead
# from the Webinar source, nurtured), on a copy: first as a dry run (the same work, rolled
# back), then for real. Prints the seconds, the leads and the peak memory of each.
set -euo pipefail
cd "$(dirname "$0")/.."
data=benches/data
cargo build --release --locked
cargo bench --locked --bench generate
copy=$(mktemp -d)/bulk.db
trap 'rm -rf "$(dirname "$copy")"' EXIT
cp "$data/leads-1m.db" "$copy"
for run in --dry-run ""; do
    /usr/bin/time -f "%e s, %M KB peak" ./target/release/leadgate --db "$copy" --as bench \
        bulk nurture --source Webinar --state active --reason no_reason_now $run
done
