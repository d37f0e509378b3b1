"""Running one piece of work in many threads at once, as parallel requests would: only
PostgreSQL's test database is shared between threads."""

import threading

from django.core.exceptions import ValidationError
from django.db import connection, transaction


def run_in_parallel(count: int, work) -> list[str]:
    """Run `work(i)` in `count` threads started at once, each on its own connection and in
    its own transaction. One result a thread: "saved", or "told" for a ValidationError;
    a thread that failed otherwise (an IntegrityError) leaves no result."""
    barrier, results = threading.Barrier(count), []

    def run(i):
        try:
            barrier.wait()
            with transaction.atomic():  # as in a request (ATOMIC_REQUESTS)
                work(i)
            results.append("saved")
        except ValidationError:  # a StaleEditError among them
            results.append("told")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
