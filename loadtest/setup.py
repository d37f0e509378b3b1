"""The load test's data: the demo municipality (load_demo) plus, for the deadline day, one
organisation per respondent in the demo's open follow-up, each with its own respondent.
Rows are created in bulk (with their history) since the test needs hundreds of them in
seconds; the plan written for locust names every account and page it uses."""

import json
from pathlib import Path

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from core.demo import DEMO_PASSWORD
from core.models import Municipality, User
from followup.models import CycleOrganization, FollowUpCycle, Question
from kpis.models import Kpi
from organizations.models import Membership, Organization
from reports.models import Report

PASSWORD = DEMO_PASSWORD
DOMAIN = "lasttest.example"


def respondents_create(*, count: int) -> list[dict]:
    """`count` units, each with a respondent named for it in the open cycle; returns
    [{email, response}] in creation order."""
    municipality = Municipality.objects.get()
    cycle = FollowUpCycle.objects.get(status=FollowUpCycle.Status.OPEN)
    council = Organization.objects.get(municipality=municipality, kind=Organization.Kind.COUNCIL)
    # One hash for every account: hashing each password (Argon2) would take minutes.
    password = make_password(PASSWORD)
    with transaction.atomic():
        organizations = bulk_create_with_history([
            Organization(municipality=municipality, name=f"Lasttestenhet {n:04d}", name_key=f"lasttestenhet {n:04d}",
                         kind=Organization.Kind.UNIT, parent=council)
            for n in range(1, count + 1)
        ], Organization)
        users = User.objects.bulk_create([
            User(email=f"lt-{n:04d}@{DOMAIN}", full_name=f"Lasttest Uppgiftslämnare {n:04d}", password=password)
            for n in range(1, count + 1)
        ])
        bulk_create_with_history([
            Membership(user=user, organization=organization, role=Membership.Role.RESPONDENT)
            for user, organization in zip(users, organizations)
        ], Membership)
        responses = bulk_create_with_history([
            CycleOrganization(cycle=cycle, organization=organization, respondent=user)
            for user, organization in zip(users, organizations)
        ], CycleOrganization)
    return [{"email": user.email, "response": response.pk} for user, response in zip(users, responses)]


def sessions_create(*, email: str, count: int) -> list[str]:
    """`count` sessions of the account, as a login makes them. Users start logged in:
    logging hundreds in at once (Argon2, costly on purpose) is the morning's work, not the
    load measured; each locust user then has a session of its own."""
    user = User.objects.get(email=email)
    keys = []
    for _ in range(count):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "core.auth_backends.EmailBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def plan_write(*, path: Path, respondents: int, users: int) -> dict:
    """Load the demo, add the respondents, and write what locust needs to `path`."""
    call_command("migrate", "--no-input", verbosity=0)
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - the command prints logins
    cycle = FollowUpCycle.objects.get(status=FollowUpCycle.Status.OPEN)
    questions = Question.objects.filter(questionnaire=cycle.questionnaire)
    plan = {
        "password": PASSWORD,
        "cycle": cycle.pk,
        "questionnaire": cycle.questionnaire_id,
        "program": cycle.program_id,
        "text_question": questions.filter(kind=Question.Kind.TEXT, targeting=Question.Targeting.ALL).first().pk,
        "number_question": questions.filter(kind=Question.Kind.NUMBER, targeting=Question.Targeting.ALL).first().pk,
        "kpis": list(Kpi.objects.values_list("pk", flat=True)),
        "reports": list(Report.objects.values_list("pk", flat=True)),
        "ks": "ks@boras.example",
        "coordinator": "samordnare@boras.example",
        "respondents": respondents_create(count=respondents),
    }
    plan["sessions"] = {email: sessions_create(email=email, count=users) for email in (plan["ks"], plan["coordinator"])}
    for respondent in plan["respondents"]:
        [respondent["session"]] = sessions_create(email=respondent["email"], count=1)
    path.write_text(json.dumps(plan, indent=1))
    return plan
