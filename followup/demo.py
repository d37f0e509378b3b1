"""The demo follow-up of "Program för ett integrerat samhälle": the annual questionnaire
to every board and company that the 2021 audit describes (shared seed 002: a survey
whose answers are compiled and analysed), a closed cycle for last year answered by every
board and company, and an open cycle for this year with a mix of statuses, in which the
demo respondent of Förskolenämnden has a draft. Every board and company is answered for
by the respondent and backup followup.demo_people names; this year an external partner,
Arbetsförmedlingen, is asked too and answers through a one-time link the coordinator has
sent (the link is only in the outbox, as any e-mail). Built through the services."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from followup import services
from followup.models import Answer, CycleOrganization, Question, Questionnaire, Section
from organizations.models import Membership, Organization
from steering.models import Program
from steering.demo import PROGRAM_NAME

Kind = Question.Kind
Status = CycleOrganization.Status

# (area, key, kind, question, guidance, extra fields)
QUESTIONS = [
    ("Arbete", "arbete-insatser", Kind.ACTIVITIES,
     "Vilka insatser har ni genomfört för att fler nyanlända ska komma i arbete eller studier?",
     "Ange varje insats för sig, med målgrupp, period, kostnad och resultat. Koppla den till handlingsplanens "
     "aktivitet när det finns en.", {}),
    ("Arbete", "arbete-praktik", Kind.NUMBER,
     "Hur många nyanlända har haft praktik, extratjänst eller anställning hos er under året?",
     "Räkna personer, inte platser. Skriv 0 om ni inte har haft någon.", {}),
    ("Boende", "boende-segregation", Kind.YES_NO_PARTLY,
     "Har ni aktivt arbetat för att motverka boendesegregation?",
     "Programmet ger de kommunala bostadsbolagen ett särskilt ansvar.",
     {"targeting": Question.Targeting.KINDS, "target_kinds": [Organization.Kind.COMPANY]}),
    ("Utbildning", "utbildning-samverkan", Kind.TEXT,
     "Beskriv hur ni har samverkat med andra nämnder och bolag kring nyanländas vägar till utbildning.",
     "Nämn vilka ni samverkat med, i vilket forum och vad det ledde till.", {"length_guide": 800}),
    ("Delaktighet", "delaktighet-kannedom", Kind.RATING,
     "Hur väl känner er verksamhet till Program för ett integrerat samhälle?",
     "Granskningen fann att programmet var okänt i delar av organisationen.", {}),
    ("Folkhälsa", "uppfoljning-hur", Kind.CHOICE,
     "Hur följer ni upp ert integrationsarbete?", "Välj det som stämmer bäst.",
     {"options": "I verksamhetsplan och årsredovisning\nI en egen uppföljning\nInte systematiskt"}),
]

TEXTS = [
    "Vi har deltagit i det stadsövergripande integrationsforumet och samverkat med Arbetslivsnämnden om "
    "språkpraktik. Samverkan har lett till fler praktikplatser.",
    "Samverkan med Gymnasie- och vuxenutbildningsnämnden kring sfi kombinerat med yrkesutbildning, i "
    "samordningsgruppen för etablering.",
    "Vi har haft begränsad samverkan under året; en kontaktperson har utsetts inför nästa år.",
]
OPTIONS = QUESTIONS[5][5]["options"].splitlines()
# The external partner asked this year, and the person its one-time link is sent to.
LINK_PARTNER = "Arbetsförmedlingen"
LINK_PERSON = ("Sara Lind", "sara.lind@arbetsformedlingen.example")


def load(*, context: dict) -> None:
    municipality = context["municipality"]
    program = Program.objects.filter(municipality=municipality, name=PROGRAM_NAME).first()
    if program is None or Questionnaire.objects.filter(program=program).exists():
        return
    organizations = list(
        Organization.objects.filter(municipality=municipality, kind__in=[Organization.Kind.BOARD,
                                                                         Organization.Kind.COMPANY])
        .order_by("kind", "name")
    )
    questionnaire = _questionnaire(program)
    today = timezone.localdate()

    def respondents_for():
        return _respondents(organizations)

    last_year = services.cycle_open(
        program=program, year=today.year - 1, questionnaire=questionnaire,
        opens_on=datetime.date(today.year - 1, 2, 1), deadline=datetime.date(today.year - 1, 3, 31),
        respondents=respondents_for(),
    )
    for index, response in enumerate(last_year.organizations_asked.select_related("organization")):
        _answer(response, index)
        services.response_submit(response=response)
        services.response_approve(response=response)
    _submitted_as_last_spring(last_year)
    services.cycle_close(cycle=last_year)

    partner = Organization.objects.filter(municipality=municipality, name=LINK_PARTNER).first()
    this_year = services.cycle_open(
        program=program, year=today.year, questionnaire=questionnaire, opens_on=today - datetime.timedelta(days=14),
        deadline=today + datetime.timedelta(days=30),
        respondents=respondents_for() | ({partner: (None, None)} if partner else {}),
    )
    plan = [Status.APPROVED, Status.SUBMITTED, Status.RETURNED, Status.DRAFT]
    others = [r for r in this_year.organizations_asked.select_related("organization")
              if r.organization.name not in ("Förskolenämnden", LINK_PARTNER)]
    for index, response in enumerate(others[: len(plan) * 2]):
        _bring_to(response, plan[index % len(plan)])
    preschool = this_year.organizations_asked.get(organization__name="Förskolenämnden")
    question = questionnaire.questions.get(key="arbete-praktik")
    _give(preschool, question, "5")
    if partner:
        _link_send(this_year.organizations_asked.get(organization=partner))


def _link_send(response: CycleOrganization) -> None:
    """The coordinator's one-time link to the external partner, who has no account."""
    coordinator = get_user_model().objects.filter(email="samordnare@boras.example").first()
    name, email = LINK_PERSON
    services.respondent_link_create(response=response, name=name, email=email, by=coordinator)


def _submitted_as_last_spring(cycle) -> None:
    """Last year's answers were submitted last spring, not when the demo was loaded: most in
    the fortnight before the deadline, every fifth organisation a week or two late, so
    last year's follow-up shows what a real one does."""
    for index, response in enumerate(cycle.organizations_asked.order_by("organization__name")):
        if index % 5 == 4:
            day = cycle.deadline + datetime.timedelta(days=7 + index % 8)
        else:
            day = cycle.deadline - datetime.timedelta(days=index % 14)
        submitted_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 30)))
        type(response).objects.filter(pk=response.pk).update(submitted_at=submitted_at)


def _respondents(organizations) -> dict:
    """Each organisation's first two people with the respondent role, the respondent and
    the backup, as the open-a-cycle page proposes them."""
    people: dict[int, list] = {}
    for membership in (
        Membership.objects.filter(role=Membership.Role.RESPONDENT, organization__in=organizations,
                                  user__is_active=True).select_related("user").order_by("pk")
    ):
        people.setdefault(membership.organization_id, []).append(membership.user)
    return {organization: tuple((people.get(organization.pk, []) + [None, None])[:2])
            for organization in organizations}


def _questionnaire(program) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(program=program, title="Årlig uppföljning av programmet")
    areas = {area.name: area for area in program.areas.all()}
    sections = {}
    for position, (area_name, key, kind, text, guidance, extra) in enumerate(QUESTIONS, start=1):
        if area_name not in sections:
            sections[area_name] = Section.objects.create(
                questionnaire=questionnaire, area=areas[area_name], position=len(sections) + 1
            )
        question = Question(questionnaire=questionnaire, section=sections[area_name], key=key, kind=kind, text=text,
                            guidance=guidance, position=position, **extra)
        question.full_clean()
        question.save()
    return questionnaire


def _give(response: CycleOrganization, question: Question, value: str) -> None:
    """Answer as a respondent would: over last year's answer when one was carried over."""
    current = Answer.objects.filter(response=response, question=question).first()
    services.answer_save(response=response, question=question, value=value,
                         seen_version=current.version if current else None)


def _answer(response: CycleOrganization, index: int) -> None:
    values = {
        "arbete-praktik": str(3 + index * 2 % 17),
        "boende-segregation": ["yes", "partly", "no"][index % 3],
        "utbildning-samverkan": TEXTS[index % len(TEXTS)],
        "delaktighet-kannedom": str(2 + index % 4),
        "uppfoljning-hur": OPTIONS[index % len(OPTIONS)],
    }
    questions = response.cycle.questionnaire.questions.prefetch_related("target_organizations")
    for question in questions:
        if question.key in values and question.applies_to(response.organization):
            _give(response, question, values[question.key])
    activities = questions.get(key="arbete-insatser")
    services.activity_row_add(
        response=response, question=activities,
        data={"name": "Språkpraktik för nyanlända", "target_group": "Nyanlända vuxna", "cost": 50000 + index * 5000,
              "period_start": datetime.date(response.cycle.year - 1, 1, 1),
              "period_end": datetime.date(response.cycle.year - 1, 12, 31),
              "result": f"{2 + index % 5} deltagare gick vidare till arbete eller studier."},
        areas=[activities.section.area],
    )


def _bring_to(response: CycleOrganization, status: str) -> None:
    question = response.cycle.questionnaire.questions.get(key="arbete-praktik")
    _give(response, question, "4")
    if status == Status.DRAFT:
        return
    services.response_submit(response=response)
    if status == Status.APPROVED:
        services.response_approve(response=response)
    elif status == Status.RETURNED:
        services.response_return(response=response, comment="Beskriv resultatet av insatserna, inte bara vilka de var.")
