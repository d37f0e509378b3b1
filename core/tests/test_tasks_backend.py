"""The task queue's backends: the database by default, Redis through RQ when a deployment
runs on several machines (TASKS_BACKEND=rq with REDIS_URL), and the test suite's switch that
runs every enqueued task through RQ."""

import runpy
from datetime import timedelta
from pathlib import Path

import django_rq
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_rq.backend import Job
from redis.exceptions import ConnectionError as RedisConnectionError
from rq.registry import ScheduledJobRegistry

from audits.models import ImportDraft
from audits.tasks import import_draft_read_task
from audits.tests.factories import ImportDraftFactory
from core.tests import tasks_rq
from uppsikt import settings as settings_module


def settings_with(monkeypatch, **environment):
    for name in ("TASKS_BACKEND", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(Path(settings_module.__file__)), run_name="uppsikt_settings_probe")


def test_the_database_backend_is_the_default(monkeypatch):
    loaded = settings_with(monkeypatch)

    assert loaded["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert "django_rq" not in loaded["INSTALLED_APPS"]


def test_rq_puts_the_queue_on_the_redis_of_redis_url(monkeypatch):
    loaded = settings_with(monkeypatch, TASKS_BACKEND="rq", REDIS_URL="redis://redis.intern:6379/2")

    assert loaded["TASKS"]["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    assert loaded["RQ_QUEUES"] == {"default": {"URL": "redis://redis.intern:6379/2"}}
    assert loaded["RQ"]["JOB_CLASS"] == "django_tasks_rq.Job"  # what `manage.py rqworker` runs
    assert "django_rq" in loaded["INSTALLED_APPS"]


def test_rq_without_redis_url_is_refused_at_start(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        settings_with(monkeypatch, TASKS_BACKEND="rq")


@pytest.fixture
def rq_backend(request, settings):
    """The suite's RQ backend on the local Redis; skipped where no Redis runs, except when the
    suite itself was asked to run on RQ (CI), where a missing Redis is a failure."""
    for name, value in tasks_rq.SETTINGS.items():
        setattr(settings, name, value)
    try:
        django_rq.get_connection("default").ping()
    except RedisConnectionError:
        if request.config.getoption("--tasks-backend") == "rq":
            raise
        pytest.skip("no Redis on 127.0.0.1:6379 (.ci/run starts one)")
    tasks_rq.flush()
    yield
    tasks_rq.flush()


def test_a_task_goes_through_redis_and_an_rq_worker(rq_backend, town):
    draft = ImportDraftFactory(municipality=town.municipality)

    result = import_draft_read_task.enqueue(draft_id=draft.pk)

    job = Job.fetch(result.id, connection=django_rq.get_connection("default"))
    assert job.is_finished and job.kwargs == {"draft_id": draft.pk}
    assert result.status == TaskResultStatus.SUCCESSFUL and result.worker_ids
    assert result.return_value == {"status": "ready"}
    assert ImportDraft.objects.get().status == ImportDraft.Status.READY


def test_a_failing_task_is_reported_failed_with_its_error(rq_backend, monkeypatch):
    def broken(draft_id):
        raise ValueError("trasig")

    monkeypatch.setattr("audits.services.import_draft_read", broken)

    result = import_draft_read_task.enqueue(draft_id=1)

    assert result.status == TaskResultStatus.FAILED
    assert result.errors[-1].exception_class_path == "builtins.ValueError"


def test_a_deferred_task_waits_in_redis_for_its_time(rq_backend, town):
    draft = ImportDraftFactory(municipality=town.municipality)

    result = import_draft_read_task.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(draft_id=draft.pk)

    assert result.status == TaskResultStatus.READY
    assert ScheduledJobRegistry(queue=django_rq.get_queue("default")).get_job_ids() == [result.id]
    assert ImportDraft.objects.get().status != ImportDraft.Status.READY
