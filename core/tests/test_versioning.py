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


def test_a_save_whose_version_was_taken_after_it_was_read_is_refused_and_writes_nothing(town):
    """The claim is made in the save's own UPDATE: a row read at version 1 but saved by
    someone else before this save is refused there, with no history row and the
    transaction still usable."""
    from organizations.models import Organization

    read_before = Organization.objects.get(pk=town.board.pk)
    other = Organization.objects.get(pk=town.board.pk)
    other.name = "Först"
    versioned_save(instance=other, seen_version=1)
    mine = Organization.objects.get(pk=town.board.pk)
    mine.name = "Sist"
    mine.version = 1
    with pytest.raises(StaleEditError) as refused:
        versioned_save(instance=mine, seen_version=1, current=read_before)
    assert refused.value.stale_edit.current_version == 2
    assert [c.new for c in refused.value.stale_edit.changes] == ["Först"]
    assert mine.version == 1
    town.board.refresh_from_db()
    assert (town.board.name, town.board.version, town.board.history.count()) == ("Först", 2, 2)


def test_a_save_claims_its_version_in_one_update(town, django_assert_num_queries):
    from organizations.models import Organization

    current = Organization.objects.get(pk=town.board.pk)
    edited = Organization.objects.get(pk=town.board.pk)
    edited.name = "Ny"
    # The savepoint and its release, the UPDATE, the history row.
    with django_assert_num_queries(4):
        versioned_save(instance=edited, seen_version=1, current=current)
    assert edited.version == 2


def test_only_a_record_that_keeps_a_version_can_be_saved_against_one(town):
    from django.contrib.sessions.models import Session

    with pytest.raises(TypeError):
        versioned_save(instance=Session(session_key="x"), seen_version=1, current=Session(session_key="x"))
