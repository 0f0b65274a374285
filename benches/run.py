#!/usr/bin/env python3
"""alto's end-to-end benchmark: the release binary in a pseudo-terminal
against the sandbox on loopback, next to a floor measured in the same run.

    python3 benches/run.py            # builds, runs, prints a table

Figures (medians of repeated runs; ratios against the floor where there is
one): start to first useful frame vs a minimal ratatui "hello"; keystroke to
frame; submit round trip vs curl making the same POST; idle CPU and
wake-ups; peak RSS; the 100k-workspace list; release binary size.
The budget section (issue 23) measures the shared request budget: the
first `alto find` against the sandbox's limiter, a 1,000-workspace fill
(at `ALTO_BENCH_BUDGET` a minute, 600 unless set: 60 takes 20 minutes;
time scales as 1/budget), three processes on one token, and an
interactive request's wait while a fill and an import run.
Nothing here asserts: it prints what it measured next to each target.
"""

import fcntl
import json
import os
import re
import select
import socket
import ssl
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALTO = os.path.join(ROOT, "target", "release", "alto")
HELLO = os.path.join(ROOT, "target", "release", "examples", "hello")
TOKEN = "bench-token"
RUNS = int(os.environ.get("ALTO_BENCH_RUNS", "15"))
COLS, ROWS = 120, 40


def build():
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "alto", "--example", "hello"],
        cwd=ROOT,
        check=True,
    )


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sandbox:
    """`alto sandbox` on a free loopback port; with `ca_file`, HTTPS
    (`--tls`) with its throwaway CA written there."""

    def __init__(self, *args, ca_file=None):
        self.port = free_port()
        self.ca_file = ca_file
        scheme = "https" if ca_file else "http"
        self.url = f"{scheme}://127.0.0.1:{self.port}"
        tls = ["--tls", "--ca-file", ca_file] if ca_file else []
        self.proc = subprocess.Popen(
            [ALTO, "sandbox", "--addr", f"127.0.0.1:{self.port}", "--token", TOKEN, *tls, *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                if not ca_file or os.path.exists(ca_file):
                    return
            except OSError:
                pass
            time.sleep(0.02)
        raise RuntimeError("the sandbox did not start")

    def get(self, path):
        req = urllib.request.Request(self.url + path, headers={"Authorization": f"Bearer {TOKEN}"})
        ctx = ssl.create_default_context(cafile=self.ca_file) if self.ca_file else None
        with urllib.request.urlopen(req, context=ctx) as r:
            return json.load(r)

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


class Pty:
    """A program on the slave side of a pseudo-terminal of COLS x ROWS."""

    def __init__(self, argv, env):
        self.master, slave = os.openpty()
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))

        def controlling_tty():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        full_env = dict(os.environ, TERM="xterm-256color", **env)
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=full_env,
            preexec_fn=controlling_tty, close_fds=True,
        )
        os.close(slave)
        self.buf = b""

    def read_until(self, needle, timeout=30.0):
        """Time (perf_counter) at which `needle` first appeared. ratatui
        skips unchanged blank cells with cursor moves, so a space in the
        needle also matches escape sequences."""
        words = [re.escape(w.encode()) for w in needle.split(" ")]
        pattern = re.compile(rb"(?:[ ]|\x1b\[[0-9;?]*[A-Za-z])+".join(words))
        deadline = time.perf_counter() + timeout
        start = len(self.buf)
        while not pattern.search(self.buf, max(0, start - 64)):
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"never saw {needle!r}; last output: {self.buf[-400:]!r}")
            r, _, _ = select.select([self.master], [], [], left)
            if r:
                try:
                    self.buf += os.read(self.master, 65536)
                except OSError:
                    raise TimeoutError(f"the program ended before {needle!r}")
        return time.perf_counter()

    def drain(self, for_seconds):
        """Reads until nothing arrives for `for_seconds`; returns the bytes
        read and when the last of them came (perf_counter)."""
        n, last = 0, time.perf_counter()
        while True:
            r, _, _ = select.select([self.master], [], [], for_seconds)
            if not r:
                return n, last
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return n, last
            n, last = n + len(chunk), time.perf_counter()
            self.buf += chunk

    def quiet(self, for_seconds):
        """Reads until nothing arrives for `for_seconds`; returns bytes read."""
        return self.drain(for_seconds)[0]

    def settle(self, for_seconds):
        """Reads until nothing arrives for `for_seconds`; returns when the
        last byte came (perf_counter)."""
        return self.drain(for_seconds)[1]

    def write(self, data):
        os.write(self.master, data.encode() if isinstance(data, str) else data)

    def close(self):
        try:
            self.write("\x03")  # Ctrl+C
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


def proc_status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def wakeups(pid):
    """Context switches by thread id (threads come and go)."""
    counts = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                counts[tid] = sum(
                    int(line.split()[1]) for line in f
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches"))
                )
        except FileNotFoundError:
            pass
    return counts


def alto_env(sandbox, config_dir):
    return {
        "ALTOSTRAT_API_URL": sandbox.url,
        "ALTOSTRAT_TOKEN": TOKEN,
        "ALTO_CONFIG_DIR": config_dir,
        "TZ": "UTC",
    }


def starts(env, rss):
    """Start to the first useful frame (the first of 50 generated
    workspaces) against the hello floor's first frame, one of each in
    turn, RUNS times; alto's peak RSS there is added to `rss`."""
    alto_times, hello_times = [], []
    for _ in range(RUNS):
        p = Pty([HELLO], {})
        hello_times.append(p.read_until("hello") - p.t0)
        p.write("q")
        p.proc.wait()
        os.close(p.master)
        p = Pty([ALTO], env)
        alto_times.append(p.read_until("Workspace 000000") - p.t0)
        p.quiet(0.05)
        rss.append(proc_status(p.proc.pid, "VmHWM"))
        p.close()
    return alto_times, hello_times


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def ms(x):
    return f"{x * 1000:.1f} ms"


def main():
    # `python3 benches/run.py start rss` runs only those sections.
    only = set(sys.argv[1:])
    want = lambda name: not only or name in only
    print("building release binaries…", file=sys.stderr)
    build()
    rows = []
    config = tempfile.mkdtemp(prefix="alto-bench-")
    # The sections below measure the console without its index filling
    # in the background; the find section measures it with the index on.
    with open(os.path.join(config, "config.toml"), "w") as f:
        f.write("[cache]\nenabled = false\n")

    sb = Sandbox("--workspaces", "50")
    alto_rss = []
    if want("start"):
        # 1. Start to first useful frame (50 workspaces) vs the hello floor.
        alto_times, hello_times = starts(alto_env(sb, config), alto_rss)
        a, h = statistics.median(alto_times), statistics.median(hello_times)
        rows.append(("start to first useful frame (50 ws)", ms(a), f"hello floor {ms(h)}; ratio {a / h:.2f}x", "≤ 1.25x floor"))

    if want("keys"):
        # 2. Keystroke to frame, typing in a form field and moving in a list.
        p = Pty([ALTO], alto_env(sb, config))
        p.read_until("Workspace 000000")
        p.quiet(0.1)
        moves = []
        for i in range(100):
            t = time.perf_counter()
            p.write("j" if i % 2 == 0 else "k")
            r, _, _ = select.select([p.master], [], [], 5)
            moves.append(time.perf_counter() - t)
            p.quiet(0.01)
        p.write("n")
        p.read_until("New billing account")
        p.quiet(0.1)
        keys = []
        for i in range(200):
            t = time.perf_counter()
            p.write("x" if i % 2 == 0 else "\x7f")  # type, then backspace
            select.select([p.master], [], [], 5)
            keys.append(time.perf_counter() - t)
            p.quiet(0.01)
        rows.append(("keystroke to frame, form field", ms(statistics.median(keys)), f"p99 {ms(pct(keys, 99))}", "< 2 ms processing, p99 < 8 ms"))
        rows.append(("keystroke to frame, list move", ms(statistics.median(moves)), f"p99 {ms(pct(moves, 99))}", "< 2 ms processing, p99 < 8 ms"))

        # 3. Idle: no redraws, no wake-ups, no CPU.
        p.write("\x1b")  # leave the form: the list screen, nothing loading
        p.quiet(0.3)
        pid = p.proc.pid
        ticks0, wake0, bytes_idle = cpu_ticks(pid), wakeups(pid), 0
        t0 = time.perf_counter()
        bytes_idle = p.quiet(10.0)
        idle_s = time.perf_counter() - t0
        hz = os.sysconf("SC_CLK_TCK")
        cpu = (cpu_ticks(pid) - ticks0) / hz / idle_s * 100
        after = wakeups(pid)
        wake = sum(after[t] - wake0.get(t, 0) for t in after)
        rows.append(("idle 10 s: CPU", f"{cpu:.2f} %", f"{bytes_idle} bytes drawn, {wake} context switches", "< 0.1 %, zero redraws"))
        p.close()

    if want("submit"):
        # 4. Submit round trip (Ctrl+S to detail pane) vs curl's same POST.
        workspaces = sb.get("/workspaces")["data"]
        pooled = [w["id"] for w in workspaces if w.get("billing_mode") == "pooled"]
        p = Pty([ALTO], alto_env(sb, config))
        p.read_until("Workspace 000000")
        p.write("g")
        p.write(pooled[0] + "\r")
        p.read_until("Billing accounts")
        p.quiet(0.2)
        submits = []
        for i in range(min(RUNS, 10)):
            p.write("n")
            p.read_until("New billing account")
            p.write(f"Bench {i}\t" + f"bench{i}@example.com")
            p.quiet(0.1)
            t = time.perf_counter()
            p.write("\x13")  # Ctrl+S
            submits.append(p.read_until("Billing account created") - t)
            p.quiet(0.05)
            p.write("\x1b")
            p.read_until("Billing accounts")
            p.quiet(0.05)
        p.close()
        curls = []
        for i in range(len(submits)):
            body = json.dumps({"name": f"Curl {i}", "email": f"curl{i}@example.com"})
            t = time.perf_counter()
            subprocess.run(
                ["curl", "-s", "-o", "/dev/null", "-X", "POST",
                 f"{sb.url}/workspaces/{pooled[1]}/billing-accounts",
                 "-H", f"Authorization: Bearer {TOKEN}", "-H", "Content-Type: application/json",
                 "--data", body],
                check=True,
            )
            curls.append(time.perf_counter() - t)
        s, c = statistics.median(submits), statistics.median(curls)
        rows.append(("submit round trip (Ctrl+S to detail)", ms(s), f"curl {ms(c)}; ratio {s / c:.2f}x", "≤ 1.5x curl"))

    if want("rss"):
        # 5. Peak RSS browsing the demo data set (client only; sandbox apart).
        demo = Sandbox()
        p = Pty([ALTO], alto_env(demo, config))
        p.read_until("ACME Corporation")
        p.write("/initech\r\r")
        p.read_until("billing+1@initechlegacy.example")
        p.write("\r")
        p.read_until("Updated")
        p.quiet(0.2)
        rss_demo = proc_status(p.proc.pid, "VmHWM")
        p.close()
        demo.stop()
        rows.append(("peak RSS, demo data (list, 500 accounts, detail)", f"{rss_demo / 1024:.1f} MiB", f"first frame (50 ws): {statistics.median(alto_rss) / 1024:.1f} MiB" if alto_rss else "", "< 12 MiB"))

    if want("big"):
        # 6. 100,000 workspaces: first frame, filter keystroke, memory.
        big = Sandbox("--workspaces", "100000", "--list-limit", "100000")
        firsts, filters = [], []
        rss_big = 0
        for _ in range(5):
            p = Pty([ALTO], alto_env(big, config))
            firsts.append(p.read_until("Workspace 000000") - p.t0)
            p.quiet(0.2)
            p.write("/")
            p.quiet(0.1)
            for ch in "99999":
                t = time.perf_counter()
                p.write(ch)
                select.select([p.master], [], [], 5)
                filters.append(time.perf_counter() - t)
                p.quiet(0.05)
            rss_big = max(rss_big, proc_status(p.proc.pid, "VmHWM"))
            p.close()
        big.stop()
        rows.append(("100k workspaces: start to first frame", ms(statistics.median(firsts)), "(includes the 100k list's transfer and decode)", "open < 150 ms after data"))
        rows.append(("100k workspaces: filter keystroke to frame", ms(statistics.median(filters)), f"p99 {ms(pct(filters, 99))}", "< 16 ms"))
        rows.append(("100k workspaces: peak RSS", f"{rss_big / 1024:.1f} MiB", "", "< 100 MiB"))

    if want("hostile"):
        # 7. A 50 MiB error message: keys before and after it arrives, and
        #    peak memory against the body's size.
        mib = 50
        bad = Sandbox("--faults", f"create-huge-422={mib}")
        p = Pty([ALTO], alto_env(bad, config))
        p.read_until("ACME Corporation")
        p.write("n")
        p.read_until("New billing account")
        p.quiet(0.2)

        def type_keys(n):
            out = []
            for i in range(n):
                t = time.perf_counter()
                p.write("x" if i % 2 == 0 else "\x7f")
                select.select([p.master], [], [], 5)
                out.append(time.perf_counter() - t)
                p.quiet(0.01)
            return out

        before = type_keys(100)
        rss_before = proc_status(p.proc.pid, "VmHWM")
        p.write("Huge\tbig@example.com\x13")  # name, email, Ctrl+S
        p.read_until("Refused (422)", timeout=120)
        p.quiet(0.3)
        scrolls = []
        for i in range(50):
            t = time.perf_counter()
            p.write("j" if i % 2 == 0 else "k")
            select.select([p.master], [], [], 5)
            scrolls.append(time.perf_counter() - t)
            p.quiet(0.01)
        p.write("\x1b")
        p.quiet(0.2)
        after = type_keys(100)
        rss_after = proc_status(p.proc.pid, "VmHWM")
        p.close()
        bad.stop()
        b, a = statistics.median(before), statistics.median(after)
        rows.append((f"keystroke with a {mib} MiB error answered", ms(a), f"before it: {ms(b)}; ratio {a / b:.2f}x; p99 {ms(pct(after, 99))}", "< 50 ms"))
        rows.append((f"scroll in the {mib} MiB error box", ms(statistics.median(scrolls)), f"p99 {ms(pct(scrolls, 99))}", "< 50 ms"))
        rows.append((f"peak RSS, {mib} MiB error body", f"{rss_after / 1024:.1f} MiB", f"before it {rss_before / 1024:.1f} MiB; {(rss_after - rss_before) / 1024 / mib:.2f}x the body", "near the body's size"))

    if want("invoices"):
        # 8. The 5,000-invoice account (ACME's third): the first page on
        #    screen after the answer, paging to the end on demand with
        #    PgDn, key to frame on the way, and memory at the end.
        demo = Sandbox()
        ws = next(w["id"] for w in demo.get("/workspaces")["data"] if w["name"] == "ACME Corporation")
        acc = demo.get(f"/workspaces/{ws}/billing-accounts")["data"][2]["id"]
        page_path = f"{demo.url}/workspaces/{ws}/billing-accounts/{acc}/invoices?limit=100"
        firsts, curls, pgdn, rss_inv, pages = [], [], [], 0, 0
        for run in range(min(RUNS, 5)):
            p = Pty([ALTO], alto_env(demo, config))
            p.read_until("ACME Corporation")
            p.write("/acme corp\r\r")
            p.read_until("Billing 003")
            p.write("jj")
            p.quiet(0.2)
            t = time.perf_counter()
            p.write("I")
            firsts.append(p.read_until("-4999") - t)
            t = time.perf_counter()
            subprocess.run(["curl", "-s", "-o", "/dev/null", page_path, "-H", f"Authorization: Bearer {TOKEN}"], check=True)
            curls.append(time.perf_counter() - t)
            p.quiet(0.2)
            if run == 0:
                # To the end: 250 PgDn of 20 rows, pages asked for on the way.
                # 5,000 rows at a page of about 26 rows: some 200 PgDn.
                for _ in range(220):
                    t = time.perf_counter()
                    p.write("\x1b[6~")
                    select.select([p.master], [], [], 5)
                    pgdn.append(time.perf_counter() - t)
                    p.quiet(0.03)
                # The row it stopped on is the oldest invoice, number 1.
                p.write("\r")
                p.read_until("-0001 $")
                rss_inv = proc_status(p.proc.pid, "VmHWM")
            p.close()
        demo.stop()
        f, c = statistics.median(firsts), statistics.median(curls)
        rows.append(("5,000 invoices: I to first page on screen", ms(f), f"request included; curl's same GET {ms(c)}", "< 150 ms after the answer"))
        rows.append(("5,000 invoices: PgDn to frame, to the end", ms(statistics.median(pgdn)), f"p99 {ms(pct(pgdn, 99))}; {len(pgdn)} keys, pages loaded on the way", "< 2 ms processing"))
        rows.append(("5,000 invoices: peak RSS at the end", f"{rss_inv / 1024:.1f} MiB", "all 5,000 loaded, 50 pages", "< 30 MiB"))

    if want("tree"):
        # 9. Black Mesa's 1,000 organizations, 10 levels deep: O to the
        #    tree on screen (request included; curl's same GET beside it),
        #    then keys to frame: ← / → on the biggest root (its subtree
        #    hidden and shown), + / - (every level, 1,000 rows, and back),
        #    and typing a filter; memory at the end.
        demo = Sandbox()
        ws = next(w["id"] for w in demo.get("/workspaces")["data"] if w["name"] == "Black Mesa")
        orgs_path = f"{demo.url}/workspaces/{ws}/organizations"
        opens, curls, arrows, alls, typed, rss_tree = [], [], [], [], [], 0

        def timed_keys(p, keys, out):
            for k in keys:
                t = time.perf_counter()
                p.write(k)
                select.select([p.master], [], [], 5)
                out.append(time.perf_counter() - t)
                p.quiet(0.01)

        for run in range(min(RUNS, 5)):
            p = Pty([ALTO], alto_env(demo, config))
            p.read_until("Black Mesa")
            p.write("/black mesa\r")
            p.quiet(0.2)
            t = time.perf_counter()
            p.write("O")
            opens.append(p.read_until("Region 0001") - t)
            t = time.perf_counter()
            subprocess.run(["curl", "-s", "-o", "/dev/null", orgs_path, "-H", f"Authorization: Bearer {TOKEN}"], check=True)
            curls.append(time.perf_counter() - t)
            p.quiet(0.2)
            if run == 0:
                timed_keys(p, ["\x1b[D" if i % 2 == 0 else "\x1b[C" for i in range(100)], arrows)
                timed_keys(p, ["+" if i % 2 == 0 else "-" for i in range(40)], alls)
                p.write("/")
                p.quiet(0.1)
                timed_keys(p, [c for _ in range(10) for c in "shelf"] + ["\x7f"] * 50, typed)
                rss_tree = proc_status(p.proc.pid, "VmHWM")
            p.close()
        demo.stop()
        o, c = statistics.median(opens), statistics.median(curls)
        rows.append(("1,000 orgs: O to the tree on screen", ms(o), f"request included; curl's same GET {ms(c)}", "< 150 ms after the answer"))
        rows.append(("1,000 orgs: ← / → on the biggest root", ms(statistics.median(arrows)), f"p99 {ms(pct(arrows, 99))}; {len(arrows)} keys", "< 2 ms, p99 < 8 ms"))
        rows.append(("1,000 orgs: + / - (all 1,000 rows and back)", ms(statistics.median(alls)), f"p99 {ms(pct(alls, 99))}; {len(alls)} keys", "< 2 ms, p99 < 8 ms"))
        rows.append(("1,000 orgs: typing a filter", ms(statistics.median(typed)), f"p99 {ms(pct(typed, 99))}; {len(typed)} keys", "< 2 ms, p99 < 8 ms"))
        rows.append(("1,000 orgs: peak RSS", f"{rss_tree / 1024:.1f} MiB", "after every key above", "< 30 MiB"))

    if want("https"):
        https_section(rows)
    if want("screens"):
        screens_section(rows)
    if want("find"):
        find_section(rows)
    if want("import"):
        import_section(rows)
    if want("budget"):
        budget_section(rows)

    sb.stop()
    size = os.path.getsize(ALTO)
    # Issue 15's budget (it was < 10 MiB until the organizations came).
    rows.append(("release binary size", f"{size / 1024 / 1024:.2f} MiB", "", "< 12 MiB"))

    width = max(len(r[0]) for r in rows)
    print(f"\nalto benchmark: {RUNS} runs where repeated, {os.cpu_count()} cores, {COLS}x{ROWS} pty\n")
    print(f"{'figure':{width}}  {'median':>10}  {'context':44}  target")
    for name, value, context, target in rows:
        print(f"{name:{width}}  {value:>10}  {context:44}  {target}")


def trust_bundle(ca_file, out):
    """The system's CA bundle plus the sandbox's CA, as a user who trusts a
    private CA would set SSL_CERT_FILE; returns how many certificates."""
    system = "/etc/ssl/certs/ca-certificates.crt"
    text = open(system).read() if os.path.exists(system) else ""
    with open(out, "w") as f:
        f.write(text + "\n" + open(ca_file).read())
    return (text + open(ca_file).read()).count("BEGIN CERTIFICATE")


def timed_run(argv, env):
    t = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    took = time.perf_counter() - t
    if done.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed: {done.stderr.decode()[-400:]}")
    return took


def https_section(rows):
    """12. The path real users take: HTTPS, the certificate verified
    against a trust store of the system's CAs plus the sandbox's throwaway
    one (SSL_CERT_FILE). Start to the first useful frame against the hello
    floor, and `alto workspaces list` as a whole process against curl's
    same GET with the same CA file; each pair alternates, run by run."""
    cfg = tempfile.mkdtemp(prefix="alto-bench-https-")
    with open(os.path.join(cfg, "config.toml"), "w") as f:
        f.write("[cache]\nenabled = false\n")
    ca = os.path.join(cfg, "sandbox-ca.pem")
    tls = Sandbox("--workspaces", "50", ca_file=ca)
    bundle = os.path.join(cfg, "bundle.pem")
    certs = trust_bundle(ca, bundle)
    # As this machine's environment has it (and as OpenSSL's defaults would
    # read it without): the system's certificate directory too.
    env = dict(alto_env(tls, cfg), SSL_CERT_FILE=bundle, SSL_CERT_DIR="/etc/ssl/certs")
    alto_starts, hellos = starts(env, [])
    full_env = dict(os.environ, **env)
    lists, curls = [], []
    curl = ["curl", "-s", "-f", "-o", "/dev/null", "--cacert", bundle, f"{tls.url}/workspaces",
            "-H", f"Authorization: Bearer {TOKEN}"]
    for _ in range(RUNS):
        lists.append(timed_run([ALTO, "workspaces", "list"], full_env))
        curls.append(timed_run(curl, full_env))
    tls.stop()
    a, h = statistics.median(alto_starts), statistics.median(hellos)
    rows.append(("HTTPS start to first useful frame", ms(a), f"hello floor {ms(h)}; ratio {a / h:.2f}x; {certs} CAs + dir", "≤ 2.0x floor"))
    l, c = statistics.median(lists), statistics.median(curls)
    rows.append(("`alto workspaces list` over HTTPS", ms(l), f"curl's same GET {ms(c)}; ratio {l / c:.2f}x", "≤ 1.5x curl"))


def screens_section(rows):
    """13. Every screen with the demo data, as a user browses them with the
    index on (its default): ↓/↑ timed on each list screen, the screens
    without a list opened and left; peak RSS at the end (the sandbox runs
    apart)."""
    demo = Sandbox()
    cfg = tempfile.mkdtemp(prefix="alto-bench-screens-")
    p = Pty([ALTO], alto_env(demo, cfg))
    p.read_until("ACME Corporation")
    p.quiet(0.2)
    per_screen = {}

    def moves(name, n=40, down="j", up="k"):
        out = per_screen.setdefault(name, [])
        for i in range(n):
            t = time.perf_counter()
            p.write(down if i % 2 == 0 else up)
            select.select([p.master], [], [], 5)
            out.append(time.perf_counter() - t)
            p.quiet(0.01)

    def visit(keys, until, settle=0.15):
        p.write(keys)
        p.read_until(until, timeout=10)
        p.quiet(settle)

    moves("workspaces")
    home = "mode pooled"  # the ACME workspace's own line
    visit("/acme corp\r\r", home)
    moves("billing accounts")
    visit("v", "Pooled seats")
    visit("\x1b", home)
    visit("\r", "Billing account cus_")
    visit("s", "PERIOD")
    moves("subscriptions")
    visit("\t", "EXPIRES")
    moves("payment methods")
    visit("\t", "Charged per month")
    moves("invoices")
    visit("\r", "Total")
    for _ in range(2):  # one at a time: Escs sent together read as Alt+Esc
        p.write("\x1b")
        p.quiet(0.1)
    visit("\x1b", home)
    visit("M", "SINCE")
    moves("members")
    visit("\x1b", home)
    visit("O", "Organizations")
    moves("organizations")
    visit("\x1b", home)
    visit("l", "API log")
    moves("API log")
    visit("\x1b", home)
    visit("F", "Find")
    for c in "acme":
        p.write(c)
        p.quiet(0.02)
    moves("find results", down="\x1b[B", up="\x1b[A")
    visit("\x1b", home)
    visit("U", "Import")
    visit("\x1b", home)
    visit("?", "Keys")
    p.write("\x1b")  # an overlay: what it covered is drawn again, no more
    p.quiet(0.15)
    visit("n", "New billing account")
    visit("\x1b", home)
    rss = proc_status(p.proc.pid, "VmHWM")
    p.close()
    demo.stop()
    worst = max(per_screen, key=lambda k: pct(per_screen[k], 99))
    medians = [statistics.median(v) for v in per_screen.values()]
    rows.append((f"key to frame, {len(per_screen)} list screens", ms(max(medians)), f"worst median; worst p99 {ms(pct(per_screen[worst], 99))} ({worst})", "< 2 ms processing, p99 < 8 ms"))
    rows.append(("peak RSS, every screen browsed", f"{rss / 1024:.1f} MiB", "demo data, index on, 14 screens", "< 12 MiB"))


def component(text):
    """A path component as alto's index names it (src/index/files.rs): a
    readable part, then the FNV-1a hash of the whole text (so two texts
    that read the same never share a file)."""
    s = "".join(c if c.isascii() and (c.isalnum() or c in ".-_") else "_" for c in text[:60])
    s = "_" + s if s.startswith(".") or not s else s
    h = 0xcbf29ce484222325
    for b in text.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{s}-{h:016x}"


def write_index(config_dir, sandbox, per_workspace):
    """alto's index for `sandbox`'s workspaces, fresh, with made-up
    accounts (100 per workspace: 100,000 for 1,000 workspaces)."""
    now = int(time.time() * 1000)
    listed = sandbox.get("/workspaces")["data"]
    root = os.path.join(config_dir, "cache", "index", component(f"{sandbox.url}@(custom URL)"))
    os.makedirs(os.path.join(root, "ws"), mode=0o700, exist_ok=True)
    meta = {"version": 0, "listed_at": now, "paused_until": None,
            "workspaces": [{"id": w["id"], "name": w["name"], "archived": False} for w in listed]}
    with open(os.path.join(root, "meta.json"), "w") as f:
        json.dump(meta, f)
    firsts = ["Acme", "Globex", "Zoë", "Müller", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Søren"]
    seconds = ["Holdings", "Labs", "Trading", "Café", "Foods", "Energy", "Studios", "Partners"]
    for wi, w in enumerate(listed):
        accounts = []
        for i in range(per_workspace):
            a, b = firsts[(wi * 7 + i) % len(firsts)], seconds[(wi + i * 3) % len(seconds)]
            accounts.append({"id": f"cus_{wi:06d}{i:08d}", "name": f"{a} {b} {wi}-{i}",
                             "email": f"billing{i}@{a.lower()}{wi}.example",
                             "phone": f"+27 82 {wi:03d} {i:04d}", "postal_code": f"{(wi * 13 + i) % 10000:04d}"})
        shard = {"workspace": w["id"], "fetched_at": now, "has_more": False, "accounts": accounts}
        with open(os.path.join(root, "ws", component(w["id"]) + ".json"), "w") as f:
            json.dump(shard, f)
    return len(listed) * per_workspace


def find_section(rows):
    """10. The find screen over 100,000 indexed accounts (1,000 workspaces
    of 100, written fresh into the cache): start to the index loaded, keys
    to frame while typing queries, and idle once the index is fresh."""
    big = Sandbox("--workspaces", "1000", "--list-limit", "2000")
    cfg = tempfile.mkdtemp(prefix="alto-bench-find-")
    n = write_index(cfg, big, 100)
    loads, typed, settled = [], [], []
    for run in range(min(RUNS, 5)):
        p = Pty([ALTO], alto_env(big, cfg))
        p.read_until("Workspace 000000")
        p.write("F")
        loads.append(p.read_until(f"{n:,} accounts") - p.t0)
        p.quiet(0.2)
        if run == 0:
            for query in ["zoe", "muller cafe", "billing42@acme", "cus_000042", "+27 82 042", "hooli labs 7"]:
                for c in query:
                    t = time.perf_counter()
                    p.write(c)
                    select.select([p.master], [], [], 5)
                    typed.append(time.perf_counter() - t)
                    # The search is read a part per frame: the last
                    # frame is the one with every result.
                    settled.append(p.settle(0.03) - t)
                p.write("\x15")  # Ctrl+U: the next query starts afresh
                p.quiet(0.1)
            # Idle with the index fresh: nothing due for an hour.
            p.quiet(0.5)
            pid = p.proc.pid
            ticks0 = cpu_ticks(pid)
            t0 = time.perf_counter()
            drawn = p.quiet(10.0)
            cpu = (cpu_ticks(pid) - ticks0) / os.sysconf("SC_CLK_TCK") / (time.perf_counter() - t0) * 100
            rss = proc_status(pid, "VmHWM")
        p.close()
    big.stop()
    rows.append(("find: start to 100,000 accounts loaded", ms(statistics.median(loads)), "1,001 files read after the first frame", "< 200 ms to load"))
    rows.append(("find: key to frame, 100,000 accounts", ms(statistics.median(typed)), f"p99 {ms(pct(typed, 99))}; {len(typed)} keys", "< 2 ms processing, p99 < 8 ms"))
    rows.append(("find: key to every result on screen", ms(statistics.median(settled)), f"p99 {ms(pct(settled, 99))}; read a part per frame", "p99 < 16 ms (issue 14)"))
    rows.append(("find: idle 10 s, index fresh", f"{cpu:.2f} %", f"{drawn} bytes drawn; peak RSS {rss / 1024:.1f} MiB", "0 %, zero redraws"))


def import_section(rows):
    """11. `alto accounts import`: a 1,000-row file checked (--dry-run,
    the whole process, two GETs included), and 10 rows sent to a pooled
    workspace against the sandbox's 60/min limiter (429s counted)."""
    lim = Sandbox("--rate-limit", "60")
    cfg = tempfile.mkdtemp(prefix="alto-bench-import-")
    env = dict(os.environ, **alto_env(lim, cfg))
    header = "name,email,phone,description,currency,country,line1,line2,city,state,postal_code\n"
    big = os.path.join(cfg, "big.csv")
    with open(big, "w") as f:
        f.write(header)
        for i in range(1000):
            f.write(f"\"Customer {i}, Ltd\",billing{i}@c{i}.example,+27 82 555 {i:04d},For all operations,zar,ZA,{i} Main Road,,Cape Town,Western Cape,{8000 + i % 100:04d}\n")
    made = subprocess.run([ALTO, "workspaces", "create", "--name", "Bench Import", "--billing-mode", "pooled", "--json"],
                          env=env, capture_output=True, check=True)
    ws = json.loads(made.stdout)["id"]
    checks = []
    for _ in range(min(RUNS, 5)):
        t = time.perf_counter()
        subprocess.run([ALTO, "accounts", "import", "-w", ws, big, "--dry-run"], env=env, capture_output=True)
        checks.append(time.perf_counter() - t)
    small = os.path.join(cfg, "ten.csv")
    with open(small, "w") as f:
        f.write(header)
        for i in range(10):
            f.write(f"Row {i},row{i}@bench.example,,,,GB,,,,,\n")
    t = time.perf_counter()
    sent = subprocess.run([ALTO, "accounts", "import", "-w", ws, small], env=env, capture_output=True, text=True)
    took = time.perf_counter() - t
    created = sum(1 for line in sent.stdout.splitlines() if ",created," in line)
    lim.stop()
    rows.append(("import: 1,000 rows checked (--dry-run)", ms(statistics.median(checks)), "whole process, 2 GETs included", "< 100 ms validation"))
    rows.append(("import: 10 rows sent under 60/min", f"{took:.2f} s", f"{created} created; exit {sent.returncode}; 429s: {sent.stderr.count('429')}", "zero 429s"))


def served_429s(config_dir):
    """The 429s alto met, from its log (every request is logged)."""
    try:
        with open(os.path.join(config_dir, "state", "alto.log")) as f:
            return sum(1 for line in f if "status=429" in line)
    except OSError:
        return 0


def profiles_config(config_dir, url, names):
    with open(os.path.join(config_dir, "config.toml"), "w") as f:
        for n in names:
            f.write(f'[profiles.{n}]\napi_url = "{url}"\n\n')


def budget_section(rows):
    """12. The API's budget, shared by every alto process (issue 23)."""
    # The first find on the demo (36 workspaces, 37 requests), each run
    # against a fresh limiter and an empty cache.
    firsts = []
    for _ in range(min(RUNS, 5)):
        lim = Sandbox("--rate-limit", "60")
        cfg = tempfile.mkdtemp(prefix="alto-bench-budget-")
        firsts.append(timed_run([ALTO, "find", "stark"], dict(os.environ, **alto_env(lim, cfg))))
        lim.stop()
    rows.append(("budget: first find, demo, --rate-limit 60", ms(statistics.median(firsts)), "37 requests, empty cache; was 72 s", "< 3 s"))

    # 1,000 workspaces (1,001 requests) at a budget of B a minute.
    budget = int(os.environ.get("ALTO_BENCH_BUDGET", "600"))
    reserve = max(1, budget // 6)
    big = Sandbox("--workspaces", "1000", "--list-limit", "2000", "--rate-limit", str(budget))
    cfg = tempfile.mkdtemp(prefix="alto-bench-budget-")
    env = dict(os.environ, **alto_env(big, cfg), ALTO_BUDGET_PER_MINUTE=str(budget))
    took = timed_run([ALTO, "find", "x"], env)
    big.stop()
    # The least time the budget allows: the filler may have `cap` in any
    # 61 s (the minute and a second for the trip), in bursts.
    cap = budget - reserve
    own = (-(-1001 // cap) - 1) * 61
    rows.append((f"budget: fill 1,000 workspaces at {budget}/min", f"{took:.1f} s",
                 f"{took / own:.2f}x the budget's floor ({own} s); 429s: {served_429s(cfg)}", "≤ 1.1x, no 429"))

    # Three processes on one token at once: three finds (three profiles,
    # one budget file), 111 requests.
    lim = Sandbox("--rate-limit", "60")
    cfg = tempfile.mkdtemp(prefix="alto-bench-budget-")
    profiles_config(cfg, lim.url, ["a", "b", "c"])
    env = dict(os.environ, **alto_env(lim, cfg))
    del env["ALTOSTRAT_API_URL"]
    t = time.perf_counter()
    procs = [subprocess.Popen([ALTO, "--profile", n, "find", "x"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for n in "abc"]
    codes = [p.wait() for p in procs]
    took = time.perf_counter() - t
    lim.stop()
    total = 3 * 37
    rows.append(("budget: 3 processes, 111 requests at once", f"{took:.1f} s",
                 f"exits {codes}; 429s: {served_429s(cfg)}; {took / (total / 60 * 60):.2f}x total/60 min", "no 429, ≤ 1.2x"))

    # An interactive request while a fill (1,000 workspaces) and an import
    # (30 rows) run on the same token: its time next to the same request
    # while nothing else runs.
    lim = Sandbox("--workspaces", "1000", "--list-limit", "2000", "--rate-limit", "60")
    cfg = tempfile.mkdtemp(prefix="alto-bench-budget-")
    profiles_config(cfg, lim.url, ["a", "b"])
    env = dict(os.environ, **alto_env(lim, cfg))
    made = subprocess.run([ALTO, "workspaces", "create", "--name", "Bench Budget", "--billing-mode", "pooled", "--json"],
                          env=env, capture_output=True, check=True)
    ws = json.loads(made.stdout)["id"]
    rows_csv = os.path.join(cfg, "thirty.csv")
    with open(rows_csv, "w") as f:
        f.write("name,email,phone,description,currency,country,line1,line2,city,state,postal_code\n")
        for i in range(30):
            f.write(f"Budget {i},budget{i}@bench.example,,,,GB,,,,,\n")
    get = [ALTO, "workspaces", "get", ws]
    # The same request with nothing else on the token: another sandbox.
    alone = Sandbox("--workspaces", "1000", "--list-limit", "2000", "--rate-limit", "60")
    alone_env = dict(os.environ, **alto_env(alone, tempfile.mkdtemp(prefix="alto-bench-budget-")))
    alone_get = [ALTO, "workspaces", "get", alone.get("/workspaces")["data"][0]["id"]]
    idle = [timed_run(alone_get, alone_env) for _ in range(8)]
    alone.stop()
    bg_env = dict(env)
    del bg_env["ALTOSTRAT_API_URL"]
    fill = subprocess.Popen([ALTO, "--profile", "a", "find", "x"], env=bg_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    imp = subprocess.Popen([ALTO, "accounts", "import", "-w", ws, rows_csv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2)
    # Eight: the user's reserve is 10 of the minute.
    busy = [timed_run(get, env) for _ in range(8)]
    fill.kill()
    imp.wait(timeout=120)
    lim.stop()
    extra = [b - statistics.median(idle) for b in busy]
    rows.append(("budget: a get while a fill and an import run", ms(statistics.median(busy)),
                 f"p99 {ms(pct(busy, 99))}; alone {ms(statistics.median(idle))}; p99 extra {ms(pct(extra, 99))}; 429s: {served_429s(cfg)}",
                 "waits < 100 ms (p99)"))


if __name__ == "__main__":
    main()
