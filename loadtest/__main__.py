"""`python -m loadtest`: build the database, start the production server and the worker,
run each scenario beside its floor, check nothing was lost, print JSON. See README "Lasttest"."""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from loadtest.runner import Servers, database_prepare, locust_run, scale_out_prove, servers_warm, targets


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__)
    parser.add_argument("--seconds", type=int, default=60, help="each scenario's and each floor's length")
    parser.add_argument("--users", type=int, default=50, help="the normal day's users")
    parser.add_argument("--respondents", type=int, default=300, help="the deadline day's respondents")
    parser.add_argument("--port", type=int, default=8400, help="the first server's port (the second: +1)")
    parser.add_argument("--scenarios", default="normal,deadline")
    parser.add_argument("--servers", type=int, choices=[1, 2], default=1,
                        help="2: two gunicorn instances on one database; users spread over both")
    parser.add_argument("--think", default="5-15", type=_think,
                        help="seconds a deadline respondent takes between two fields, min-max (1-3: stress)")
    parser.add_argument("--strict", action="store_true", help="fail when a speed target is missed too")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="uppsikt-loadtest-"))
    env = {**database_prepare(work=work, normal_respondents=args.users), "LOADTEST_THINK": args.think}
    plan_path = work / "plan.json"
    from loadtest.setup import plan_write

    plan_write(path=plan_path, respondents=args.users + args.respondents, users=args.users)
    report = {"config": {"seconds": args.seconds, "users": args.users, "respondents": args.respondents,
                         "servers": args.servers, "think_seconds": args.think, "cores": os.cpu_count(), "work_dir": str(work)}}
    ports = [args.port + n for n in range(args.servers)]
    hosts = [f"http://127.0.0.1:{port}" for port in ports]
    ok = True
    with Servers(env=env, ports=ports, work=work):
        plan = json.loads(plan_path.read_text())
        if args.servers == 2:
            report["scale_out"] = scale_out_prove(hosts=hosts, plan=plan)
            ok &= report["scale_out"]["ok"]
        servers_warm(hosts=hosts, plan=plan)
        common = {"plan": plan_path, "hosts": hosts, "seconds": args.seconds, "work": work, "env": env}
        scenarios = {}
        if "normal" in args.scenarios:
            floor = locust_run(name="normal-floor", classes=["Bare"], users=args.users, **common)
            day = locust_run(name="normal", classes=["KsOfficial", "Coordinator", "KpiReader", "Respondent"],
                             users=args.users, **common)
            scenarios["normal_day"] = {**day, "floor": floor["total"], "targets": targets(
                errors=day["total"]["errors"], p95=day["total"]["p95_ms"], p95_limit=300,
                ratio=day["total"]["rps"] / max(floor["total"]["rps"], 1e-9))}
        if "deadline" in args.scenarios:
            floor = locust_run(name="deadline-floor", classes=["BareDeadline"], users=args.respondents, **common)
            day = locust_run(name="deadline", classes=["DeadlineRespondent"], users=args.respondents,
                             deadline_at=time.time() + args.seconds * 0.75, **common)
            autosave = day["pages"].get("svar: autospara", {"p95_ms": None})
            scenarios["deadline_day"] = {**day, "floor": floor["total"], "targets": targets(
                errors=day["total"]["errors"], p95=autosave["p95_ms"], p95_limit=200,
                lost=day["check"]["lost_saves"] + day["check"]["refused_but_written"])}
        for scenario in scenarios.values():
            if "check" in scenario:
                ok &= scenario["check"]["ok"]
            if args.strict:
                ok &= all(target["met"] for target in scenario["targets"].values())
        report["scenarios"] = scenarios
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if ok else 1


def _think(text: str) -> str:
    low, _, high = text.partition("-")
    try:
        if 0 <= float(low) <= float(high):
            return text
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{text!r} is not min-max in seconds, such as 5-15.")


if __name__ == "__main__":
    sys.exit(main())
