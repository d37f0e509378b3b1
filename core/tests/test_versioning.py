import pytest

from core.versioning import STALE_EDIT, StaleEditError, versioned_save


def test_a_save_against_the_current_version_moves_the_version_on(town):
    town.board.name = "Ny"
    versioned_save(instance=town.board, seen_version=1)
    town.board.refresh_from_db()
    assert (town.board.name, town.board.version) == ("Ny", 2)
    assert town.board.history.first().version == 2


def test_a_save_against_an_older_version_is_refused_with_what_changed(town):
    from organizations.models import Organization

    first = Organization.objects.get(pk=town.board.pk)
    second = Organization.objects.get(pk=town.board.pk)
    first.registry_email = "forst@sjostad.example"
    versioned_save(instance=first, seen_version=1)
    second.name = "Skrivs inte"
    with pytest.raises(StaleEditError) as refused:
        versioned_save(instance=second, seen_version=1)
    assert refused.value.messages == [str(STALE_EDIT)]
    changes = refused.value.stale_edit.changes
    assert [(c.label, c.new) for c in changes] == [("Registratorns e-post", "forst@sjostad.example")]
    town.board.refresh_from_db()
    assert town.board.name == "Arbetslivsnämnden"
    assert town.board.version == 2


def test_saving_an_unchanged_record_is_no_edit(town):
    from organizations.models import Organization

    same = Organization.objects.get(pk=town.board.pk)
    versioned_save(instance=same, seen_version=1)
    town.board.refresh_from_db()
    assert town.board.version == 1 and town.board.history.count() == 1


def test_an_unchanged_save_by_someone_else_does_not_refuse_an_edit(town):
    from organizations.models import Organization

    other = Organization.objects.get(pk=town.board.pk)
    versioned_save(instance=other, seen_version=1)
    mine = Organization.objects.get(pk=town.board.pk)
    mine.name = "Arbetsmarknadsnämnden"
    versioned_save(instance=mine, seen_version=1)
    town.board.refresh_from_db()
    assert (town.board.name, town.board.version) == ("Arbetsmarknadsnämnden", 2)


def test_saves_in_between_that_changed_nothing_visible_do_not_refuse(town):
    from organizations.models import Organization

    Organization.objects.filter(pk=town.board.pk).update(version=2)
    current = Organization.objects.get(pk=town.board.pk)
    current.save()  # a history row for version 2 identical to version 1
    mine = Organization.objects.get(pk=town.board.pk)
    mine.name = "Ny"
    versioned_save(instance=mine, seen_version=1)
    town.board.refresh_from_db()
    assert (town.board.name, town.board.version) == ("Ny", 3)
