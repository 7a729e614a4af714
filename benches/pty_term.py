"""The workstation in a pseudo-terminal, as a user's terminal sees it: shared by the
benchmarks that measure it (tui_latency.py alone, load.py under load).

- `Workstation` starts leadgate in a pty, waits for its first complete screen, presses keys
  and times each screen update: from writing the key to the first byte of the update and to
  its last byte. An update is over when the terminal has been quiet for QUIET seconds; the
  time recorded is that of the last byte, so the quiet wait itself is not counted.
- `Screen` is a small terminal emulator (cursor moves, erases, text, bold and red), fed every
  byte the workstation writes, so a benchmark can read what is on screen: in particular any
  text drawn in the workstation's error style (bold red, as its status line shows a failed
  write).
"""

import codecs
import fcntl
import os
import pty
import re
import select
import struct
import termios
import time
import unicodedata

QUIET = 0.03


def read_until_quiet(fd, start, first_timeout=5.0, until=None):
    """Reads until no byte arrives for QUIET seconds (and, with `until`, not before those bytes
    have arrived). Returns (bytes, seconds to first byte, seconds to last byte), the times from
    `start`, None when nothing came."""
    data = b""
    first = last = None
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
        if first is None:
            first = last
    return (data,
            None if first is None else first - start,
            None if last is None else last - start)


def percentile(values, p):
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def char_width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


CSI = re.compile(rb"\x1b\[([0-?]*)([ -/]*)([@-~])")
OSC = re.compile(rb"\x1b\][^\x07\x1b]*(\x07|\x1b\\)")


class Screen:
    """Just enough of a terminal for what ratatui over crossterm writes."""

    def __init__(self, rows, cols):
        self.rows, self.cols = rows, cols
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.pending = b""
        self.clear()
        self.row = self.col = 0
        self.bold = False
        self.fg = None

    def clear(self):
        self.text = [[" "] * self.cols for _ in range(self.rows)]
        self.error = [[False] * self.cols for _ in range(self.rows)]

    def feed(self, data):
        data = self.pending + data
        self.pending = b""
        i = 0
        while i < len(data):
            if data[i] == 0x1B:
                m = CSI.match(data, i)
                if m:
                    self.csi(m.group(1).decode(), m.group(3).decode())
                    i = m.end()
                    continue
                m = OSC.match(data, i)
                if m:
                    i = m.end()
                    continue
                if len(data) - i < 64 and (i + 1 == len(data) or data[i + 1] in b"[]"):
                    self.pending = data[i:]  # a sequence cut by the read: wait for the rest
                    return
                i += 2  # ESC and one byte (charset choice, keypad mode, ...)
                continue
            j = i
            while j < len(data) and data[j] != 0x1B:
                j += 1
            self.put(self.decoder.decode(data[i:j]))
            i = j

    def put(self, text):
        for ch in text:
            if ch == "\r":
                self.col = 0
            elif ch == "\n":
                self.row = min(self.rows - 1, self.row + 1)
            elif ch == "\b":
                self.col = max(0, self.col - 1)
            elif ch < " ":
                continue
            else:
                w = char_width(ch)
                if w == 0 or not (0 <= self.row < self.rows):
                    continue
                if self.col + w > self.cols:
                    continue
                self.text[self.row][self.col] = ch
                self.error[self.row][self.col] = self.bold and self.fg == "red"
                if w == 2 and self.col + 1 < self.cols:
                    self.text[self.row][self.col + 1] = ""
                self.col += w

    def csi(self, params, final):
        private = params.startswith("?")
        nums = [int(p) if p.isdigit() else 0 for p in params.lstrip("?").split(";")] if params else []
        arg = lambda k, default: nums[k] if len(nums) > k and nums[k] else default
        if private:
            return
        if final in "Hf":
            self.row = min(self.rows - 1, arg(0, 1) - 1)
            self.col = min(self.cols - 1, arg(1, 1) - 1)
        elif final == "A":
            self.row = max(0, self.row - arg(0, 1))
        elif final == "B":
            self.row = min(self.rows - 1, self.row + arg(0, 1))
        elif final == "C":
            self.col = min(self.cols - 1, self.col + arg(0, 1))
        elif final == "D":
            self.col = max(0, self.col - arg(0, 1))
        elif final == "G":
            self.col = min(self.cols - 1, arg(0, 1) - 1)
        elif final == "d":
            self.row = min(self.rows - 1, arg(0, 1) - 1)
        elif final == "J":
            mode = arg(0, 0)
            if mode in (2, 3):
                self.clear()
            elif mode == 0:
                self.erase(self.row, self.col, self.cols)
                for r in range(self.row + 1, self.rows):
                    self.erase(r, 0, self.cols)
        elif final == "K":
            mode = arg(0, 0)
            start, end = {0: (self.col, self.cols), 1: (0, self.col + 1), 2: (0, self.cols)}[min(mode, 2)]
            self.erase(self.row, start, end)
        elif final == "X":
            self.erase(self.row, self.col, min(self.cols, self.col + arg(0, 1)))
        elif final == "m":
            self.sgr(nums or [0])

    def erase(self, row, start, end):
        for c in range(start, end):
            self.text[row][c] = " "
            self.error[row][c] = False

    def sgr(self, nums):
        k = 0
        while k < len(nums):
            n = nums[k]
            if n == 0:
                self.bold, self.fg = False, None
            elif n == 1:
                self.bold = True
            elif n == 22:
                self.bold = False
            elif n in (31, 91):
                self.fg = "red"
            elif 30 <= n <= 37 or 90 <= n <= 97:
                self.fg = "other"
            elif n == 39:
                self.fg = None
            elif n in (38, 48):
                # 38;5;N or 38;2;R;G;B (48: background, skipped alike)
                if k + 1 < len(nums) and nums[k + 1] == 5 and k + 2 < len(nums):
                    if n == 38:
                        self.fg = "red" if nums[k + 2] in (1, 9) else "other"
                    k += 2
                elif k + 1 < len(nums) and nums[k + 1] == 2:
                    if n == 38:
                        self.fg = "other"
                    k += 4
            k += 1

    def lines(self):
        return ["".join(row).rstrip() for row in self.text]

    def error_text(self):
        """Every run of text drawn in the error style, one string a row."""
        found = []
        for row, marks in zip(self.text, self.error):
            run = "".join(ch for ch, e in zip(row, marks) if e).strip()
            if run:
                found.append(run)
        return found


class Workstation:
    """leadgate's workstation in a pseudo-terminal of `rows` x `cols`; or, with `argv`, any
    other terminal program (csvlens, for comparison)."""

    def __init__(self, binary, db, actor="bench", rows=40, cols=140, env=None, argv=None):
        self.screen = Screen(rows, cols)
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            os.environ["TERM"] = "xterm-256color"
            for k, v in (env or {}).items():
                os.environ[k] = v
            if argv:
                os.execvp(argv[0], argv)
            os.execv(binary, [binary, "--db", db, "--as", actor])
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.pid, self.fd = pid, fd

    def first_frame(self, until=b"FRIN", timeout=30.0):
        """Seconds from starting the process to the last byte of the first complete screen.
        The terminal switches to its alternate screen before the first frame is drawn: wait
        for the frame itself."""
        data, _, last = read_until_quiet(self.fd, self.started, first_timeout=timeout, until=until)
        self.screen.feed(data)
        if until not in data:
            raise SystemExit("no queue on the first screen: %r" % data[-400:])
        return last

    def drain(self):
        """Takes whatever the workstation drew by itself since the last key (it reads the
        screen again when another program commits), so that it is not counted as the answer to
        the next key. Returns how many bytes that was."""
        taken = 0
        while select.select([self.fd], [], [], 0)[0]:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.screen.feed(chunk)
            taken += len(chunk)
        return taken

    def press(self, key, label=None):
        """Writes one key; returns (ms to the first byte of the update, ms to its last)."""
        self.drain()
        t0 = time.perf_counter()
        os.write(self.fd, key)
        out, first, last = read_until_quiet(self.fd, t0)
        if last is None:
            raise SystemExit("no answer to %s" % (label or key))
        self.screen.feed(out)
        return first * 1000, last * 1000

    def peak_memory_kb(self):
        with open("/proc/%d/status" % self.pid) as status:
            hwm = next(line for line in status if line.startswith("VmHWM"))
        return int(hwm.split()[1])

    def quit(self):
        """Presses q; returns the exit status."""
        os.write(self.fd, b"q")
        out, _, _ = read_until_quiet(self.fd, time.perf_counter())
        self.screen.feed(out)
        _, code = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(code)
