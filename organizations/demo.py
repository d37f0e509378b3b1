"""The demo municipality's organisation, modelled on Borås as the 2021 audit of its
integration work describes it (shared seed 002), with one demo user per role."""

from django.contrib.auth import get_user_model

from core.demo import DEMO_PASSWORD
from core.models import Municipality
from organizations import services
from organizations.models import Membership, Organization, luhn_is_valid

Kind = Organization.Kind
Role = Membership.Role
DOMAIN = "boras.example"

# (board, its administration); None where the board is served by another administration.
BOARDS = [
    ("Arbetslivsnämnden", "Arbetslivsförvaltningen"),
    ("Förskolenämnden", "Förskoleförvaltningen"),
    ("Grundskolenämnden", "Grundskoleförvaltningen"),
    ("Gymnasie- och vuxenutbildningsnämnden", "Gymnasie- och vuxenutbildningsförvaltningen"),
    ("Individ- och familjeomsorgsnämnden", "Individ- och familjeomsorgsförvaltningen"),
    ("Kulturnämnden", "Kulturförvaltningen"),
    ("Fritids- och folkhälsonämnden", "Fritids- och folkhälsoförvaltningen"),
    ("Miljö- och konsumentnämnden", "Miljöförvaltningen"),
    ("Samhällsbyggnadsnämnden", "Samhällsbyggnadsförvaltningen"),
    ("Vård- och äldrenämnden", "Vård- och äldreförvaltningen"),
    ("Sociala omsorgsnämnden", "Sociala omsorgsförvaltningen"),
    ("Tekniska nämnden", "Tekniska förvaltningen"),
    ("Servicenämnden", "Servicekontoret"),
    ("Lokalförsörjningsnämnden", "Lokalförsörjningsförvaltningen"),
    ("Överförmyndarnämnden", None),
    ("Valnämnden", None),
]
UNITS = {
    "Arbetslivsförvaltningen": ["Integrationsenheten", "Arbetsmarknadsenheten", "Vuxenutbildningens samhällsorientering"],
    "Individ- och familjeomsorgsförvaltningen": ["Enheten för ensamkommande"],
}
# (company, parent company or None for directly under the executive board, org number without check digit)
COMPANIES = [
    ("Borås Stadshus AB", None, "556531064"),
    ("AB Bostäder i Borås", "Borås Stadshus AB", "556084546"),
    ("Fristadbostäder AB", "Borås Stadshus AB", "556067216"),
    ("Borås Energi och Miljö AB", "Borås Stadshus AB", "556527355"),
    ("Industribyggnader i Borås AB", "Borås Stadshus AB", "556078542"),
    ("Borås Djurpark AB", "Borås Stadshus AB", "556036791"),
]
EXTERNAL = ["Arbetsförmedlingen", "Polismyndigheten, lokalpolisområde Borås", "Västra Götalandsregionen",
            "Södra Älvsborgs räddningstjänstförbund"]

# (role, e-mail local part, full name, organisation)
USERS = [
    (Role.COORDINATOR, "samordnare", "Karin Lindqvist", "Arbetslivsnämnden"),
    (Role.RESPONDENT, "uppgiftslamnare", "Ahmed Yusuf", "Förskolenämnden"),
    (Role.SECRETARY, "sekreterare", "Eva Johansson", "Förskolenämnden"),
    (Role.KS_OFFICIAL, "ks", "Per Andersson", "Kommunstyrelsen"),
    (Role.AUDITOR, "revisor", "Maria Berg", "Kommunfullmäktige"),
    (Role.POLITICIAN, "politiker", "Lars Nilsson", "Kommunfullmäktige"),
    (Role.ADMIN, "admin", "Sofia Ek", "Kommunstyrelsen"),
]


def with_check_digit(nine_digits: str) -> str:
    """Completes a nine-digit number into a valid organisation number (Luhn)."""
    for digit in "0123456789":
        if luhn_is_valid(nine_digits + digit):
            return f"{nine_digits[:6]}-{nine_digits[6:]}{digit}"
    raise ValueError(nine_digits)


def _email(name: str, mailbox: str = "registrator") -> str:
    table = str.maketrans("åäöé", "aaoe")
    slug = name.lower().translate(table).split(",")[0].replace(" och ", "-").replace(" ", "-")
    return f"{mailbox}.{slug.replace('--', '-')}@{DOMAIN}"


def _organization(municipality, name, kind, parent=None, **extra) -> Organization:
    existing = Organization.objects.filter(municipality=municipality, name=name).first()
    if existing:
        return existing
    data = {"name": name, "kind": kind, "parent": parent, "registry_email": _email(name), **extra}
    if kind in (Kind.BOARD, Kind.COMPANY):
        # The head of the board's administration or the company's managing director.
        data["head_email"] = _email(name, "chef")
    return services.organization_create(municipality=municipality, data=data)


def load(*, context: dict) -> None:
    municipality, _ = Municipality.objects.get_or_create(code="1490", defaults={"name": "Borås"})
    council = _organization(municipality, "Kommunfullmäktige", Kind.COUNCIL, org_number="212000-1561")
    executive = _organization(municipality, "Kommunstyrelsen", Kind.EXECUTIVE_BOARD, council)
    _organization(municipality, "Stadsledningskansliet", Kind.ADMINISTRATION, executive)
    for board_name, administration_name in BOARDS:
        board = _organization(municipality, board_name, Kind.BOARD, council)
        if administration_name:
            administration = _organization(municipality, administration_name, Kind.ADMINISTRATION, board)
            for unit in UNITS.get(administration_name, []):
                _organization(municipality, unit, Kind.UNIT, administration)
    companies = {}
    for name, parent_name, number in COMPANIES:
        parent = companies[parent_name] if parent_name else executive
        companies[name] = _organization(
            municipality, name, Kind.COMPANY, parent, org_number=with_check_digit(number)
        )
    for name in EXTERNAL:
        _organization(municipality, name, Kind.EXTERNAL)

    logins = []
    User = get_user_model()
    for role, local_part, full_name, organization_name in USERS:
        email = f"{local_part}@{DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
        organization = Organization.objects.get(municipality=municipality, name=organization_name)
        if not Membership.objects.filter(user=user, organization=organization, role=role).exists():
            services.membership_add(organization=organization, email=email, full_name=full_name, role=role)
        logins.append((Role(role).label, email, organization_name))

    organizations = Organization.objects.filter(municipality=municipality)
    context["municipality"] = municipality
    context["logins"] = logins
    context.setdefault("summary", []).append(
        f"{organizations.count()} organisations: {organizations.filter(kind=Kind.BOARD).count()} boards, "
        f"{organizations.filter(kind=Kind.COMPANY).count()} companies, "
        f"{organizations.filter(kind=Kind.EXTERNAL).count()} external partners"
    )
