from django.core.management import call_command

from organizations.models import Membership, Organization


def _snapshot():
    return (
        sorted(Organization.objects.values_list("name", "kind", "parent__name", "version")),
        sorted(Membership.objects.values_list("user__email", "organization__name", "role")),
        Organization.history.count(),
    )


def test_load_demo_builds_the_municipality_and_is_idempotent(db, capsys):
    call_command("load_demo")
    first = _snapshot()
    assert "http://127.0.0.1:8000/konto/logga-in/" in capsys.readouterr().out
    call_command("load_demo", port=8123)
    assert _snapshot() == first
    # The address printed is the one the demo serves on (`make demo PORT=8123`).
    second = capsys.readouterr().out
    assert "http://127.0.0.1:8123/konto/logga-in/" in second and ":8000" not in second
    kinds = Organization.objects.values_list("kind", flat=True)
    assert list(kinds).count(Organization.Kind.BOARD) >= 14
    assert list(kinds).count(Organization.Kind.COMPANY) >= 5
    assert Organization.objects.get(name="Arbetslivsnämnden").kind == Organization.Kind.BOARD
    assert {role for _, _, role in first[1]} == set(Membership.Role.values)
    assert "samordnare@boras.example" in second


def test_every_demo_organization_passes_its_own_validation(db):
    call_command("load_demo")
    for organization in Organization.objects.all():
        organization.full_clean()
