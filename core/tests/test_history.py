import importlib
import inspect
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.history import acting, history_entries, records_by
from organizations.models import Membership
from organizations.services import organization_update

Role = Membership.Role
# What records_by wraps a service in: the same code object for every service.
_RECORDED_CODE = records_by(lambda: None).__code__


def test_history_names_related_records_and_choice_labels(town):
    town.company.parent = town.council
    town.company.save()
    newest = history_entries(town.company)[0]
    assert newest.kind == "Ändrad"
    assert [(c.label, c.old, c.new) for c in newest.changes] == [
        ("Ligger under", "Kommunstyrelsen", "Kommunfullmäktige")
    ]


def test_the_first_entry_shows_every_field_as_created(town):
    created = history_entries(town.company)[-1]
    assert created.kind == "Skapad"
    labels = {c.label: c.new for c in created.changes}
    assert labels["Typ"] == "Bolag"
    assert labels["Namn"] == "AB Bostäder"


def test_times_in_a_change_are_shown_in_local_time_not_utc():
    import datetime

    from django.db import models

    from core.history import _display

    field = models.DateTimeField()
    utc_noon = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.timezone.utc)
    assert "14:00" in _display(field, utc_noon, {})  # Stockholm is UTC+2 in summer


# --- who a change is recorded as -------------------------------------------------------


def _rename(organization, name, *, by):
    organization_update(organization=organization, data={"name": name}, seen_version=organization.version, by=by)


def test_a_service_called_with_by_outside_any_request_records_that_user(town):
    coordinator = town.users[Role.COORDINATOR]

    _rename(town.company, "AB Hem", by=coordinator)

    assert town.company.history.first().history_user == coordinator
    assert history_entries(town.company)[0].who == str(coordinator)
    assert not hasattr(HistoricalRecords.context, "request")


def test_a_service_called_without_by_is_recorded_as_the_system(town):
    _rename(town.company, "AB Hem", by=None)

    assert town.company.history.first().history_user is None
    assert history_entries(town.company)[0].who == "Systemet"


class _Outsider:
    history_label = "Eva Ek <eva@partner.example>"


def test_someone_without_an_account_is_recorded_by_their_label_and_no_account(town):
    HistoricalRecords.context.request = type("Request", (), {"user": town.users[Role.COORDINATOR]})()
    try:
        _rename(town.company, "AB Hem", by=_Outsider())
    finally:
        del HistoricalRecords.context.request

    record = town.company.history.first()
    assert record.history_user is None and record.history_change_reason == _Outsider.history_label
    assert history_entries(town.company)[0].who == "Eva Ek <eva@partner.example> via engångslänk"


def test_after_an_outsider_acts_the_next_change_names_no_one_from_before(town):
    _rename(town.company, "AB Hem", by=_Outsider())
    _rename(town.company, "AB Bo", by=None)

    assert town.company.history.first().history_change_reason is None
    assert history_entries(town.company)[0].who == "Systemet"


def test_a_change_made_in_a_request_records_the_request_user(client, town):
    admin = town.users[Role.ADMIN]
    client.force_login(admin)
    data = {"name": "Arbetsmarknadsnämnden", "short_name": "", "kind": town.board.kind, "parent": town.council.pk,
            "registry_email": "", "org_number": "", "description": "", "active_from": "", "active_to": "",
            "seen_version": town.board.version}

    response = client.post(reverse("organizations:organization_edit", args=[town.board.pk]), data)

    assert response.status_code == 302
    assert town.board.history.first().history_user == admin
    assert not hasattr(HistoricalRecords.context, "request")


def test_acting_names_by_in_its_block_and_gives_the_request_back_after(town, rf):
    admin, coordinator = town.users[Role.ADMIN], town.users[Role.COORDINATOR]
    request = rf.post("/")
    request.user = admin
    HistoricalRecords.context.request = request
    try:
        with acting(coordinator):
            _rename(town.company, "AB Hem", by=None)
        with acting(None):
            _rename(town.board, "Arbetsmarknadsnämnden", by=None)
        assert HistoricalRecords.context.request is request
    finally:
        del HistoricalRecords.context.request

    assert town.company.history.first().history_user == coordinator
    assert town.board.history.first().history_user == admin


def test_acting_leaves_no_user_behind_when_its_block_fails(town):
    with pytest.raises(ValueError), acting(town.users[Role.COORDINATOR]):
        raise ValueError

    assert not hasattr(HistoricalRecords.context, "request")
    _rename(town.company, "AB Hem", by=None)
    assert town.company.history.first().history_user is None


def test_load_demo_records_the_demo_users_who_made_the_changes(db):
    from audits.models import Audit, AuditResponse, Measure

    call_command("load_demo")

    audit = Audit.objects.get()
    assert audit.history.earliest("history_date").history_user.email == "revisor@boras.example"
    preschool = AuditResponse.objects.get(organization__name="Förskolenämnden")
    assert preschool.history.earliest("history_date").history_user.email == "sekreterare@boras.example"
    verified = Measure.objects.get(status=Measure.Status.VERIFIED)
    assert verified.history.first().history_user.email == "revisor@boras.example"


def _services_taking_by():
    """Every public function of every app's services that takes ``by``."""
    root = Path(settings.BASE_DIR)
    paths = sorted([*root.glob("*/services.py"), *root.glob("*/services/*.py")])
    for path in paths:
        module = importlib.import_module(".".join(path.relative_to(root).with_suffix("").parts))
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                if "by" in inspect.signature(function).parameters:
                    yield f"{module.__name__}.{name}", function


def test_every_service_that_takes_by_records_it_in_the_history():
    services = dict(_services_taking_by())

    assert len(services) > 50
    assert [name for name, function in services.items() if function.__code__ is not _RECORDED_CODE] == []
