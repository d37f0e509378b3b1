from core.history import history_entries


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
