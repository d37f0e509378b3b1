import json
import os
import sys


def main() -> None:
    from bench.harness import bench_database

    with bench_database() as connection:
        from django.core.management import call_command

        call_command("load_demo", stdout=open(os.devnull, "w"))
        from bench.suites import SUITES

        # `python -m bench reports api` runs only the suites named.
        wanted = set(sys.argv[1:])
        results = {}
        for suite in SUITES:
            if not wanted or suite.__name__ in wanted:
                results.update(suite({}))
        results["environment"] = {"database": connection.vendor}
    json.dump(results, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
