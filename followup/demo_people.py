"""Who answers the follow-up in the demo municipality: a named respondent and a backup
in every board and company, as a real municipality names them, so that the invitations,
reminders, escalations and the completeness matrix show people rather than blanks. The
people are invented; each has the respondent role in the organisation they answer for
and no password (the seven demo logins are organizations.demo's). Safe to run twice."""

from django.contrib.auth import get_user_model

from core.models import Municipality
from organizations import services
from organizations.demo import DOMAIN
from organizations.models import Membership, Organization

# organisation → (respondent, backup), each (full name, title). The demo login
# uppgiftslamnare@boras.example is Förskolenämnden's respondent already.
DEMO_RESPONDENT = (f"uppgiftslamnare@{DOMAIN}", "Utvecklingsledare")
RESPONDENTS = {
    "Arbetslivsnämnden": (("Johanna Berglund", "Utvecklingsledare integration"),
                          ("Mohammed Al-Khatib", "Verksamhetsutvecklare")),
    "Förskolenämnden": (None, ("Linnea Holm", "Kvalitetsutvecklare")),
    "Grundskolenämnden": (("Anders Sjöberg", "Utvecklingsstrateg"), ("Fatima Hassan", "Utredare")),
    "Gymnasie- och vuxenutbildningsnämnden": (("Helena Wikström", "Verksamhetscontroller"),
                                              ("Dragan Petrović", "Utvecklingsledare sfi")),
    "Individ- och familjeomsorgsnämnden": (("Maria Lundgren", "Kvalitetsstrateg"),
                                           ("Abdirahman Warsame", "Enhetschef")),
    "Kulturnämnden": (("Elin Strand", "Kulturstrateg"), ("Jonas Ekström", "Verksamhetsutvecklare")),
    "Fritids- och folkhälsonämnden": (("Sara Nyberg", "Folkhälsostrateg"), ("Ali Rezaei", "Utvecklingsledare")),
    "Miljö- och konsumentnämnden": (("Peter Håkansson", "Miljöstrateg"), ("Emma Sandberg", "Utredare")),
    "Samhällsbyggnadsnämnden": (("Karl Fredriksson", "Planeringsstrateg"),
                                ("Leila Mansour", "Översiktsplanerare")),
    "Vård- och äldrenämnden": (("Annika Forsberg", "Kvalitetsutvecklare"), ("Goran Nikolić", "Verksamhetscontroller")),
    "Sociala omsorgsnämnden": (("Ingrid Blom", "Utvecklingsledare"), ("Hodan Abdi", "Kvalitetssamordnare")),
    "Tekniska nämnden": (("Mikael Engström", "Verksamhetscontroller"), ("Sofia Axelsson", "Utredare")),
    "Servicenämnden": (("Lena Carlsson", "HR-strateg"), ("Omar Haddad", "Verksamhetsutvecklare")),
    "Lokalförsörjningsnämnden": (("Jan Isaksson", "Lokalstrateg"), ("Nadia Karimi", "Controller")),
    "Överförmyndarnämnden": (("Birgitta Olofsson", "Handläggare"), ("Tomas Lindberg", "Enhetschef")),
    "Valnämnden": (("Camilla Björk", "Valsamordnare"), ("Erik Wallin", "Kanslichef")),
    "Borås Stadshus AB": (("Magnus Hellström", "Ekonomichef"), ("Katarina Persson", "Bolagsjurist")),
    "AB Bostäder i Borås": (("Yasmin Osman", "Hållbarhetsstrateg"), ("Fredrik Nordin", "Uthyrningschef")),
    "Fristadbostäder AB": (("Malin Gustavsson", "Kundansvarig"), ("Samir Begić", "Fastighetsförvaltare")),
    "Borås Energi och Miljö AB": (("Henrik Dahl", "Hållbarhetschef"), ("Amina Jusufović", "Kommunikatör")),
    "Industribyggnader i Borås AB": (("Ulrika Sundqvist", "Ekonomichef"), ("Daniel Mattsson", "Projektledare")),
    "Borås Djurpark AB": (("Therese Lind", "Pedagogisk chef"), ("Kristian Bergqvist", "Marknadschef")),
}


def demo_email(full_name: str) -> str:
    """johanna.berglund@boras.example: the name without accents, as a municipality's addresses are."""
    table = str.maketrans("åäöéćčšžÅÄÖÉĆČŠŽ", "aaoeccszAAOECCSZ")
    local = ".".join(full_name.translate(table).lower().replace("-", "").split())
    return f"{local}@{DOMAIN}"


def load(*, context: dict) -> None:
    municipality = Municipality.objects.get(code="1490")
    organizations = {
        organization.name: organization
        for organization in Organization.objects.filter(municipality=municipality, name__in=RESPONDENTS)
    }
    User = get_user_model()
    email, title = DEMO_RESPONDENT
    User.objects.filter(email=email, title="").update(title=title)
    named = 0
    for organization_name, people in RESPONDENTS.items():
        organization = organizations[organization_name]
        for person in people:
            if person is None:
                continue
            full_name, title = person
            email = demo_email(full_name)
            if not User.objects.filter(email=email).exists():
                # No password: the invented people are there to be named, not to log in.
                User.objects.create_user(email=email, full_name=full_name, title=title)
            if not Membership.objects.filter(user__email=email, organization=organization,
                                             role=Membership.Role.RESPONDENT).exists():
                services.membership_add(organization=organization, email=email, full_name=full_name,
                                        role=Membership.Role.RESPONDENT)
            named += 1
    context.setdefault("summary", []).append(
        f"{named} named respondents and backups in {len(RESPONDENTS)} boards and companies"
    )
