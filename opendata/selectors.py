"""The open datasets: tables read from the frozen content of published report versions,
and from nothing else, so that no draft, no submitted and no approved-but-unpublished
version can reach them. A report published in several versions counts with its newest.

Column names are English, stable and documented (`Dataset.columns`); a change to them is a
change to a public interface."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _

from core.models import Municipality
from reports.models import ReportVersion
from reports.services.publication import published_versions

RESPONSE_ON_TIME, RESPONSE_LATE, RESPONSE_MISSING = "on_time", "late", "missing"


@dataclass(frozen=True)
class Column:
    name: str
    description: Promise


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Promise
    description: Promise
    keywords: tuple[Promise, ...]
    columns: tuple[Column, ...]
    rows: Callable[[list[ReportVersion]], list[list]]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


@dataclass
class Published:
    """What every open URL is built from: the newest published version of each report."""

    versions: list[ReportVersion]

    @property
    def issued(self) -> datetime | None:
        return min((v.published_at for v in self.versions), default=None)

    @property
    def modified(self) -> datetime | None:
        return max((v.published_at for v in self.versions), default=None)

    @cached_property
    def municipality(self) -> Municipality | None:
        """The publisher: the municipality whose reports are published (one per installation)."""
        by_name = {v.report.cycle.program.municipality.name: v.report.cycle.program.municipality
                   for v in self.versions}
        if by_name:
            return by_name[min(by_name)]
        # Nothing published yet: the installation's municipality all the same (one query).
        return Municipality.objects.order_by("name").first()

    @property
    def years(self) -> list[int]:
        return sorted({v.report.cycle.year for v in self.versions})


def published(*, with_content: bool = True) -> Published:
    """The newest published version of every report, newest year first; one query. The page
    and the catalogue describe the versions without reading their (large) content."""
    versions = published_versions() if with_content else published_versions().defer("content")
    newest, seen = [], set()
    for version in versions:
        if version.report_id not in seen:
            seen.add(version.report_id)
            newest.append(version)
    return Published(versions=newest)


def _common(version: ReportVersion) -> list:
    content = version.content
    return [content.get("year"), content.get("municipality"), content.get("program")]


def _mean(value: float | None) -> float | None:
    # The unweighted means are kept unrounded in the content; two decimals are what they carry.
    return None if value is None else round(value, 2)


def indicator_rows(versions: list[ReportVersion]) -> list[list]:
    """One row per report, indicator and year of its series; the target and the goal
    fulfilment stand on the row of the year the report judged."""
    rows = []
    for version in versions:
        common = _common(version)
        for area in version.content.get("areas", []):
            for goal in area.get("goals", []):
                for indicator in goal.get("indicators", []):
                    points = {point["year"]: point for point in indicator.get("series", [])}
                    judged = indicator.get("year")
                    years = sorted(set(points) | ({judged} if judged is not None else set())) or [None]
                    fulfilment = indicator.get("fulfilment") or {}
                    for year in years:
                        point = points.get(year, {})
                        is_judged = year == judged
                        rows.append([
                            *common, area.get("name"), goal.get("title"), goal.get("organization"),
                            indicator.get("id"), indicator.get("name"), indicator.get("unit"),
                            indicator.get("direction"), indicator.get("source"), year,
                            point.get("own"), indicator.get("county_name") or None, _mean(point.get("county")),
                            _mean(point.get("national")),
                            indicator.get("target") if is_judged else None,
                            indicator.get("target_year") if is_judged else None,
                            fulfilment.get("code") if is_judged else None,
                            fulfilment.get("text") if is_judged else None,
                        ])
    return rows


def _response_code(response: dict) -> str:
    if not response.get("answered"):
        return RESPONSE_MISSING
    return RESPONSE_LATE if response.get("days_late", 0) > 0 else RESPONSE_ON_TIME


def response_rows(versions: list[ReportVersion]) -> list[list]:
    """One row per report and organisation asked: answered on time, late or not at all."""
    rows = []
    for version in versions:
        common = _common(version)
        for response in version.content.get("responses", []):
            rows.append([
                *common, response.get("organization"), response.get("kind"), _response_code(response),
                response.get("status"), response.get("submitted_on"), response.get("days_late"),
            ])
    return rows


_REPORT_COLUMNS = (
    Column("report_year", _("Året som rapporten följer upp.")),
    Column("municipality", _("Kommunen.")),
    Column("program", _("Programmet (styrdokumentet) som följs upp.")),
)

DATASETS = {
    dataset.slug: dataset
    for dataset in [
        Dataset(
            slug="indikatorer",
            title=_("Indikatorer med målvärden och måluppfyllelse"),
            description=_(
                "Indikatorerna i kommunens publicerade uppföljningsrapporter: kommunens värde per år "
                "bredvid länets och rikets ovägda medelvärden, målvärdet och måluppfyllelsen för det "
                "år som rapporten bedömer."
            ),
            keywords=(_("indikatorer"), _("måluppfyllelse"), _("uppföljning"), _("nyckeltal")),
            columns=(
                *_REPORT_COLUMNS,
                Column("area", _("Målområdet.")),
                Column("goal", _("Målet.")),
                Column("goal_organization", _("Organisationen som har målet; tom för programmets eget mål.")),
                Column("indicator_id", _("Indikatorns id i Uppsikt, samma i alla rapporter.")),
                Column("indicator", _("Indikatorns namn.")),
                Column("unit", _("Enheten.")),
                Column("direction", _("higher om ett högre värde är bättre, lower om ett lägre är bättre.")),
                Column("source", _("Källan till värdena, till exempel Kolada.")),
                Column("year", _("Året som värdena gäller.")),
                Column("municipality_value", _("Kommunens värde.")),
                Column("county", _("Länet som kommunen jämförs med.")),
                Column("county_mean", _("Länets kommuners ovägda medelvärde, två decimaler.")),
                Column("country_mean", _("Alla kommuners ovägda medelvärde, två decimaler.")),
                Column("target", _("Målvärdet; bara på raden för året som rapporten bedömer.")),
                Column("target_year", _("Året som målvärdet gäller.")),
                Column("fulfilment", _("Måluppfyllelsen: met, partly_met, not_met eller no_value.")),
                Column("fulfilment_text", _("Måluppfyllelsen i ord, på svenska.")),
            ),
            rows=indicator_rows,
        ),
        Dataset(
            slug="svar",
            title=_("Uppföljningens svar per organisation"),
            description=_(
                "Vilka nämnder och bolag som svarade på den årliga uppföljningen i tid, sent eller inte "
                "alls, ur kommunens publicerade uppföljningsrapporter."
            ),
            keywords=(_("uppföljning"), _("svarsfrekvens"), _("nämnder"), _("bolag")),
            columns=(
                *_REPORT_COLUMNS,
                Column("organization", _("Nämnden eller bolaget som ombads svara.")),
                Column("organization_kind", _("Slaget av organisation, på svenska: Nämnd, Bolag …")),
                Column("response", _("on_time om svaret kom i tid, late om det kom sent, missing om inget svar kom.")),
                Column("status", _("Svarets status i uppföljningen, på svenska.")),
                Column("submitted_on", _("Dagen då svaret lämnades in (ÅÅÅÅ-MM-DD); tom om inget svar kom.")),
                Column("days_late", _("Dagar efter sista svarsdag; 0 i tid. Utan svar: dagar efter sista svarsdag "
                                      "då rapporten sammanställdes.")),
            ),
            rows=response_rows,
        ),
    ]
}


def dataset_table(dataset: Dataset, source: Published) -> tuple[list[str], list[list]]:
    """The dataset's header and rows; every row has one cell per column."""
    return dataset.column_names, dataset.rows(source.versions)
