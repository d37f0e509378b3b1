"""The municipality's 300 organisations (council, executive board, boards each with an
administration and units, a group of companies, external partners), the people who log
in in each role, and a named respondent and backup in every board and company."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from core.demo import DEMO_PASSWORD
from core.models import Municipality
from core.scale.plan import DOMAIN, MUNICIPALITY_CODE, MUNICIPALITY_NAME, ScalePlan, bulk
from organizations.demo import with_check_digit
from organizations.models import Membership, Organization

Kind = Organization.Kind
Role = Membership.Role
AREA_WORDS = ["Arbetsmarknads", "Förskole", "Grundskole", "Gymnasie", "Kultur", "Fritids", "Miljö", "Bygg",
              "Vård", "Omsorgs", "Teknik", "Service", "Lokal", "Hälso", "Trygghets", "Stadsdels"]
# The people who log in, one per role: (role, e-mail local part, name, where).
LOGINS = [
    (Role.COORDINATOR, "samordnare", "Karin Skal", "board"),
    (Role.RESPONDENT, "uppgiftslamnare", "Ahmed Skal", "board"),
    (Role.SECRETARY, "sekreterare", "Eva Skal", "board"),
    (Role.KS_OFFICIAL, "ks", "Per Skal", "executive_board"),
    (Role.AUDITOR, "revisor", "Maria Skal", "council"),
    (Role.POLITICIAN, "politiker", "Lars Skal", "council"),
    (Role.ADMIN, "admin", "Sofia Skal", "executive_board"),
]


def shares(total: int) -> dict[str, int]:
    """How many of each kind make `total`: about a third boards, as many administrations,
    a tenth companies, a fifteenth external partners, units for the rest."""
    external = max(1, total // 15)
    companies = max(2, total // 10)
    rest = total - 3 - external - companies
    boards = max(1, rest // 3)
    return {"external": external, "company": companies, "board": boards, "administration": boards,
            "unit": rest - 2 * boards}


def _org(municipality, name: str, kind: str, parent=None, number: int = 0, **extra) -> Organization:
    slug = f"{kind}-{number}"
    return Organization(
        municipality=municipality, name=name, name_key=name.casefold(), kind=kind,
        parent_id=parent.pk if parent else None, registry_email=f"registrator.{slug}@{DOMAIN}",
        head_email=f"chef.{slug}@{DOMAIN}" if kind in (Kind.BOARD, Kind.COMPANY) else "", **extra,
    )


def _named(n: int, tail: str) -> str:
    """"Kulturnämnden", and "Kulturnämnden 2" once every word is taken."""
    suffix = f" {n // len(AREA_WORDS) + 1}" if n >= len(AREA_WORDS) else ""
    return f"{AREA_WORDS[n % len(AREA_WORDS)]}{tail}{suffix}"


def build(plan: ScalePlan) -> dict:
    municipality = Municipality.objects.create(name=MUNICIPALITY_NAME, code=MUNICIPALITY_CODE)
    plan.municipality = municipality
    counts = shares(plan.size.organizations)
    council = bulk(Organization, [_org(municipality, "Kommunfullmäktige", Kind.COUNCIL,
                                       org_number=with_check_digit("212000156"))])[0]
    executive = bulk(Organization, [_org(municipality, "Kommunstyrelsen", Kind.EXECUTIVE_BOARD, council)])[0]
    boards = bulk(Organization, [_org(municipality, _named(n, "nämnden"), Kind.BOARD, council, n)
                                 for n in range(counts["board"])])
    top = bulk(Organization, [
        _org(municipality, "Stadsledningskansliet", Kind.ADMINISTRATION, executive, 0),
        _org(municipality, "Skalstads Stadshus AB", Kind.COMPANY, executive, 0,
             org_number=with_check_digit("556500000")),
    ])
    administrations = bulk(Organization, [
        _org(municipality, _named(n, "förvaltningen"), Kind.ADMINISTRATION, board, n + 1)
        for n, board in enumerate(boards)
    ])
    companies = [top[1]] + bulk(Organization, [
        _org(municipality, _named(n, "bolaget i Skalstad AB"), Kind.COMPANY, top[1], n + 1,
             org_number=with_check_digit(f"5565{n + 1:05}"))
        for n in range(counts["company"] - 1)
    ])
    units = bulk(Organization, [
        _org(municipality, f"Enhet {n + 1} inom {administrations[n % len(administrations)].name}", Kind.UNIT,
             administrations[n % len(administrations)], n)
        for n in range(counts["unit"])
    ])
    external = bulk(Organization, [_org(municipality, f"Extern samverkanspart {n + 1}", Kind.EXTERNAL, None, n)
                                   for n in range(counts["external"])])
    plan.organizations = {"council": [council], "executive_board": [executive], "board": boards,
                          "administration": [top[0], *administrations], "company": companies, "unit": units,
                          "external": external}
    people = _people(plan)
    return {"organisations": sum(len(v) for v in plan.organizations.values()), **people}


def _people(plan: ScalePlan) -> dict:
    """Login users by role, then a respondent and a backup in each board and company
    (the first board's respondent is the login uppgiftslamnare@)."""
    User = get_user_model()
    # One hash for every login: hashing 300 passwords would be most of this part's time.
    password = make_password(DEMO_PASSWORD)
    logins = bulk(User, [User(email=f"{local}@{DOMAIN}", full_name=name, password=password, title="")
                         for _role, local, name, _where in LOGINS])
    plan.users = {local: user for (_r, local, _n, _w), user in zip(LOGINS, logins)}
    memberships = [Membership(user=user, organization=plan.organizations[where][0], role=role)
                   for (role, _l, _n, where), user in zip(LOGINS, logins)]
    asked = plan.asked
    people = bulk(User, [
        User(email=f"{kind}.{index}.{org.pk}@{DOMAIN}", full_name=f"{first} {org.pk}", title=title, password="!")
        for index, org in enumerate(asked)
        for kind, first, title in (("svarar", "Uppgiftslämnare", "Utvecklingsledare"),
                                   ("ersatter", "Ersättare", "Utredare"))
    ])
    for index, org in enumerate(asked):
        respondent, backup = people[2 * index], people[2 * index + 1]
        if index == 0:
            respondent = plan.users["uppgiftslamnare"]
            memberships = [m for m in memberships if m.role != Role.RESPONDENT]
        plan.respondents[org.pk] = (respondent, backup)
        memberships += [Membership(user=respondent, organization=org, role=Role.RESPONDENT),
                        Membership(user=backup, organization=org, role=Role.RESPONDENT)]
    # The secretary keeps the minutes of every board.
    memberships += [Membership(user=plan.users["sekreterare"], organization=board, role=Role.SECRETARY)
                    for board in plan.organizations["board"][1:]]
    bulk(Membership, memberships)
    return {"users": len(logins) + len(people), "memberships": len(memberships)}
