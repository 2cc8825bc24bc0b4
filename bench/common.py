"""Shared helpers for the benchmarks in bench/.

- `GunicornServer`: start the real app (wsgi:app) with the project's gunicorn on a free
  loopback port, wait for /healthz, read its memory, always stop it.
- `HttpClient`: a small keep-alive HTTP/1.1 client with a cookie jar, on http.client. It costs
  the load generator about a third of what `requests` costs per request, which matters on a
  2-core machine where client and server share the CPUs (with `requests`, 8 threads saturate
  the client before the server on trivial routes, and the floor measures the client).
- `run_load`: a bounded, concurrent load loop (one thread per client) that records every
  request's latency and outcome.
- `percentile`, `summarize`, `log` (stderr) and `emit_json` (the one line on stdout).

Everything listens and connects on loopback only, and every wait is bounded.
"""
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

PROJECT_DIR = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
REQUEST_TIMEOUT = 30.0  # seconds, for every single request the benchmarks make


# --- output ----------------------------------------------------------------------

def log(*parts):
    """Progress and diagnostics: stderr only, so stdout keeps exactly one JSON line."""
    print(*parts, file=sys.stderr, flush=True)


def emit_json(result):
    """The benchmark's single line on stdout."""
    sys.stdout.write(json.dumps(result, sort_keys=False, separators=(",", ":")) + "\n")
    sys.stdout.flush()


# --- statistics --------------------------------------------------------------------

def percentile(values, p):
    """The p-th percentile (0..100) with linear interpolation between ranks; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * (p / 100.0)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ms(seconds, digits=2):
    return None if seconds is None else round(seconds * 1000.0, digits)


# --- the server ------------------------------------------------------------------------

def free_port(host=LOOPBACK):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def gunicorn_command():
    """The gunicorn next to this interpreter (the project's venv), else `python -m gunicorn`."""
    candidate = Path(sys.executable).parent / "gunicorn"
    if candidate.exists():
        return [str(candidate)]
    return [sys.executable, "-m", "gunicorn"]


_HELP_CACHE = {}


def gunicorn_supports(option):
    """Whether this gunicorn knows a command-line option (read once from --help)."""
    if "text" not in _HELP_CACHE:
        try:
            _HELP_CACHE["text"] = subprocess.run(
                gunicorn_command() + ["--help"], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            _HELP_CACHE["text"] = ""
    return option in _HELP_CACHE["text"]


def _children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces; the ppid follows the state.
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def rss_mb(pid):
    """Resident memory of one process in MiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


class GunicornServer:
    """`gunicorn -k <worker_class> -w <workers> -b 127.0.0.1:<free port> wsgi:app`, as in production.

    Use as a context manager, or call start() and stop() (stop is idempotent and bounded).
    """

    def __init__(self, env, log_path, app="wsgi:app", workers=1, worker_class="gevent",
                 worker_connections=1000, cwd=PROJECT_DIR, extra_args=(), host=LOOPBACK):
        self.env = dict(env)
        self.log_path = Path(log_path)
        self.app = app
        self.workers = workers
        self.worker_class = worker_class
        self.worker_connections = worker_connections
        self.cwd = str(cwd)
        self.extra_args = list(extra_args)
        self.host = host
        self.port = None
        self.process = None
        self._log_file = None

    @property
    def base_url(self):
        return f"http://{self.host}:{self.port}"

    def command(self):
        command = gunicorn_command() + [
            "--worker-class", self.worker_class,
            "--workers", str(self.workers),
            "--bind", f"{self.host}:{self.port}",
            "--timeout", "120",
            "--graceful-timeout", "10",
        ]
        if self.worker_class in ("gevent", "eventlet"):
            command += ["--worker-connections", str(self.worker_connections)]
        if gunicorn_supports("--no-control-socket"):
            # gunicorn 27+ would otherwise share one control socket in ~/.gunicorn between runs.
            command.append("--no-control-socket")
        return command + self.extra_args + [self.app]

    def start(self, ready_timeout=120.0, health_path="/healthz"):
        self.port = free_port(self.host)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = open(self.log_path, "ab")
        command = self.command()
        log(f"[server] {' '.join(command)}  (log: {self.log_path})")
        # Its own session: a Ctrl+C in the terminal reaches only us, and we stop it in order.
        self.process = subprocess.Popen(
            command, cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL,
            stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.wait_ready(ready_timeout, health_path)
        return self

    def wait_ready(self, timeout, health_path="/healthz"):
        deadline = time.monotonic() + timeout
        url = self.base_url + health_path
        last_error = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            client = HttpClient(self.host, self.port, timeout=2)
            try:
                response = client.get(health_path)
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
            except CLIENT_ERRORS as error:
                last_error = error
            finally:
                client.close()
            time.sleep(0.1)
        raise RuntimeError(f"{url} not ready after {timeout:.0f}s ({last_error}):\n{self.log_tail()}")

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def pids(self):
        if self.process is None or self.process.poll() is not None:
            return []
        return [self.process.pid] + _children(self.process.pid)

    def worker_pids(self):
        return _children(self.process.pid) if self.process and self.process.poll() is None else []

    def rss_mb(self):
        """Resident memory of the master and its workers together, in MiB."""
        return sum(rss_mb(pid) for pid in self.pids())

    def stop(self, timeout=15.0):
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            try:
                process.send_signal(signal.SIGTERM)  # gunicorn: graceful shutdown
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                log("[server] no clean exit; killing its process group")
                try:
                    os.killpg(process.pid, signal.SIGKILL)  # the group we created, and only it
                except ProcessLookupError:
                    pass
                process.wait(timeout=5)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False


def terminate_on_sigterm():
    """Turn SIGTERM into SystemExit, so that `finally` blocks (which stop servers) run."""
    def handler(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)


# --- HTTP clients -----------------------------------------------------------------------

CLIENT_ERRORS = (OSError, http.client.HTTPException, ValueError)


class Response:
    __slots__ = ("status", "headers", "body")

    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)


class HttpClient:
    """One keep-alive connection to the server, with its own cookies (a visitor's browser).

    `source_address` (e.g. "127.0.0.7") makes it connect from another loopback address: to
    per-address rate limits that is another visitor (all of 127.0.0.0/8 is loopback on Linux).
    Not thread-safe: one client per thread at a time.
    """

    def __init__(self, host, port, source_address=None, timeout=REQUEST_TIMEOUT, keep_alive=True):
        self.host, self.port, self.timeout = host, port, timeout
        # Without keep-alive every request opens its own connection, so that the kernel spreads
        # requests over several workers as a balancer in front of them would.
        self.keep_alive = keep_alive
        self.source_address = (source_address, 0) if source_address else None
        self.cookies = {}
        self._connection = None

    def _connect(self):
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout, source_address=self.source_address)
        return self._connection

    def close(self):
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def request(self, method, path, params=None, form=None, headers=None):
        if params:
            path = f"{path}{'&' if '?' in path else '?'}{urlencode(params)}"
        sent = {"Host": f"{self.host}:{self.port}", "User-Agent": "participation-bench/1"}
        body = None
        if form is not None:
            body = urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if headers:
            sent.update(headers)
        if not self.keep_alive:
            sent["Connection"] = "close"
        connection = self._connect()
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            data = raw.read()
        except BaseException:
            self.close()  # a broken or half-read connection is not reused
            raise
        for header in raw.headers.get_all("Set-Cookie") or ():
            self._store_cookie(header)
        if raw.will_close or not self.keep_alive:
            self.close()
        return Response(raw.status, raw.headers, data)

    def _store_cookie(self, header):
        name, _, rest = header.partition("=")
        value, _, attributes = rest.partition(";")
        attributes = attributes.lower()
        if "max-age=0" in attributes or "expires=thu, 01 jan 1970" in attributes:
            self.cookies.pop(name.strip(), None)
        else:
            self.cookies[name.strip()] = value.strip()

    def get(self, path, params=None, headers=None):
        return self.request("GET", path, params=params, headers=headers)

    def post(self, path, form=None, headers=None):
        return self.request("POST", path, form=form, headers=headers)


@dataclass
class ScenarioResult:
    name: str
    latencies: list = field(default_factory=list)  # seconds, successful requests only
    errors: int = 0
    error_samples: list = field(default_factory=list)
    statuses: dict = field(default_factory=dict)
    elapsed: float = 0.0
    ok: int = 0

    def record(self, seconds, ok, status, detail=None):
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if ok:
            self.ok += 1
            self.latencies.append(seconds)
        else:
            self.errors += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(f"{status}: {detail}" if detail else str(status))

    def merge(self, other):
        self.latencies.extend(other.latencies)
        self.errors += other.errors
        self.ok += other.ok
        for status, count in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count
        self.error_samples.extend(other.error_samples[: max(0, 5 - len(self.error_samples))])

    @property
    def per_second(self):
        return self.ok / self.elapsed if self.elapsed else 0.0

    def summary(self):
        return {
            "requests": self.ok + self.errors,
            "errors": self.errors,
            "per_s": round(self.per_second, 1),
            "p50_ms": ms(percentile(self.latencies, 50)),
            "p95_ms": ms(percentile(self.latencies, 95)),
            "p99_ms": ms(percentile(self.latencies, 99)),
            "max_ms": ms(max(self.latencies) if self.latencies else None),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items(), key=lambda kv: str(kv[0]))},
        }


def run_load(name, clients, seconds, request_fn, warmup=1.0, seed=0):
    """Run `clients` threads for `warmup` + `seconds`, each calling request_fn(client, rng)
    in a loop; only requests *started* after the warm-up are measured.

    request_fn returns (ok, status, detail) and must do exactly one HTTP request; it is timed
    here. Exceptions count as errors with their class name as the status. The loop is
    bounded: no request starts after the deadline, and each has REQUEST_TIMEOUT.
    """
    start_gate = threading.Barrier(clients + 1)
    stop = threading.Event()
    results = [ScenarioResult(name) for _ in range(clients)]
    timing = {}

    def worker(index):
        rng = random.Random(seed * 1000003 + index)
        result = results[index]
        try:
            start_gate.wait(timeout=30)
        except threading.BrokenBarrierError:
            return
        while not stop.is_set():
            now = time.monotonic()
            if now >= timing["end"]:
                break
            measured = now >= timing["measure_from"]
            try:
                ok, status, detail = request_fn(index, rng)
            except CLIENT_ERRORS as error:
                ok, status, detail = False, type(error).__name__, str(error)[:200]
            elapsed = time.monotonic() - now
            if measured:
                result.record(elapsed, ok, status, detail)

    threads = [threading.Thread(target=worker, args=(i,), name=f"{name}-{i}", daemon=True)
               for i in range(clients)]
    for thread in threads:
        thread.start()
    begin = time.monotonic()
    timing["measure_from"] = begin + warmup
    timing["end"] = begin + warmup + seconds
    start_gate.wait(timeout=30)
    try:
        hard_deadline = timing["end"] + REQUEST_TIMEOUT + 5
        for thread in threads:
            while thread.is_alive() and time.monotonic() < hard_deadline:
                thread.join(timeout=0.2)  # short joins keep Ctrl+C responsive
    finally:
        stop.set()
    merged = ScenarioResult(name)
    merged.elapsed = max(0.0, min(time.monotonic(), timing["end"]) - timing["measure_from"])
    for result in results:
        merged.merge(result)
    return merged
