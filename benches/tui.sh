#!/usr/bin/env bash
# The workstation benchmark on 1,000,000 leads: builds leadgate, generates the database on
# first use (a few minutes; kept in benches/data/), then measures first frame, key latency and
# peak memory through a pseudo-terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
cargo bench --locked --bench generate
python3 benches/tui_latency.py "$@"
