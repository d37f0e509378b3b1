"""The demo program: Borås's "Program för ett integrerat samhälle" with its seven areas,
goals and indicators drawn from the 2021 audit (shared seed 002), and the shortcomings
the Borås and Trollhättan audits (seeds 002 and 004) found, so that the gaps page, the
matrix and the registers have something true to show. Built through the services."""

import datetime

from django.contrib.auth import get_user_model

from organizations.models import Organization
from steering import services
from steering.models import Forum, Indicator, Program, Project, ResponsibilityAssignment, SteeringDocument

PROGRAM_NAME = "Program för ett integrerat samhälle"
Kind = SteeringDocument.Kind
Nature = SteeringDocument.Nature
Role = ResponsibilityAssignment.Role
D = datetime.date

AREAS = [
    ("Arbete", "Fler nyanlända ska komma i arbete och egenförsörjning; den enskilt viktigaste frågan."),
    ("Boende", "De kommunala bostadsbolagen har ett särskilt ansvar att aktivt motverka segregation."),
    ("Utbildning", "Vägar till utbildning för nyanlända, från förskola till vuxenutbildning och sfi."),
    ("Delaktighet", "Nyanlända ska kunna delta i föreningsliv, demokrati och samhällsliv."),
    ("Trygghet", "Borås rent och snyggt: rena och trygga utemiljöer, i samarbete mellan förvaltningar och bolag."),
    ("Folkhälsa", "Jämlik hälsa; nyanlända möter hälsofrämjande insatser tidigt."),
    ("Kultur", "Kulturlivet är tillgängligt för alla boråsare."),
]

# (area, goal, [(indicator, unit, baseline, baseline year, {year: target})]); an empty list is a goal
# without an indicator, and an indicator without targets is one of the gaps the audit found.
GOALS = [
    ("Arbete", "Fler nyanlända kommer i arbete eller studier", [
        ("Andel kvinnor i arbete eller studier 90 dagar efter etableringsuppdraget", "%", 42, 2018, {2024: 48, 2026: 52}),
        ("Andel män i arbete eller studier 90 dagar efter etableringsuppdraget", "%", 61, 2018, {2024: 64, 2026: 66}),
        ("Nyanlända i etableringsuppdraget", "antal", None, None, {}),
    ]),
    ("Boende", "Minskad boendesegregation", []),
    ("Utbildning", "Nyanlända barn börjar i förskola eller skola inom en månad", [
        ("Andel nyanlända barn placerade inom en månad", "%", None, None, {2024: 90, 2026: 95}),
    ]),
    ("Delaktighet", "Fler nyanlända deltar i föreningslivet", [
        ("Antal nyanlända i föreningsaktiviteter", "antal", None, None, {}),
    ]),
    ("Trygghet", "Trygga och rena utemiljöer i alla stadsdelar", []),
    ("Folkhälsa", "Nyanlända erbjuds hälsoinformation under första året", [
        ("Andel nyanlända som deltagit i hälsokommunikation", "%", None, None, {2026: 80}),
    ]),
]

# Indicators read from Kolada (kpis/demo_data, loaded by kpis.demo): (KPI id, the gender the targets are about).
KOLADA_LINKS = {
    "Andel kvinnor i arbete eller studier 90 dagar efter etableringsuppdraget": ("N00973", "K"),
    "Andel män i arbete eller studier 90 dagar efter etableringsuppdraget": ("N00973", "M"),
    "Nyanlända i etableringsuppdraget": ("N00971", "T"),
}
# Values entered by hand for manual indicators (total, not by gender).
MANUAL_VALUES = {
    "Andel nyanlända barn placerade inom en månad": {2022: 81, 2023: 86, 2024: 88},
    "Antal nyanlända i föreningsaktiviteter": {2023: 140, 2024: 185},
}

# (program goal, organisation, sub-goal, indicator or None)
SUBGOALS = [
    ("Fler nyanlända kommer i arbete eller studier", "Arbetslivsnämnden",
     "Fler deltagare i arbetsmarknadsinsatser går vidare till arbete", ("Andel till arbete efter insats", "%", {2025: 40})),
    ("Fler nyanlända kommer i arbete eller studier", "Gymnasie- och vuxenutbildningsnämnden",
     "Fler nyanlända slutför sfi", ("Andel som klarar sfi-kurs", "%", {})),
    ("Nyanlända barn börjar i förskola eller skola inom en månad", "Förskolenämnden",
     "Fler nyanlända barn går i förskola", ("Andel nyanlända barn 1–5 år i förskola", "%", {2025: 85})),
]
# Boards' and companies' own goals not derived from the program: a finding of the audit.
UNLINKED_GOALS = [
    ("Kulturnämnden", "Fler besök på stadens bibliotek"),
    ("AB Bostäder i Borås", "Nöjdare hyresgäster i alla bostadsområden"),
]

# (area, action plan, [(activity, responsible, contributors, start, end, status, target group, result)])
PLANS = [
    ("Arbete", "Handlingsplan arbete 2024–2026", [
        ("Jobbspår med Arbetsförmedlingen", "Arbetslivsnämnden", ["Arbetsförmedlingen", "Gymnasie- och vuxenutbildningsnämnden"],
         D(2024, 1, 15), D(2026, 12, 31), "ongoing", "Nyanlända i etableringsprogrammet", ""),
        ("Språkpraktik i stadens verksamheter", "Arbetslivsnämnden", ["Vård- och äldrenämnden", "Tekniska nämnden"],
         D(2024, 3, 1), D(2025, 6, 30), "done", "Nyanlända med sfi-studier", "62 platser, 21 gick vidare till anställning."),
    ]),
    ("Utbildning", "Handlingsplan utbildning", [
        ("Språkstödjande förskola", "Förskolenämnden", ["Grundskolenämnden"], D(2025, 1, 1), None, "ongoing",
         "Barn med annat modersmål än svenska", ""),
    ]),
    ("Boende", "Handlingsplan boende", [
        ("Bosociala värdar i Hässleholmen", "AB Bostäder i Borås", ["Fritids- och folkhälsonämnden"], D(2024, 5, 1),
         D(2026, 4, 30), "ongoing", "Hyresgäster i utsatta områden", ""),
    ]),
]

# (area, organisation, role, mandate); Trygghet has a coordinator but no one responsible.
RESPONSIBILITIES = [
    ("Arbete", "Arbetslivsnämnden", Role.RESPONSIBLE,
     "Övergripande ansvar för integrationsfrågan; ska vara drivande och har befogenhet att kalla andra nämnder."),
    ("Arbete", "Gymnasie- och vuxenutbildningsnämnden", Role.CONTRIBUTING, "Samverkar om vägar till utbildning."),
    ("Boende", "AB Bostäder i Borås", Role.RESPONSIBLE, "Särskilt ansvar att aktivt motverka segregation."),
    ("Utbildning", "Grundskolenämnden", Role.RESPONSIBLE, "Modersmålsundervisning enligt skollagen."),
    ("Utbildning", "Förskolenämnden", Role.CONTRIBUTING, ""),
    ("Trygghet", "Fritids- och folkhälsonämnden", Role.COORDINATING, "Samordnar Borås rent och snyggt."),
]


def _documents(municipality, org) -> SteeringDocument:
    vision = services.document_create(municipality=municipality, data={
        "title": "Vision Borås 2025", "kind": Kind.STRATEGY, "nature": Nature.ACTIVATING,
        "adopted_by": org("Kommunfullmäktige"), "adopted_on": D(2012, 12, 13), "review_due": D(2025, 12, 31),
    })
    program = services.document_create(municipality=municipality, data={
        "title": PROGRAM_NAME, "kind": Kind.PROGRAM, "nature": Nature.ACTIVATING, "parent": vision,
        "adopted_by": org("Kommunfullmäktige"), "adopted_on": D(2019, 9, 26), "paragraph": "§ 142",
        "registry_number": "KS 2019/00391", "valid_from": D(2019, 10, 1), "review_due": D(2023, 9, 26),
        "responsible": org("Arbetslivsnämnden"),
    })
    children = services.document_create(municipality=municipality, data={
        "title": "Det barnpolitiska programmet", "kind": Kind.PROGRAM, "nature": Nature.ACTIVATING, "parent": vision,
        "adopted_by": org("Kommunfullmäktige"), "adopted_on": D(2020, 2, 13), "review_due": D(2027, 12, 31),
        "responsible": org("Kommunstyrelsen"),
    })
    services.document_create(municipality=municipality, data={
        "title": "Handlingsplan: Socialt hållbart Borås", "kind": Kind.ACTION_PLAN, "nature": Nature.ACTIVATING,
        "parent": children, "adopted_by": org("Kommunstyrelsen"), "adopted_on": D(2018, 6, 4),
        "review_due": D(2022, 12, 31), "responsible": org("Kommunstyrelsen"),
    })
    services.document_create(municipality=municipality, data={
        "title": "Reglemente för Arbetslivsnämnden", "kind": Kind.REGULATION, "nature": Nature.NORMATIVE,
        "adopted_by": org("Kommunfullmäktige"), "adopted_on": D(2018, 11, 22), "review_due": D(2027, 1, 1),
        "responsible": org("Arbetslivsnämnden"),
    })
    return program


def _goals(municipality, org, areas) -> dict:
    goals = {}
    for area_name, title, indicators in GOALS:
        goal = services.goal_create(municipality=municipality, data={"title": title, "area": areas[area_name]})
        goals[title] = goal
        for name, unit, baseline, baseline_year, targets in indicators:
            kpi, gender = KOLADA_LINKS.get(name, ("", Indicator.Gender.TOTAL))
            indicator = services.indicator_create(goal=goal, data={
                "name": name, "unit": unit, "baseline": baseline, "baseline_year": baseline_year,
                "direction": Indicator.Direction.HIGHER, "gender": gender, "kolada_kpi": kpi,
                "source": Indicator.Source.KOLADA if kpi else Indicator.Source.MANUAL,
            })
            for year, value in targets.items():
                services.target_set(indicator=indicator, year=year, value=value)
            for year, value in MANUAL_VALUES.get(name, {}).items():
                services.indicator_value_set(indicator=indicator, year=year, gender=Indicator.Gender.TOTAL, value=value)
    for parent_title, organization, title, indicator in SUBGOALS:
        sub = services.goal_create(municipality=municipality, data={
            "title": title, "parent": goals[parent_title], "organization": org(organization),
        })
        name, unit, targets = indicator
        created = services.indicator_create(goal=sub, data={"name": name, "unit": unit})
        for year, value in targets.items():
            services.target_set(indicator=created, year=year, value=value)
    for organization, title in UNLINKED_GOALS:
        services.goal_create(municipality=municipality, data={"title": title, "organization": org(organization)})
    services.responsibility_assign(
        organization=org("Arbetslivsnämnden"), role=Role.RESPONSIBLE, goal=goals["Fler nyanlända kommer i arbete eller studier"],
        mandate="Följer upp målet årligen och rapporterar till kommunstyrelsen.",
    )
    return goals


def _registers(municipality, org, goals) -> None:
    coordinator = get_user_model().objects.filter(email="samordnare@boras.example").first()
    for data in [
        {"name": "Jobbspår vård och omsorg", "purpose": "Utbildning med anställning för nyanlända inom vården.",
         "owner": org("Arbetslivsnämnden"), "goal": goals["Fler nyanlända kommer i arbete eller studier"],
         "budget": 2400000, "funding_source": "Europeiska socialfonden", "start_date": D(2022, 1, 1),
         "end_date": D(2023, 12, 31)},
        {"name": "Sommarlovsentreprenörer", "purpose": "Sommarjobb som egna företagare för ungdomar i utsatta områden.",
         "owner": org("Arbetslivsnämnden"), "budget": 350000, "funding_source": "Egen budget",
         "start_date": D(2024, 6, 1), "end_date": D(2024, 8, 31)},
        {"name": "Områdesutveckling Hässleholmen", "purpose": "Trygghet och delaktighet i bostadsområdet; "
         "rapporteras bara till moderbolaget och når inte kommunstyrelsen.",
         "owner": org("AB Bostäder i Borås"), "goal": goals["Minskad boendesegregation"], "budget": 1800000,
         "funding_source": "Bolagets budget", "start_date": D(2021, 1, 1), "end_date": D(2023, 6, 30)},
        {"name": "Språkvän", "purpose": "Volontärer som språkvänner för nyanlända familjer.",
         "owner": org("Kulturnämnden"), "budget": 150000, "funding_source": "Egen budget",
         "start_date": D(2025, 9, 1), "end_date": D(2027, 6, 30)},
    ]:
        project = services.project_create(municipality=municipality, data=data)
        if project.name == "Jobbspår vård och omsorg":
            services.project_evaluate(project=project, seen_version=project.version, data={
                "evaluated_on": D(2024, 3, 15), "results": "34 deltagare, 22 anställda inom vården efter ett år.",
                "goal_fulfilment": Project.Fulfilment.PARTLY, "lessons": "Språkstöd på arbetsplatsen behövs längre.",
            })
    for data, members in [
        ({"name": "Lokal samverkan med Arbetsförmedlingen", "kind": Forum.Kind.EXTERNAL,
          "convener": org("Arbetslivsnämnden"), "purpose": "Samordna insatser för nyanlända i etableringsprogrammet.",
          "meeting_frequency": "Varje månad", "status": Forum.Status.ACTIVE, "last_evaluated_on": D(2025, 11, 20)},
         ["Arbetsförmedlingen", "Arbetslivsnämnden", "Gymnasie- och vuxenutbildningsnämnden"]),
        ({"name": "Integrationsrådet", "kind": Forum.Kind.INTERNAL, "convener": org("Kommunstyrelsen"),
          "purpose": "Förvaltningsövergripande samråd om integration.", "meeting_frequency": "Fyra gånger per år",
          "status": Forum.Status.DORMANT},
         ["Arbetslivsnämnden", "Förskolenämnden", "Grundskolenämnden", "Kulturnämnden"]),
        ({"name": "Brottsförebyggande rådet", "kind": Forum.Kind.EXTERNAL, "convener": org("Kommunstyrelsen"),
          "purpose": "Trygghetsarbete med polisen och räddningstjänsten.", "meeting_frequency": "Sex gånger per år",
          "status": Forum.Status.ACTIVE, "last_evaluated_on": D(2024, 2, 1)},
         ["Polismyndigheten, lokalpolisområde Borås", "Södra Älvsborgs räddningstjänstförbund",
          "Fritids- och folkhälsonämnden", "AB Bostäder i Borås"]),
    ]:
        services.forum_create(municipality=municipality, data={**data, "members": [org(m) for m in members]})
    for data in [
        {"title": "Årlig uppföljning av programmet", "organization": org("Arbetslivsnämnden"), "owner": coordinator,
         "description": "Enkät till alla nämnders och bolags registratorer, sammanställning i PM till kommunstyrelsen.",
         "review_due": D(2024, 12, 31)},
        {"title": "Analys av statistik från Kolada", "organization": org("Arbetslivsnämnden"), "owner": coordinator,
         "description": "Jämförelse med länet och alla kommuner, per kön, vid årsbokslutet.",
         "review_due": D(2027, 6, 30)},
    ]:
        services.routine_create(municipality=municipality, data=data)


def load(*, context: dict) -> None:
    municipality = context["municipality"]
    if not Program.objects.filter(municipality=municipality, name=PROGRAM_NAME).exists():
        organizations = {o.name: o for o in Organization.objects.filter(municipality=municipality)}
        org = organizations.__getitem__
        document = _documents(municipality, org)
        program = services.program_create(municipality=municipality, data={
            "name": PROGRAM_NAME, "document": document, "owner": org("Arbetslivsnämnden"),
            "start_year": 2020, "end_year": 2026,
            "description": "Fastställt av kommunfullmäktige 15 januari 2015, reviderat 26 september 2019. "
                           "Gäller alla nämnder, styrelser, förvaltningar och bolag.",
        })
        areas = {
            name: services.area_create(program=program, data={"name": name, "description": text, "position": index})
            for index, (name, text) in enumerate(AREAS, start=1)
        }
        # The documents exist before the areas they cover, so their areas are added here.
        for title, area_names in [("Det barnpolitiska programmet", ["Utbildning", "Trygghet"]),
                                  (PROGRAM_NAME, [name for name, _text in AREAS]),
                                  ("Handlingsplan: Socialt hållbart Borås", ["Folkhälsa", "Delaktighet"])]:
            SteeringDocument.objects.get(municipality=municipality, title=title).areas.add(
                *[areas[name] for name in area_names]
            )
        goals = _goals(municipality, org, areas)
        for area_name, title, activities in PLANS:
            plan = services.action_plan_create(area=areas[area_name], data={"title": title})
            for name, responsible, contributors, start, end, status, group, result in activities:
                services.activity_create(action_plan=plan, data={
                    "title": name, "responsible": org(responsible), "contributors": [org(c) for c in contributors],
                    "start_date": start, "end_date": end, "status": status, "target_group": group, "result": result,
                })
        for area_name, organization, role, mandate in RESPONSIBILITIES:
            services.responsibility_assign(organization=org(organization), role=role, area=areas[area_name],
                                           mandate=mandate)
        _registers(municipality, org, goals)
    program = Program.objects.get(municipality=municipality, name=PROGRAM_NAME)
    context.setdefault("summary", []).append(
        f"Program '{program.name}': {program.areas.count()} areas, "
        f"{sum(area.goals.count() for area in program.areas.all())} goals"
    )
