#!/usr/bin/env bash
# The load benchmark: eight programs at once on one database (six command-line workers of
# edits and decisions, an import of 50,000 rows, the workstation paging in a pseudo-terminal).
# Builds leadgate, generates the 10,000-lead database and the import file on first use (kept in
# benches/data/), then runs benches/load.py; arguments go to it (--help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
mkdir -p benches/data
if [ ! -f benches/data/leads-10k.db ]; then
    cargo bench --locked --bench generate -- --leads 10000 --db benches/data/leads-10k.db
fi
if [ ! -f benches/data/export-50000.csv ]; then
    python3 benches/gen_export.py 50000 benches/data/export-50000.csv
fi
python3 benches/load.py "$@"
