"""Fixtures every app's tests share: a small municipality with a council, an executive
board, two boards with administrations, a company, and one user per role."""

import os
from dataclasses import dataclass

import pytest
from hypothesis import settings as hypothesis_settings
from hypothesis.database import DirectoryBasedExampleDatabase

from core.tests.factories import MunicipalityFactory, UserFactory
from organizations.models import Membership, Organization
from organizations.tests.factories import MembershipFactory, OrganizationFactory

# Property tests: a small budget in every run (`make test`), a large one in `make fuzz`
# (HYPOTHESIS_PROFILE=fuzz), which keeps the failing examples it finds in var/ for the next run.
# No deadline: the machine is shared and a slow example is not a wrong one.
hypothesis_settings.register_profile("ci", max_examples=50, deadline=None, database=None)
hypothesis_settings.register_profile(
    "fuzz", max_examples=2000, deadline=None, database=DirectoryBasedExampleDatabase("var/hypothesis")
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

Kind = Organization.Kind
Role = Membership.Role


@dataclass
class Town:
    municipality: object
    council: Organization
    executive: Organization
    board: Organization
    administration: Organization
    other_board: Organization
    other_administration: Organization
    company: Organization
    external: Organization
    users: dict


# Where each role's user sits in the test municipality.
ROLE_HOMES = {
    Role.COORDINATOR: "board",
    Role.RESPONDENT: "board",
    Role.SECRETARY: "board",
    Role.KS_OFFICIAL: "executive",
    Role.AUDITOR: "council",
    Role.POLITICIAN: "council",
    Role.ADMIN: "executive",
}


@pytest.fixture
def town(db) -> Town:
    municipality = MunicipalityFactory(name="Sjöstad", code="1490")
    council = OrganizationFactory(municipality=municipality, name="Kommunfullmäktige", kind=Kind.COUNCIL)
    executive = OrganizationFactory(
        municipality=municipality, name="Kommunstyrelsen", kind=Kind.EXECUTIVE_BOARD, parent=council
    )
    board = OrganizationFactory(municipality=municipality, name="Arbetslivsnämnden", parent=council)
    administration = OrganizationFactory(
        municipality=municipality, name="Arbetslivsförvaltningen", kind=Kind.ADMINISTRATION, parent=board
    )
    other_board = OrganizationFactory(municipality=municipality, name="Förskolenämnden", parent=council)
    other_administration = OrganizationFactory(
        municipality=municipality, name="Förskoleförvaltningen", kind=Kind.ADMINISTRATION, parent=other_board
    )
    company = OrganizationFactory(municipality=municipality, name="AB Bostäder", kind=Kind.COMPANY, parent=executive)
    external = OrganizationFactory(municipality=municipality, name="Arbetsförmedlingen", kind=Kind.EXTERNAL)
    town = Town(
        municipality, council, executive, board, administration, other_board, other_administration, company,
        external, users={},
    )
    for role, home in ROLE_HOMES.items():
        user = UserFactory(email=f"{role}@sjostad.example", full_name=f"Test {Role(role).label}")
        MembershipFactory(user=user, organization=getattr(town, home), role=role)
        town.users[role] = user
    return town


@pytest.fixture
def board_admin(town):
    """An administrator of one board only (not of the whole municipality)."""
    user = UserFactory(email="nämndadmin@sjostad.example", full_name="Nämndens administratör")
    MembershipFactory(user=user, organization=town.board, role=Role.ADMIN)
    return user


@pytest.fixture(autouse=True)
def swedish():
    """Every test starts in Swedish, the default language: a request in English leaves
    English active in the thread, which would leak into the next test."""
    from django.utils import translation

    with translation.override("sv"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counts (kept in the cache) start from zero in every test."""
    from django.core.cache import cache

    cache.clear()
    yield


def pytest_addoption(parser):
    parser.addoption(
        "--tasks-backend", choices=["immediate", "rq"], default=os.environ.get("UPPSIKT_TASKS_BACKEND", "immediate"),
        help="Run enqueued tasks at once (immediate) or through Redis with an RQ worker in this process (rq).",
    )


@pytest.fixture(autouse=True)
def _tasks_backend(request):
    """With --tasks-backend=rq every task a test enqueues goes through Redis and RQ; a test
    that sets TASKS itself still gets the backend it asks for."""
    if request.config.getoption("--tasks-backend") != "rq":
        yield
        return
    from core.tests import tasks_rq

    settings = request.getfixturevalue("settings")
    for name, value in tasks_rq.SETTINGS.items():
        setattr(settings, name, value)
    yield
    tasks_rq.flush()
