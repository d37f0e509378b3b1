"""The RQ task backend for the test suite: each task goes through Redis exactly as in
production and is then run by an RQ worker in this process, so a test sees its effect at once
(as with the immediate backend) while the job has really been serialised, queued, fetched and
performed by RQ. Chosen by `pytest --tasks-backend=rq` or UPPSIKT_TASKS_BACKEND=rq."""

import os

import django_rq
from django_tasks_rq.backend import Job, RQBackend
from rq import SimpleWorker

# A database number of its own: the burst worker takes every job queued there, and the
# suite empties it after each test.
REDIS_URL = os.environ.get("UPPSIKT_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
SETTINGS = {
    "TASKS": {"default": {"BACKEND": "core.tests.tasks_rq.InlineRQBackend"}},
    "RQ_QUEUES": {"default": {"URL": REDIS_URL}},
}


class InlineRQBackend(RQBackend):
    """Enqueues through Redis, then drains the queue with a burst worker in this process
    (same database connection, so the test's transaction and monkeypatches apply). A task
    deferred with run_after stays scheduled in Redis, as it would in production."""

    def enqueue(self, task, args, kwargs):
        result = super().enqueue(task, args, kwargs)
        if task.run_after is None:
            queue = django_rq.get_queue(task.queue_name, job_class=Job)
            SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
        return self.get_result(result.id)


def flush() -> None:
    """Empty the suite's Redis database, so no job outlives its test."""
    django_rq.get_connection("default").flushdb()
