import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uppsikt.settings_test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()
    database_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        call_command("load_demo", stdout=open(os.devnull, "w"))
        from bench.suites import SUITES

        # `python -m bench reports api` runs only the suites named.
        wanted = set(sys.argv[1:])
        results = {}
        for suite in SUITES:
            if not wanted or suite.__name__ in wanted:
                results.update(suite({}))
        results["environment"] = {"database": connection.vendor}
    finally:
        connection.creation.destroy_test_db(database_name, verbosity=0)
    json.dump(results, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
