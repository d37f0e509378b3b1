"""The checks added after the first six: the analysis of challenges and opportunities (the
Borås audit's second question) and the Trollhättan audit's findings: steering documents in
harmony, projects started and evaluated by a decided structure, and the companies' results
reaching KS. Pure functions over oversight.checks.ProgramData, like the first six."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from oversight.models import CheckKey
from oversight.parts import Link, Part, step
from oversight.results import CheckResult, _result, combined

if TYPE_CHECKING:
    from oversight.checks import ProgramData


def analysis(data: ProgramData) -> CheckResult:
    """Per area of the latest approved report: an analysis written, and figures set beside
    the county's or the country's."""
    year = data.this_year
    if year is None or year.analysis_year is None:
        return _result(CheckKey.ANALYSIS, _("Det finns ingen godkänd rapport ännu, och därmed ingen analys per område."), None)
    areas = year.areas
    values = {"year": year.analysis_year}
    if not areas:
        return _result(CheckKey.ANALYSIS, _("Den godkända rapporten %(year)s har inga områden.") % values, None)
    link = Link(_("Rapporten %(year)s") % values, year.analysis_url)
    analysed = sum(a.analysed for a in areas)
    compared = sum(a.compared for a in areas)
    return combined(CheckKey.ANALYSIS, [
        Part(_("%(met)s av %(total)s områden har en analys i den godkända rapporten %(year)s.") % {
            **values, "met": analysed, "total": len(areas)}, analysed, len(areas),
            tuple(Link(a.name, year.analysis_url) for a in areas if not a.analysed), yearly=True),
        Part(_("%(met)s av %(total)s områden jämför statistiken med länet eller riket.") % {
            "met": compared, "total": len(areas)}, compared, len(areas),
            (link,) if compared < len(areas) else (), yearly=True),
    ])


def documents(data: ProgramData) -> CheckResult:
    """Steering documents in harmony: none overlapping another of its type, each placed in
    the hierarchy, each with a review date that has not passed."""
    docs = data.documents
    if not docs:
        return _result(CheckKey.DOCUMENTS, _("Registret har inga styrdokument ännu."), None)
    total = len(docs)

    def part(text, ok):
        met = [d for d in docs if ok(d)]
        return Part(text % {"met": len(met), "total": total}, len(met), total,
                    tuple(Link(d.title, d.url) for d in docs if not ok(d)))

    return combined(CheckKey.DOCUMENTS, [
        part(_("%(met)s av %(total)s styrdokument överlappar inte något annat av samma typ."), lambda d: not d.overlapping),
        part(_("%(met)s av %(total)s styrdokument har en plats i dokumenthierarkin."), lambda d: d.in_hierarchy),
        part(_("%(met)s av %(total)s styrdokument har ett datum för översyn som inte har passerat."),
             lambda d: d.review_due and not d.review_overdue),
    ])


def projects(data: ProgramData) -> CheckResult:
    """Projects initiated with a goal and a budget, and every ended project evaluated."""
    items = data.projects
    if not items:
        return _result(CheckKey.PROJECTS, _("Projektregistret är tomt."), None)
    initiated = [p for p in items if p.initiated]
    ended = [p for p in items if p.ended]
    evaluated = [p for p in ended if p.evaluated]
    parts = [Part(_("%(met)s av %(total)s projekt startades med mål och budget.") % {
        "met": len(initiated), "total": len(items)}, len(initiated), len(items),
        tuple(Link(p.name, p.url) for p in items if not p.initiated))]
    if ended:
        parts.append(Part(_("%(met)s av %(total)s avslutade projekt är utvärderade.") % {
            "met": len(evaluated), "total": len(ended)}, len(evaluated), len(ended),
            tuple(Link(p.name, p.url) for p in ended if not p.evaluated)))
    else:
        parts.append(Part(_("Inget projekt har avslutats ännu.")))
    return combined(CheckKey.PROJECTS, parts)


def companies(data: ProgramData) -> CheckResult:
    """The municipality's companies (every one in force, asked or not) answered the latest
    follow-up past its deadline, and KS took up the report that holds their answers."""
    if not data.companies:
        return _result(CheckKey.COMPANIES, _("Kommunen har inga bolag i organisationsregistret."), None)
    year = data.this_year
    if year is None or year.cycle_year is None:
        return _result(CheckKey.COMPANIES, _("Ingen uppföljning har genomförts för %(year)s.") % {"year": data.year}, None)
    answered = [c for c in year.companies if c.answered]
    values = {"year": year.cycle_year}
    parts = [Part(_("%(met)s av %(total)s bolag svarade i uppföljningen %(year)s.") % {
        **values, "met": len(answered), "total": len(year.companies)}, len(answered), len(year.companies),
        tuple(Link(c.name, c.url) for c in year.companies if not c.answered), yearly=True)]
    report = year.report
    if report is None:
        parts.append(Part(_("Rapporten för uppföljningen %(year)s är inte påbörjad.") % values, 0, 1,
                          (Link(_("Uppföljningen %(year)s") % values, year.cycle_url),), yearly=True))
    else:
        parts.append(step(_("Bolagens svar har nått kommunstyrelsen genom rapporten %(year)s.") % values,
                          _("Kommunstyrelsen har inte tagit del av rapporten %(year)s med bolagens svar.") % values,
                          report.ks_decided, report.url))
    return combined(CheckKey.COMPANIES, parts)
