#!/usr/bin/env python3
"""Drives the interactive `cornerstone` shell through a pseudo-terminal.

Usage: pty_test.py CORNERSTONE_BINARY REPO_ROOT [--update]

Types into the real shell as a user would (standard library only: pty, os,
select) and checks what it prints: a multi-line statement, history recall
(also across sessions) and Ctrl-R search, Tab completion of a label and of
:import (which then loads a CSV file), output modes, a Korean column aligned by display width, :maxrows, cells cut to the
terminal width, BEGIN/ROLLBACK with the transaction prompt, Ctrl-C
cancelling a long statement, and Ctrl-C twice / Ctrl-D leaving.
Screen text (escape sequences removed) is compared with the golden files in
tests/shell/golden/; --update rewrites them. Prints "ok"/"FAIL" per step,
then "N passed, N failed"; exits 1 if any step failed.
"""

import difflib
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import sys
import tempfile
import termios
import time
import unicodedata

PROMPT = "cornerstone> "
CONTINUATION = "...>"
COLUMNS = 72
ROWS = 40
CSI = re.compile(r"\x1b\[([0-9;?]*)([ -/]*)([@-~])")
OTHER_ESCAPE = re.compile(r"\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]|\x1b[^\[]")


class Screen:
    """Just enough of a terminal to read what libedit and the shell draw:
    printable text (wide characters take two cells, combining marks none),
    CR, LF, BS, TAB, auto-wrap at COLUMNS with xterm's pending wrap, and the
    CSI cursor moves and erases libedit uses. Rows never scroll away."""

    def __init__(self):
        self.rows = [[]]
        self.row = self.col = 0
        self.pending_wrap = False

    def _line(self):
        while len(self.rows) <= self.row:
            self.rows.append([])
        line = self.rows[self.row]
        while len(line) < self.col:
            line.append(" ")
        return line

    def _put(self, ch):
        w = 0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if w == 0:
            line = self._line()
            if self.col > 0:
                line[self.col - 1] += ch
            return
        if self.pending_wrap or self.col + w > COLUMNS:
            self.row, self.col, self.pending_wrap = self.row + 1, 0, False
        line = self._line()
        cells = [ch] + [""] * (w - 1)
        line[self.col:self.col + w] = cells
        self.col += w
        if self.col >= COLUMNS:
            self.col, self.pending_wrap = COLUMNS - 1, True

    def _csi(self, params, final):
        nums = [int(p) if p.isdigit() else 0 for p in params.replace("?", "").split(";")]
        n = nums[0] or 1
        self.pending_wrap = False
        if final == "G":
            self.col = n - 1
        elif final == "C":
            self.col = min(COLUMNS - 1, self.col + n)
        elif final == "D":
            self.col = max(0, self.col - n)
        elif final == "A":
            self.row = max(0, self.row - n)
        elif final == "B":
            self.row += n
        elif final == "K":
            del self._line()[self.col:]
        elif final == "J":
            del self._line()[self.col:]
            del self.rows[self.row + 1:]

    def feed(self, text):
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "\x1b":
                m = CSI.match(text, i)
                if m:
                    self._csi(m.group(1), m.group(3))
                    i = m.end()
                    continue
                m = OTHER_ESCAPE.match(text, i)
                i = m.end() if m else i + 1
                continue
            if ch == "\r":
                self.col, self.pending_wrap = 0, False
            elif ch == "\n":
                self.row, self.pending_wrap = self.row + 1, False
            elif ch == "\b":
                if self.pending_wrap:
                    self.pending_wrap = False
                elif self.col > 0:
                    self.col -= 1
            elif ch == "\t":
                self.col = min(COLUMNS - 1, (self.col // 8 + 1) * 8)
            elif ch >= " " and ch != "\x7f":
                self._put(ch)
            i += 1

    def text(self, first_row=0):
        return "\n".join("".join(line).rstrip() for line in self.rows[first_row:])


def clean(raw, start=0):
    """The screen text drawn by raw[start:] (rows from where it began)."""
    screen = Screen()
    screen.feed(raw[:start])
    first = screen.row
    screen.feed(raw[start:])
    return screen.text(first)


def width(text):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Shell:
    """One `cornerstone` process on a pseudo-terminal."""

    def __init__(self, binary, args, home):
        self.raw = ""
        pid, fd = pty.fork()
        if pid == 0:  # the child: become the shell
            os.environ.update(HOME=home, TERM="xterm", LC_ALL="C.UTF-8",
                              COLUMNS=str(COLUMNS), LINES=str(ROWS))
            os.environ.pop("EDITRC", None)
            os.execv(binary, [binary] + args)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.status = None

    def read_until(self, predicate, timeout):
        """Reads until predicate(all output so far) holds; False on timeout."""
        deadline = time.monotonic() + timeout
        while not predicate(self.raw):
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                data = b""
            if not data:
                return predicate(self.raw)
            self.raw += data.decode("utf-8", errors="replace")
        return True

    def mark(self):
        return len(self.raw)

    def since(self, mark):
        return clean(self.raw, mark)

    def wait_prompt(self, mark, timeout=20, prompt=PROMPT):
        """Waits for a fresh main prompt after `mark`, and for libedit to
        take the terminal (echo off), so typed keys are not echoed twice."""
        def new_prompt(raw):
            rows = clean(raw, mark).split("\n")
            return len(rows) > 1 and rows[-1] == prompt.rstrip()
        if not self.read_until(new_prompt, timeout):
            return False
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            try:
                if not termios.tcgetattr(self.fd)[3] & termios.ECHO:
                    break
            except termios.error:
                break
            self.read_until(lambda raw: False, 0.01)
        return True

    def send(self, text):
        os.write(self.fd, text.encode("utf-8"))

    def type_line(self, line, timeout=20, prompt=PROMPT):
        """Types `line` and Enter; returns the screen text it produced."""
        mark = self.mark()
        self.send(line + "\r")
        self.wait_prompt(mark, timeout, prompt)
        return self.since(mark)

    def wait_exit(self, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read_until(lambda raw: False, 0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.status = status
                return True
        return False

    def kill(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        try:
            os.close(self.fd)
        except OSError:
            pass


def output_of(screen, typed_last_line):
    """What a statement printed: the lines after its echo, before the prompt."""
    lines = screen.split("\n")
    start = 0
    tail = typed_last_line.rstrip()[-20:]  # a long echo wraps over rows
    for i, line in enumerate(lines):
        if line.rstrip().endswith(tail):
            start = i + 1
    body = lines[start:]
    while body and (body[-1].strip() == "" or body[-1].startswith(PROMPT.rstrip())):
        body.pop()
    return "\n".join(body) + "\n"


class Checker:
    def __init__(self, golden_dir, update):
        self.golden_dir, self.update = golden_dir, update
        self.passed = self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}")
            if detail:
                print("  " + detail.replace("\n", "\n  "))

    def golden(self, name, actual):
        path = os.path.join(self.golden_dir, name + ".txt")
        if self.update:
            with open(path, "w", encoding="utf-8") as f:
                f.write(actual)
        try:
            with open(path, encoding="utf-8") as f:
                expected = f.read()
        except FileNotFoundError:
            expected = ""
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            "golden/" + name + ".txt", "screen"))
        self.check(f"screen matches golden/{name}.txt", actual == expected, diff)


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: pty_test.py CORNERSTONE_BINARY REPO_ROOT [--update]")
    binary, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    update = "--update" in sys.argv[3:]
    graph = os.path.join(root, "graphs", "softbank.cypher")
    c = Checker(os.path.join(root, "tests", "shell", "golden"), update)
    home = tempfile.mkdtemp(prefix="cornerstone-pty-")
    try:
        first_session(c, binary, graph, home)
        cancel_session(c, binary, root, home)
        exit_sessions(c, binary, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"{c.passed} passed, {c.failed} failed")
    sys.exit(1 if c.failed else 0)


def first_session(c, binary, graph, home):
    sh = Shell(binary, [graph], home)
    try:
        started = sh.wait_prompt(0, 30)
        c.check("banner and prompt", started and "Cornerstone" in sh.since(0),
                repr(sh.since(0)[-300:]))
        if not started:
            return

        # A statement over two lines: the continuation prompt, then rows.
        mark = sh.mark()
        sh.send("UNWIND ['손정의', 'Masayoshi Son', 'OpenAI'] AS name\r")
        c.check("continuation prompt",
                sh.read_until(lambda raw: CONTINUATION in clean(raw, mark), 10),
                repr(sh.since(mark)))
        last = "RETURN name, size(name) AS len ORDER BY len;"
        screen = sh.type_line(last)
        c.golden("multiline_korean", output_of(screen, last))
        boxes = [l for l in output_of(screen, last).split("\n") if l and l[0] in "┌│├└"]
        c.check("korean column aligned (every box line equally wide)",
                len(boxes) == 7 and len({width(l) for l in boxes}) == 1,
                "\n".join(f"{width(l):3} {l}" for l in boxes))

        # History: Up recalls the whole two-line statement as one entry.
        table = output_of(screen, last)
        screen = sh.type_line("\x1b[A")
        c.check("Up arrow recalls the multi-line statement as one line",
                "'OpenAI'] AS name RETURN name, size(name)" in screen.replace("\n", "") and
                output_of(screen, "ORDER BY len;") == table, repr(screen))

        # Ctrl-R searches the history backwards.
        mark = sh.mark()
        sh.send("\x12size(na")
        sh.read_until(lambda raw: "size(na" in clean(raw, mark), 5)
        sh.send("\r")
        sh.wait_prompt(mark)
        screen = sh.since(mark)
        c.check("Ctrl-R finds an earlier statement", output_of(screen, "ORDER BY len;") == table,
                screen)

        # Tab completes a label from the open graph.
        mark = sh.mark()
        sh.send("MATCH (c:Compa\t")
        sh.read_until(lambda raw: "Company" in clean(raw, mark), 5)
        last = " {name: 'OpenAI'}) RETURN c.name AS name;"
        sh.type_line(last)
        screen = sh.since(mark)
        c.check("Tab completes :Compa to :Company",
                "MATCH (c:Company {name: 'OpenAI'}) RETURN c.name AS name;" in screen,
                repr(screen))
        c.golden("tab_completion", output_of(screen, last))

        # Output modes.
        screens = []
        for mode in ["csv", "json", "line", "markdown", "table"]:
            sh.type_line(f":mode {mode}")
            last = "RETURN 1 AS one, 'two' AS two, null AS three;"
            screens.append(f"-- {mode}\n" + output_of(sh.type_line(last), last))
        c.golden("modes", "".join(screens))

        # :maxrows, then a table cut to the terminal width.
        sh.type_line(":maxrows 2")
        last = "UNWIND range(1, 5) AS x RETURN x;"
        maxrows = output_of(sh.type_line(last), last)
        sh.type_line(":maxrows 0")
        last = ("RETURN 'Masayoshi Son said SoftBank would go all in on artificial "
                "superintelligence' AS quote, 42 AS n;")
        cut = output_of(sh.type_line(last), last)
        c.golden("maxrows_and_width", maxrows + cut)
        c.check(f"table fits in {COLUMNS} columns",
                all(width(l) <= COLUMNS for l in cut.split("\n")) and "…" in cut, cut)

        # BEGIN ... ROLLBACK typed as statements; the prompt shows the
        # open transaction.
        screen = sh.type_line("BEGIN;", prompt="cornerstone*> ")
        screen += sh.type_line("CREATE (:Scratch);", prompt="cornerstone*> ")
        screen += sh.type_line("ROLLBACK;")
        last = "MATCH (s:Scratch) RETURN count(s) AS scratch;"
        screen += sh.type_line(last)
        c.check("BEGIN/ROLLBACK as statements, transaction prompt",
                "Transaction started\ncornerstone*>" in screen and "Rolled back" in screen and
                "│       0 │" in screen, screen)

        # An error does not leave the shell.
        screen = sh.type_line("RETURN (;")
        c.check("error printed, shell goes on", "SyntaxError" in screen and
                screen.rstrip().endswith(PROMPT.rstrip()), repr(screen))

        sh.send("\x04")  # Ctrl-D at an empty prompt
        c.check("Ctrl-D exits with status 0", sh.wait_exit() and
                os.WIFEXITED(sh.status) and os.WEXITSTATUS(sh.status) == 0)
    finally:
        sh.kill()


def cancel_session(c, binary, root, home):
    sh = Shell(binary, [], home)
    try:
        if not sh.wait_prompt(0, 30):
            c.check("prompt for the cancel test", False, repr(sh.since(0)))
            return
        # History persisted across sessions: Up recalls the last statement.
        screen = sh.type_line("\x1b[A")
        c.check("history persists across sessions", "RETURN (;" in screen, repr(screen))
        # 10^10 rows: minutes of work, checked for cancellation row by row.
        # (range(1, 100000000) in one UNWIND also works, but the engine
        # builds that list before it looks at the interrupt flag.)
        mark = sh.mark()
        sh.send("UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y "
                "RETURN count(*) AS n;\r")
        time.sleep(1.0)
        sh.send("\x03")  # Ctrl-C while the statement runs
        start = time.monotonic()
        back = sh.wait_prompt(mark, 5)
        screen = sh.since(mark)
        c.check("Ctrl-C cancels a running statement and the prompt returns within 5 s "
                "(Connection::Interrupt)", back and "10000000000" not in screen,
                f"after {time.monotonic() - start:.1f} s: {screen[-400:]!r}")
        if back:
            c.check("cancelled statement reports Cancelled", "ancel" in screen, repr(screen))
            screen = sh.type_line("RETURN 'still here' AS s;")
            c.check("the shell works after a cancel", "still here" in screen, repr(screen))
            # Tab completes a colon-command from the command table, and
            # :import loads into the open (here empty, in-memory) graph.
            mark = sh.mark()
            sh.send(":imp\t")
            sh.read_until(lambda raw: ":import " in clean(raw, mark), 5)
            entities = os.path.join(root, "tests", "shell", "import", "entities.csv")
            screen = sh.type_line(f"--nodes '{entities}'")
            c.check("Tab completes :imp to :import, which loads a CSV file",
                    f":import --nodes '{entities}'" in screen.replace("\n", "") and
                    "Imported 4 nodes, 0 relationships in " in screen, repr(screen))
            # Ctrl-C during a long :import stops it and takes it all back.
            big = os.path.join(home, "big.csv")
            with open(big, "w") as f:
                f.write("id:ID,name\n")
                f.write("".join(f"b{i},n{i}\n" for i in range(6000000)))
            mark = sh.mark()
            sh.send(f":import --nodes '{big}'\r")
            time.sleep(0.5)
            sh.send("\x03")
            back = sh.wait_prompt(mark, 10)
            screen = sh.since(mark)
            c.check("Ctrl-C cancels a running :import, which keeps nothing",
                    back and "import cancelled: nothing of it was kept" in screen and
                    "Imported" not in screen, repr(screen[-400:]))
            screen = sh.type_line("MATCH (n) RETURN count(n) AS n;")
            c.check("the graph after a cancelled :import is as before", "│ 4 │" in screen,
                    repr(screen))
    finally:
        sh.kill()


def exit_sessions(c, binary, home):
    history = os.path.join(home, ".cornerstone_history")
    with open(history, "rb") as f:
        before = f.read()
    sh = Shell(binary, ["--no-history"], home)
    try:
        if not sh.wait_prompt(0, 30):
            c.check("prompt for the exit test", False, repr(sh.since(0)))
            return
        mark = sh.mark()
        sh.type_line("RETURN 'not kept' AS k;")
        mark = sh.mark()
        sh.send("RETURN 1")
        sh.read_until(lambda raw: "RETURN 1" in clean(raw, mark), 5)
        sh.send("\x03")  # drops the typed text, stays
        sh.wait_prompt(mark, 5)
        screen = sh.since(mark)
        c.check("Ctrl-C drops a typed line and says how to exit",
                "^C" in screen and "again" in screen and sh.status is None, repr(screen))
        screen = sh.type_line("RETURN 2 AS two;")
        c.check("a statement after Ctrl-C runs", "1 row" in screen, repr(screen))
        mark = sh.mark()
        sh.send("\x03")  # at an empty prompt
        sh.wait_prompt(mark, 5)
        c.check("Ctrl-C at an empty prompt says how to exit",
                "again" in sh.since(mark) and sh.status is None, repr(sh.since(mark)))
        sh.send("\x03")
        c.check("second Ctrl-C at an empty prompt exits with status 0",
                sh.wait_exit() and os.WIFEXITED(sh.status) and os.WEXITSTATUS(sh.status) == 0,
                repr(sh.since(mark)))
    finally:
        sh.kill()
    with open(history, "rb") as f:
        after = f.read()
    c.check("--no-history leaves the history file alone", before == after, repr(after[-200:]))


if __name__ == "__main__":
    main()
