"""A realistic compiled `Content` built by hand after reports.content, so that the outputs
are built and tested without the compiler: seven areas as in Borås's program for social
sustainability, and a generator for many organisations (the speed figure).

`frozen_version` makes an approved ReportVersion that keeps such a content, as a frozen
version does in production."""

from __future__ import annotations

import hashlib
import json
import random

from reports.content import SCHEMA, Content

AREAS = ["Arbete", "Boende", "Utbildning", "Delaktighet", "Trygghet", "Folkhälsa", "Kultur"]
INDICATORS = {
    "Arbete": [("Andel invånare 20–64 år i arbete", "procent", "higher"),
               ("Långtidsarbetslöshet 25–64 år", "procent", "lower")],
    "Boende": [("Andel hushåll med trångboddhet", "procent", "lower"),
               ("Antal vräkningar per 100 000 invånare", "antal", "lower")],
    "Utbildning": [("Elever i åk 9 behöriga till yrkesprogram", "procent", "higher"),
                   ("Gymnasieelever med examen inom 4 år", "procent", "higher")],
    "Delaktighet": [("Valdeltagande i kommunvalet", "procent", "higher"),
                    ("Andel invånare som känner tillit till andra", "procent", "higher")],
    "Trygghet": [("Andel som känner sig trygga utomhus på kvällen", "procent", "higher"),
                 ("Anmälda våldsbrott per 100 000 invånare", "antal", "lower")],
    "Folkhälsa": [("Andel med bra självskattat hälsotillstånd", "procent", "higher"),
                  ("Ohälsotal", "dagar", "lower")],
    "Kultur": [("Besök på bibliotek per invånare", "antal", "higher"),
               ("Barn 7–15 år i kulturskolan", "procent", "higher")],
}
KINDS = ["Nämnd", "Bolag", "Förvaltning"]
TARGET_GROUPS = ["Barn och unga", "Vuxna", "Äldre", "Nyanlända"]
FULFILMENTS = [
    {"code": "met", "text": "Uppfyllt", "color": "success", "reason": "Värdet når målvärdet."},
    {"code": "partly_met", "text": "Delvis uppfyllt", "color": "warning",
     "reason": "Värdet har förbättrats men når inte målvärdet."},
    {"code": "not_met", "text": "Inte uppfyllt", "color": "danger", "reason": "Värdet når inte målvärdet."},
]
SAMPLE_ORGANIZATIONS = 12


def _organization_names(count: int) -> list[tuple[str, str]]:
    known = [("Arbetslivsnämnden", "Nämnd"), ("Förskolenämnden", "Nämnd"), ("Grundskolenämnden", "Nämnd"),
             ("Individ- och familjeomsorgsnämnden", "Nämnd"), ("Kulturnämnden", "Nämnd"),
             ("Vård- och äldrenämnden", "Nämnd"), ("Fritids- och folkhälsonämnden", "Nämnd"),
             ("AB Bostäder i Borås", "Bolag"), ("Borås Energi och Miljö AB", "Bolag"),
             ("Sociala omsorgsnämnden", "Nämnd"), ("Servicenämnden", "Nämnd"), ("Kommunstyrelsen", "Nämnd")]
    names = known[:count]
    names += [(f"Organisation {n} – verksamhet för {AREAS[n % 7].lower()}", KINDS[n % 3])
              for n in range(len(names) + 1, count + 1)]
    return names


def _indicator(rng: random.Random, ident: int, name: str, unit: str, direction: str, year: int) -> dict:
    base = rng.uniform(20, 80)
    series = []
    for offset, point_year in enumerate(range(year - 5, year + 1)):
        own = round(base + rng.uniform(-4, 4) + offset * (1 if direction == "higher" else -1), 1)
        series.append({"year": point_year, "own": own, "county": round(own + rng.uniform(-6, 6), 1),
                       "national": round(own + rng.uniform(-5, 5), 1)})
    # One year without an own value: charts and tables must show a gap, not a zero.
    series[1]["own"] = None
    value = series[-1]["own"]
    return {
        "id": ident, "name": name, "unit": unit, "direction": direction, "source": "Kolada",
        "year": year, "value": value, "target": round(value + rng.uniform(-3, 5), 1), "target_year": year + 1,
        "fulfilment": dict(rng.choice(FULFILMENTS)), "county_name": "Västra Götalands län", "series": series,
    }


def _activity(rng: random.Random, organization: str, area: str, n: int) -> dict:
    return {
        "organization": organization,
        "title": f"{area}: insats {n} för {rng.choice(['föräldrar', 'unga vuxna', 'seniorer', 'grannar'])}",
        "target_group": rng.choice(TARGET_GROUPS),
        "cost": rng.choice([None, float(rng.randrange(10_000, 900_000, 1000))]),
        "result": "Insatsen nådde fler deltagare än planerat; uppföljning sker under nästa år.",
    }


def sample_content(*, organizations: int = SAMPLE_ORGANIZATIONS, year: int = 2025, seed: int = 13) -> Content:
    """A whole compiled report for `organizations` answering organisations over the seven areas."""
    rng = random.Random(seed)
    orgs = _organization_names(organizations)
    areas, ident = [], 0
    for area_id, area in enumerate(AREAS, start=1):
        goals, by_group = [], {}
        for goal_n in range(2):
            indicators = []
            for name, unit, direction in INDICATORS[area][goal_n:goal_n + 1]:
                ident += 1
                indicators.append(_indicator(rng, ident, name, unit, direction, year))
            goals.append({"id": area_id * 10 + goal_n, "title": f"{area}: mål {goal_n + 1} – fler invånare ska "
                          f"ha goda förutsättningar inom {area.lower()}",
                          "organization": None if goal_n == 0 else orgs[area_id % len(orgs)][0],
                          "indicators": indicators})
        for org_n, (organization, _kind) in enumerate(orgs):
            if (org_n + area_id) % 2 == 0:
                activity = _activity(rng, organization, area, org_n)
                by_group.setdefault(activity["target_group"], []).append(activity)
        areas.append({
            "id": area_id, "name": area,
            "analysis": (f"Inom {area.lower()} har utvecklingen varit blandad. Flera nämnder och bolag "
                         "rapporterar fler insatser än förra året, men skillnaderna mellan stadsdelarna "
                         "består. Arbetsmarknadsutbildningar och samverkan med civilsamhället lyfts fram."),
            "goals": goals,
            "activities_by_target_group": dict(sorted(by_group.items())),
            "missed_targets": [{"indicator": goals[0]["indicators"][0]["name"],
                                "cause": "Färre platser än planerat under hösten.",
                                "action": "Fler platser upphandlas till våren.", "owner": orgs[0][0]}],
            "changes_since_last_year": [f"Andelen som svarat inom {area.lower()} ökade från 80 till 92 procent."],
        })
    responses, organization_contents = [], []
    for n, (organization, kind) in enumerate(orgs):
        late = n % 5 == 4
        responses.append({"organization": organization, "kind": kind, "status": "Inskickad",
                          "submitted_on": f"{year}-03-{10 + n % 20:02}", "days_late": 3 if late else 0,
                          "answered": True})
        organization_contents.append({
            "name": organization, "kind": kind,
            "answers": [{"area": area, "question": f"Vilka insatser har ni gjort inom {area.lower()}?",
                         "answer": f"{organization} har arbetat med {area.lower()} genom riktade insatser."}
                        for area in AREAS],
            "activities": [_activity(rng, organization, area, n) for area in AREAS[:2]],
        })
    development = [{"title": f"Stärkt samverkan inom {area.lower()}", "area": area, "owner": orgs[0][0],
                    "actions": "Gemensam handlingsplan med civilsamhället.", "due_date": f"{year + 1}-12-31",
                    "status": "Pågår", "outcome": ""} for area in AREAS[:3]]
    previous = [{**item, "due_date": f"{year}-12-31", "status": "Klart", "outcome": "Handlingsplanen är antagen."}
                for item in development[:2]]
    return {
        "schema": SCHEMA, "title": f"Uppföljningsrapport {year}", "municipality": "Borås Stad",
        "program": "Program för ett socialt hållbart Borås", "period": "2021–2025", "year": year,
        "coordinator": "Kommunstyrelsen", "compiled_at": f"{year + 1}-04-15T10:00:00+02:00",
        "overall_assessment": ("Sammantaget går utvecklingen åt rätt håll inom arbete och utbildning, "
                               "medan tryggheten och boendet behöver fortsatt uppmärksamhet."),
        "areas": areas, "responses": responses, "organizations": organization_contents,
        "development_areas": development, "previous_development_areas": previous,
    }


def content_sha256(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def frozen_version(*, content: dict | None = None, cycle=None, **extra):
    """An approved version of a new report that keeps `content` (the sample by default)."""
    from followup.tests.factories import CycleFactory
    from reports.models import Report, ReportVersion

    content = content if content is not None else sample_content()
    report = Report.objects.create(cycle=cycle or CycleFactory())
    return ReportVersion.objects.create(report=report, number=1, status=ReportVersion.Status.APPROVED,
                                        content=content, content_sha256=content_sha256(content), **extra)
