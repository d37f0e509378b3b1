"""`manage.py build_report`: the latest version of a cycle's report into a file, and a
clear Swedish refusal that writes nothing."""

import pytest
from django.core.management import CommandError, call_command

from followup.tests.factories import CycleFactory
from reports.management.commands.build_report import NO_CYCLE, NO_REPORT
from reports.models import ReportVersion
from reports.services.building import NO_ANSWERS
from reports.tests.content_samples import frozen_version, sample_content

pytestmark = pytest.mark.django_db


def test_the_latest_version_is_written_to_the_file(tmp_path):
    first = frozen_version()
    content = {**sample_content(), "title": "Uppföljningsrapport 2025, version 2"}
    ReportVersion.objects.create(report=first.report, number=2, status="approved", content=content,
                                 content_sha256="1" * 64)
    out = tmp_path / "rapport.html"
    call_command("build_report", cycle=first.report.cycle_id, format="html", out=out, stdout=open(tmp_path / "log", "w"))
    assert "Uppföljningsrapport 2025, version 2" in out.read_text(encoding="utf-8")


def test_an_xlsx_is_written(tmp_path):
    version = frozen_version()
    out = tmp_path / "rapport.xlsx"
    call_command("build_report", "--cycle", str(version.report.cycle_id), "--format", "xlsx", "--out", str(out),
                 stdout=open(tmp_path / "log", "w"))
    assert out.read_bytes().startswith(b"PK")


def test_a_cycle_without_a_report_is_refused_in_swedish(tmp_path):
    cycle = CycleFactory()
    out = tmp_path / "rapport.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("build_report", cycle=cycle.pk, format="pdf", out=out)
    assert str(refused.value) == NO_REPORT % {"cycle": cycle}
    assert not out.exists()


def test_an_unknown_cycle_is_refused(tmp_path):
    out = tmp_path / "rapport.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("build_report", cycle=999999, format="pdf", out=out)
    assert str(refused.value) == NO_CYCLE % {"id": 999999}
    assert not out.exists()


def test_a_report_without_answers_is_refused(tmp_path):
    content = sample_content()
    for response in content["responses"]:
        response["answered"] = False
    version = frozen_version(content=content)
    out = tmp_path / "rapport.html"
    with pytest.raises(CommandError) as refused:
        call_command("build_report", cycle=version.report.cycle_id, format="html", out=out)
    assert str(refused.value) == str(NO_ANSWERS)
    assert not out.exists()
