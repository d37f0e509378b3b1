"""The load test's moving parts: its own PostgreSQL database, the servers as README
"Running it in production" starts them (gunicorn, db_worker), locust runs and their figures."""

import csv
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOCAL_CLUSTER = "postgres://postgres@127.0.0.1:5432/postgres"
DATABASE_NAME = os.environ.get("LOADTEST_DATABASE", "uppsikt_loadtest")
WORKERS = 3  # gunicorn processes per server, as README "Running it in production" starts it


def database_prepare(*, work: Path, normal_respondents: int) -> dict:
    """Recreate the load test's own database on the server DATABASE_URL names (else the
    local trust cluster), set up Django on it here, and return the servers' environment.
    Only the database name is taken over: whatever DATABASE_URL names is left alone."""
    import psycopg

    server = urlsplit(os.environ.get("DATABASE_URL") or LOCAL_CLUSTER)
    if not server.scheme.startswith("postgres"):
        raise SystemExit("The load test runs on PostgreSQL: DATABASE_URL must be a postgres:// URL.")
    admin_url = urlunsplit(server._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loadtest.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": urlunsplit(server._replace(path=f"/{DATABASE_NAME}")),
        "UPPSIKT_VAR_DIR": str(work),
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "WARNING",
        "LOADTEST_NORMAL_RESPONDENTS": str(normal_respondents),
    }
    os.environ.update(env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", "--no-input", verbosity=0)
    return env


class Servers:
    """gunicorn on each port (README's production command) and one task worker; stopped,
    by their own process ids, on leaving."""

    def __init__(self, *, env: dict, ports: list[int], work: Path):
        self.env, self.ports, self.work, self.processes = env, ports, work, []

    def __enter__(self):
        for port in self.ports:
            self._start([str(BIN / "gunicorn"), "uppsikt.wsgi", "--bind", f"127.0.0.1:{port}",
                         "--workers", str(WORKERS)], f"gunicorn-{port}")
        # At a lower priority, as README "Running it in production" starts it: a receipt
        # may leave a second later, a page may not.
        self._start(["nice", "-n", "10", str(BIN / "python"), "manage.py", "db_worker"], "worker")
        for port in self.ports:
            _wait_until_serving(f"http://127.0.0.1:{port}/__bench__/bare/")
        return self

    def _start(self, command, name):
        log = open(self.work / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        self.processes.append(subprocess.Popen(command, cwd=BASE_DIR, env=self.env, stdout=log, stderr=log))

    def __exit__(self, *exc):
        for process in self.processes:
            # gunicorn stops at once on SIGINT (on SIGTERM it waits for its workers).
            process.send_signal(signal.SIGINT if "gunicorn" in process.args[0] else signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_until_serving(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url} within {timeout:.0f} s.")


def servers_warm(*, hosts: list[str], plan: dict, rounds: int = 4) -> None:
    """Ask every server process for each page the scenarios read, a few times over and
    several at once so that each worker gets some: a process compiles its templates and
    fills its caches on its first requests, which a server in service did long ago. Reads
    only; nothing is written."""
    respondent = plan["respondents"][0]
    ks, coordinator = plan["sessions"][plan["ks"]][0], plan["sessions"][plan["coordinator"]][0]
    pages = [(respondent["session"], f"/uppfoljning/svar/{respondent['response']}/"),
             (ks, "/oversikt/"), (ks, f"/uppfoljning/omgangar/{plan['cycle']}/"), (ks, "/rapporter/"),
             (ks, f"/statistik/{plan['kpis'][0]}/"),
             (coordinator, f"/uppfoljning/formular/{plan['questionnaire']}/"),
             (coordinator, f"/styrning/program/{plan['program']}/")]

    def read(host_and_page):
        host, (session, path) = host_and_page
        with httpx.Client(base_url=host, cookies={"sessionid": session}, timeout=60) as client:
            client.get(path)

    work = [(host, page) for host in hosts for page in pages] * rounds
    with ThreadPoolExecutor(max_workers=WORKERS * len(hosts) * 2) as pool:
        list(pool.map(read, work))


def locust_run(*, name, classes, users, plan, hosts, seconds, work, env, deadline_at=None) -> dict:
    """One headless locust run; its figures per page and in total, and for runs that save,
    the check of what users were told against the database."""
    outcomes = work / f"{name}.outcomes.jsonl"
    outcomes.touch()
    run_env = {**env, "LOADTEST_PLAN": str(plan), "LOADTEST_OUTCOMES": str(outcomes),
               "LOADTEST_HOSTS": ",".join(hosts)}
    if deadline_at is not None:
        run_env["LOADTEST_DEADLINE_AT"] = str(deadline_at)
    # Stats restart once every user has started: logging in hundreds of users (Argon2 on
    # purpose costly) is the morning's work, not the load being measured.
    command = [str(BIN / "locust"), "-f", str(BASE_DIR / "loadtest" / "locustfile.py"), "--headless",
               "--users", str(users), "--spawn-rate", str(max(users / 10, 1)), "--run-time", f"{seconds}s",
               "--host", hosts[0], "--csv", str(work / name), "--reset-stats", "--only-summary",
               "--stop-timeout", "10", "--loglevel", "WARNING", *classes]
    with open(work / f"{name}.locust.log", "w") as log:
        subprocess.run(command, cwd=BASE_DIR, env=run_env, stdout=log, stderr=log, check=False)
    result = _stats_read(work / f"{name}_stats.csv")
    saved = outcomes.read_text().strip()
    if saved:
        from loadtest.checker import outcomes_check, outcomes_read

        result["check"] = outcomes_check(outcomes=outcomes_read(outcomes),
                                         text_question=json.loads(plan.read_text())["text_question"])
    return result


def _stats_read(path: Path) -> dict:
    pages, total = {}, None
    with path.open() as stats:
        for row in csv.DictReader(stats):
            figures = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "p50_ms": _number(row["50%"]),
                "p95_ms": _number(row["95%"]),
                "p99_ms": _number(row["99%"]),
                "rps": round(float(row["Requests/s"]), 2),
            }
            if row["Name"] == "Aggregated":
                total = figures
            else:
                pages[row["Name"]] = figures
    return {"pages": pages, "total": total}


def _number(value: str):
    return None if value in ("", "N/A") else float(value)


def targets(*, errors: int, p95, p95_limit: float, ratio: float | None = None, lost: int | None = None) -> dict:
    """Each target beside the figure measured and whether it was met."""
    result = {"errors": {"value": errors, "target": 0, "met": errors == 0},
              "p95_ms": {"value": p95, "target": f"≤ {p95_limit}", "met": p95 is not None and p95 <= p95_limit}}
    if ratio is not None:
        result["throughput_vs_floor"] = {"value": round(ratio, 3), "target": "≥ 0.25", "met": ratio >= 0.25}
    if lost is not None:
        result["lost_saves"] = {"value": lost, "target": 0, "met": lost == 0}
    return result


def scale_out_prove(*, hosts: list[str], plan: dict) -> dict:
    """Log in on the first server, then use only that session cookie on the second: the
    session lives in the shared database, so the second knows the user."""
    first, second = hosts
    with httpx.Client(base_url=first) as client:
        page = client.get("/konto/logga-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        login = client.post("/konto/logga-in/", data={"csrfmiddlewaretoken": token, "username": plan["ks"],
                                                      "password": plan["password"]})
        session = client.cookies.get("sessionid")
    with httpx.Client(base_url=second, cookies={"sessionid": session or ""}) as other:
        dashboard = other.get("/oversikt/")
    logged_in_elsewhere = dashboard.status_code == 200 and "konto/logga-ut" in dashboard.text
    return {"servers": hosts, "login_status_on_first": login.status_code,
            "dashboard_status_on_second_with_first_cookie": dashboard.status_code,
            "ok": bool(session) and logged_in_elsewhere}
