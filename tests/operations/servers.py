"""Private instances of what production runs, started and stopped by the tests that break them: a
PostgreSQL cluster, a Redis, gunicorn, Celery workers and beat, each a process of its own on a free
loopback port, never the machine's shared services."""

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, *, timeout, what, interval=0.1):
    """Poll ``condition`` until it returns something true; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:g}s")
        time.sleep(interval)


def postgres_bin():
    """The newest PostgreSQL server programs installed (Debian keeps them out of PATH), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def missing_programs():
    """Why these tests cannot run here, or None."""
    if postgres_bin() is None:
        return "needs PostgreSQL's server programs (initdb, pg_ctl: Debian package postgresql)"
    if shutil.which("redis-server") is None:
        return "needs redis-server (Debian package redis-server)"
    return None


class Process:
    """One long-running program whose output goes to a log file."""

    def __init__(self, name, argv, *, env, log_dir, cwd=ROOT):
        self.name, self.argv, self.env, self.cwd = name, argv, env, cwd
        self.log = Path(log_dir) / f"{name}.log"
        self.popen = None

    def start(self, ready_text=None, timeout=60):
        out = open(self.log, "a")  # noqa: SIM115 - handed to the child, closed when it is stopped
        # A session of its own, so that a kill reaches the children too (a prefork worker's pool).
        self.popen = subprocess.Popen(
            self.argv, cwd=self.cwd, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        out.close()
        if ready_text:
            wait_until(
                lambda: self._alive() and ready_text in self.output(), timeout=timeout, what=f"{self.name} ready"
            )
        return self

    def _alive(self):
        if self.popen.poll() is not None:
            raise AssertionError(f"{self.name} exited with {self.popen.returncode}:\n{self.output()[-4000:]}")
        return True

    def output(self):
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self, sig=signal.SIGKILL):
        """Signal the whole process group, as a machine or container dying would."""
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, sig)
            self.popen.wait(timeout=30)

    def stop(self):
        if self.popen is None or self.popen.poll() is not None:
            return
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()


class RedisServer:
    """A redis-server of its own, on a free port, keeping nothing on disk."""

    def __init__(self, work_dir):
        self.dir = Path(work_dir)
        self.port = free_port()
        self.process = None

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self):
        argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = Process(
            f"redis-{self.port}", [*argv, "--dir", str(self.dir)], env=dict(os.environ), log_dir=self.dir
        )
        self.process.start()
        wait_until(self.answers, timeout=20, what="redis-server answers PING")
        return self

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process:
            self.process.stop()


class PostgresCluster:
    """A PostgreSQL cluster of its own (initdb, pg_ctl) on a free port, owned by the postgres user when
    the tests run as root (PostgreSQL refuses to run as root)."""

    def __init__(self):
        self.bin = postgres_bin()
        self.root = Path(tempfile.mkdtemp(prefix="icm-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.root, user=self.user)

    def _run(self, *argv):
        return subprocess.run(
            [str(self.bin / argv[0]), *argv[1:]],
            user=self.user,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )

    def init(self):
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        return self

    def start(self):
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )
        return self

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self):
        self.stop()
        self.start()

    def url(self, dbname):
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"

    def connect(self, dbname="postgres"):
        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=dbname)
        connection.autocommit = True
        return connection

    def sql(self, dbname, query, params=()):
        """Rows of one query in ``dbname``."""
        with self.connect(dbname) as connection, connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def createdb(self, name, template=None):
        template_clause = f" TEMPLATE {template}" if template else ""
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"{template_clause}')  # nosec B608: names made by the tests
        finally:
            connection.close()
        return self.url(name)

    def destroy(self):
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass  # not running
        shutil.rmtree(self.root, ignore_errors=True)


def http_get(url, *, headers=None, timeout=10):
    """(status, headers, body text) of one GET, an error status included."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback URLs of the tests
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # nosec B310: loopback test URLs
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode()
