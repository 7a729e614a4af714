#!/usr/bin/env python3
"""Measures the workstation as a user's terminal sees it, through a pseudo-terminal.

Usage: python3 benches/tui_latency.py [--db PATH] [--bin PATH] [--keys N]

- first frame: from starting the process to the last byte of the first complete screen;
- key latency: from writing a key to the last byte of the screen update it causes, for N
  presses of `j` (crossing page loads), then PgDn, G, g and k presses;
- peak memory: the process's peak resident set (VmHWM) at the end.

A screen update is over when the terminal has been quiet for QUIET seconds; the time
recorded is that of the last byte, so the quiet wait itself is not counted.
"""

import argparse
import os
import pty
import select
import signal
import statistics
import struct
import fcntl
import termios
import time

QUIET = 0.03


def read_until_quiet(fd, start, first_timeout=5.0, until=None):
    """Reads until no byte arrives for QUIET seconds (and, with `until`, not before those bytes
    have arrived). Returns (bytes, seconds to last byte)."""
    data = b""
    last = None
    deadline = time.perf_counter() + first_timeout
    while True:
        waiting = last is None or (until is not None and until not in data)
        timeout = max(0.0, deadline - time.perf_counter()) if waiting else QUIET
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
        last = time.perf_counter()
    return data, (None if last is None else last - start)


def percentile(values, p):
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=os.path.join(here, "data", "leads-1m.db"))
    parser.add_argument("--bin", default=os.path.join(root, "target", "release", "leadgate"))
    parser.add_argument("--keys", type=int, default=1000)
    args = parser.parse_args()

    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(args.bin, [args.bin, "--db", args.db, "--as", "bench"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    started = time.perf_counter()
    # The terminal switches to its alternate screen before the first frame is drawn: wait for
    # the frame itself.
    screen, first = read_until_quiet(fd, started, first_timeout=30.0, until=b"FRIN")
    if b"FRIN" not in screen:
        raise SystemExit("no queue on the first screen: %r" % screen[-400:])

    def press(key, label, samples):
        t0 = time.perf_counter()
        os.write(fd, key)
        out, took = read_until_quiet(fd, t0)
        if took is None:
            raise SystemExit("no answer to %s" % label)
        samples.append(took * 1000)

    j = []
    for _ in range(args.keys):
        press(b"j", "j", j)
    other = []
    for key, label in [(b"\x1b[6~", "PgDn")] * 20 + [(b"G", "G"), (b"g", "g")] * 5 + [(b"k", "k")] * 50:
        press(key, label, other)
        time.sleep(0.005)

    with open("/proc/%d/status" % pid) as status:
        hwm = next(line for line in status if line.startswith("VmHWM"))
    peak_kb = int(hwm.split()[1])
    os.write(fd, b"q")
    read_until_quiet(fd, time.perf_counter())
    _, code = os.waitpid(pid, 0)

    everything = j + other
    print("database:          %s (%.0f MB)" % (args.db, os.path.getsize(args.db) / 1e6))
    print("first frame:       %.1f ms" % (first * 1000))
    print("j x %d:           p50 %.2f ms, p99 %.2f ms, max %.2f ms" % (
        len(j), statistics.median(j), percentile(j, 99), max(j)))
    print("all %d keys:      p50 %.2f ms, p99 %.2f ms, max %.2f ms" % (
        len(everything), statistics.median(everything), percentile(everything, 99), max(everything)))
    print("peak memory:       %.1f MB" % (peak_kb / 1024))
    print("exit status:       %d" % os.waitstatus_to_exitcode(code))


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    main()
