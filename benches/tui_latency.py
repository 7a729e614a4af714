#!/usr/bin/env python3
"""Measures the workstation as a user's terminal sees it, through a pseudo-terminal.

Usage: python3 benches/tui_latency.py [--db PATH] [--bin PATH] [--keys N] [--csvlens CSV]
                                      [--label NAME]

With --csvlens, the same walk in csvlens on a CSV file instead, for comparison.

- first frame: from starting the process to the last byte of the first complete screen;
- key latency: from writing a key to the last byte of the screen update it causes, for N
  presses of `j` (crossing page loads), then PgDn, G, g and k presses;
- peak memory: the process's peak resident set (VmHWM) at the end.

A screen update is over when the terminal has been quiet for a moment (see pty_term.py, shared
with the load benchmark); the time recorded is that of the last byte, so the quiet wait itself
is not counted.
"""

import argparse
import os
import signal
import statistics
import time

from pty_term import Workstation, percentile


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=os.path.join(here, "data", "leads-1m.db"))
    parser.add_argument("--bin", default=os.path.join(root, "target", "release", "leadgate"))
    parser.add_argument("--keys", type=int, default=1000)
    parser.add_argument("--csvlens", help="measure csvlens on this CSV file instead")
    parser.add_argument("--label", default=None, help="name of this run in the summary line")
    args = parser.parse_args()

    if args.csvlens:
        ws = Workstation(None, None, argv=["csvlens", args.csvlens])
        # csvlens's status line ("[Row 1/…, Col 1/20]") ends its first frame.
        first = ws.first_frame(until=b"Col 1/")
        measured = args.csvlens
    else:
        ws = Workstation(args.bin, args.db)
        first = ws.first_frame()
        measured = args.db
    firsts = []

    def press(key, label, samples):
        to_first, to_last = ws.press(key, label)
        firsts.append(to_first)
        samples.append(to_last)

    j = []
    for _ in range(args.keys):
        press(b"j", "j", j)
    other = []
    for key, label in [(b"\x1b[6~", "PgDn")] * 20 + [(b"G", "G"), (b"g", "g")] * 5 + [(b"k", "k")] * 50:
        press(key, label, other)
        time.sleep(0.005)

    peak_kb = ws.peak_memory_kb()
    code = ws.quit()

    everything = j + other
    j_first = firsts[:len(j)]
    print("measured:          %s (%.0f MB)" % (measured, os.path.getsize(measured) / 1e6))
    print("first frame:       %.1f ms" % (first * 1000))
    print("j x %d:           p50 %.2f ms, p99 %.2f ms, max %.2f ms" % (
        len(j), statistics.median(j), percentile(j, 99), max(j)))
    print("all %d keys:      p50 %.2f ms, p99 %.2f ms, max %.2f ms" % (
        len(everything), statistics.median(everything), percentile(everything, 99), max(everything)))
    print("j first byte:      p50 %.2f ms, p99 %.2f ms" % (
        statistics.median(j_first), percentile(j_first, 99)))
    print("peak memory:       %.1f MB" % (peak_kb / 1024))
    print("exit status:       %d" % code)
    # One line for benches/tui.sh's table: first frame, j p50 (last byte), j p99 first byte,
    # j p99 last byte (ms), peak memory (MB).
    print("SUMMARY %s %.1f %.2f %.2f %.2f %.1f" % (
        args.label or os.path.basename(measured), first * 1000, statistics.median(j),
        percentile(j_first, 99), percentile(j, 99), peak_kb / 1024))


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    main()
