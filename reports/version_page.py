"""What a version's web page shows of its content, read from Django's cache.

A draft's content is compiled from the records of its cycle, which took some forty
milliseconds a request on the demo and grows with the organisations asked; an approved
version's frozen content still had its charts, tables and per-organisation answers
rendered anew on every request. Both are now built once and kept in the cache: the
content the page's forms need (the texts, the missed targets), the read-only parts
rendered to HTML, and what differs from the previous version.

The key says everything the parts depend on: the version and its edit counter, the
language, the day (a late organisation's days late grow with it) and, unless the version
and the one before it are frozen, a fingerprint of the records compiling reads. The
fingerprint (core.fingerprint) is one query of maxima over those tables: the latest
history row of every model with a history, the highest id of every table and, for the
rows without a history of their own, their count. Statistics values change only
through the import, which writes an ImportRun and rebuilds the means.

Around the parts, what the page shows a reader is kept too (page_for_reader): its title,
breadcrumbs and body with the steps' buttons, the list of versions, where the dispatch
stands and the development areas' links, rendered once per state of those and of what
the reader may do. The development areas and dispatches change on a frozen version as
well: a second, small fingerprint of those two tables keys them there (for a draft the
source fingerprint covers them). A request found in the cache reads the versions, one
fingerprint and one cache entry, and renders only the base layout around it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from types import SimpleNamespace

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from core.fingerprint import fingerprint
from reports import selectors
from reports.compile import previous_report
from reports.models import ReportVersion

# A day: the key holds the date anyway, and a stale entry is never read again once the
# records change, so this only bounds how long an unused entry occupies the cache.
TIMEOUT = 24 * 60 * 60
PARTS = "reports/version_detail.html"
# Stands for the CSRF token in the cached HTML; the view puts the request's in its place.
CSRF_PLACEHOLDER = "csrf-placeholder-3f9c2a7e51d84b06"
# The page's parts rendered from the content, and the content's fields its heading shows.
RENDERED = ("main", "development", "previous_development")
# The page's parts around them, rendered once per reader's rights (page_for_reader).
PAGE = ("title", "breadcrumbs", "body")
HEADING = ("title", "program", "period", "coordinator", "year")
# The texts the page previews beneath their forms.
PREVIEWED = ("text", "overall_assessment")

# What compiling reads: the models with a history, and those without (KoladaMunicipality
# for its count; the table linking activity rows to their areas). Key figures' values and
# their county and national means are written only by an import, in the same transaction
# as its ImportRun: that row's id and count stand for them (counting the means, hundreds
# of thousands of rows at the scale data, was a tenth of every request).
TRACKED = (
    "reports.ReportVersion", "reports.AreaAnalysis", "reports.MissedTarget", "reports.DevelopmentArea",
    "steering.Program", "steering.Area", "steering.Goal", "steering.Indicator", "steering.Target",
    "steering.IndicatorValue", "followup.FollowUpCycle", "followup.CycleOrganization", "followup.Answer",
    "followup.ActivityRow", "followup.Questionnaire", "followup.Section", "followup.Question",
    "organizations.Organization", "core.Municipality",
)


UNTRACKED = ("reports.Report", "kpis.ImportRun", "followup.ActivityRow_areas", "kpis.KoladaMunicipality")

# What the page shows beside the body that changes on an approved version too, read by
# the page rather than by compiling: the development areas (marked done in a later cycle,
# also seen through TRACKED) and the dispatches, which have no history: the rows sent and
# the acknowledgements (an UPDATE setting acknowledged_at).
LIVE_TRACKED = ("reports.DevelopmentArea",)
LIVE_UNTRACKED = ("reports.Dispatch",)
LIVE_COLUMNS = (("reports.Dispatch", "acknowledged_at"),)


def source_fingerprint() -> str:
    """A short hash that changes whenever a record that compiling reads, or one that the
    page shows beside the compiled body, changes: one query for both on a draft's page."""
    return fingerprint(tracked=TRACKED, untracked=UNTRACKED + LIVE_UNTRACKED, columns=LIVE_COLUMNS)


def live_fingerprint() -> str:
    """A short hash that changes whenever the development areas or the dispatches change:
    what a frozen version's page shows beside its body."""
    return fingerprint(tracked=LIVE_TRACKED, untracked=LIVE_UNTRACKED, columns=LIVE_COLUMNS)


def _source(version: ReportVersion, previous: ReportVersion | None) -> str | None:
    """The day and the source fingerprint that the page's key holds, or None when the
    version and the one before it are frozen and the key needs neither."""
    approved = ReportVersion.Status.APPROVED
    # An approved version is frozen (a database constraint): asking its status spares
    # reading its content, which is large for many organisations.
    if version.status == approved and (previous is None or previous.status == approved):
        return None
    return f"{timezone.localdate().isoformat()}:{source_fingerprint()}"


def _key(version: ReportVersion, previous: ReportVersion | None, source: str | None = None) -> str:
    before = f"{previous.pk}.{previous.version}" if previous is not None else "-"
    return (f"reports:version-page:{version.pk}.{version.version}:{before}:"
            f"{translation.get_language()}:{source or 'frozen'}")


def version_page(*, version: ReportVersion, previous: ReportVersion | None, forms=None, key: str | None = None) -> dict:
    """The version's page parts: `content` (the content without what is rendered, each
    area with its goals and activities as HTML), `parts` (HTML of the responses and of
    the organisations' answers) and `differences` from `previous`.

    With `forms` (a callable taking the version and the page and returning its unbound
    forms by name),
    also `forms`: each rendered once as a RenderedForm, kept under the same key, since
    a form is rendered from records the key covers (no CSRF token: the page adds it)."""
    key = key or _key(version, previous, _source(version, previous))
    page = cache.get(key)
    if page is None:
        page = _build(version, previous)
        cache.set(key, page, TIMEOUT)
    if forms is not None:
        rendered = cache.get(f"{key}:forms")
        if rendered is None:
            rendered = {name: RenderedForm.of(form) for name, form in forms(version, page).items()}
            cache.set(f"{key}:forms", rendered, TIMEOUT)
        page["forms"] = rendered
    return page


@dataclass(frozen=True)
class Reader:
    """What a reader may do on the page, which changes what it shows (the view decides
    each from the rules): the draft's forms and steps, the approval, the development
    areas' links and a new version, the dispatch status."""

    can_write: bool
    can_approve: bool
    can_change: bool
    can_follow: bool

    @property
    def sees_live(self) -> bool:
        """Sees what live_parts reads: the development areas' links or the dispatch status."""
        return self.can_change or self.can_follow


def page_for_reader(*, version: ReportVersion, versions: list[ReportVersion], reader: Reader,
                    own_dispatches: list = (), forms=None, posted: dict | None = None) -> dict:
    """The page's `title` and `breadcrumbs` as HTML and its `body` as the HTML between its
    CSRF tokens, encoded as UTF-8 (the view joins them with the request's: no search of a
    body that grows with the organisations on every request), from the cache. The body holds
    page_html's parts with the heading, the steps' buttons, the list of `versions` (the
    version's report's, newest first, with the fields in selectors.PAGE_FIELDS), where the
    dispatch stands and the development areas' links, as `reader` may see them, and the
    buttons confirming receipt of `own_dispatches` (the reader's organisations'). `forms`
    and `posted` as page_html takes them; a page with `posted` forms is not kept.

    Kept once per state of the page's parts, of the versions, of the live parts and of
    the reader's rights: a request found in the cache renders only the base layout
    around it (the body's own template work was a tenth of every request on the demo)."""
    previous = next((other for other in versions if other.number < version.number), None)
    source = _source(version, previous)
    live_source = (source or live_fingerprint()) if reader.sees_live else None
    # Everything the body shows beyond page_html's key, hashed to keep the key short.
    shown = (reader, live_source, version.status, version.content_sha256,
             [(other.pk, other.number, other.status) for other in versions],
             [(dispatch.pk, dispatch.organization.name, dispatch.acknowledged_at) for dispatch in own_dispatches])
    # The body's form (encoded) is in the key: an entry kept as text is never read as bytes.
    key = (f"{_key(version, previous, source)}:page-utf8:{'write' if forms is not None else 'read'}:"
           f"{hashlib.blake2b(repr(shown).encode(), digest_size=12).hexdigest()}")
    page = None if posted else cache.get(key)
    if page is None:
        html = page_html(version=version, previous=previous, forms=forms, posted=posted, source=source)
        live = (live_parts(version=version, previous_report_id=html["previous_report_id"], source=live_source)
                if reader.sees_live else {})
        context = {
            "version": version, "content": html["heading"], "versions": versions,
            "is_latest": versions[0].pk == version.pk, "can_write": reader.can_write,
            "can_approve": reader.can_approve, "can_change": reader.can_change,
            "main_html": mark_safe(html["main"]), "organizations_html": mark_safe(html["organizations"]),
            "development_html": mark_safe(html["development"]),
            "previous_development_html": mark_safe(html["previous_development"]),
            "development_areas": live["development_areas"] if reader.can_change else [],
            "previous_development_areas": live["previous_development_areas"] if reader.can_change else [],
            "dispatch_summary": live["dispatch_summary"] if reader.can_follow else None,
            "own_dispatches": own_dispatches, "csrf_token": CSRF_PLACEHOLDER,
        }
        page = {part: render_to_string(f"{PARTS}#{part}", context) for part in PAGE}
        # Kept as the response's bytes: the view splices them in, never through a template
        # or an encoding of a body that grows with the organisations.
        page["body"] = [part.encode() for part in page["body"].split(CSRF_PLACEHOLDER)]
        if not posted:
            cache.set(key, page, TIMEOUT)
    return page


def page_html(*, version: ReportVersion, previous: ReportVersion | None, forms=None,
              posted: dict | None = None, source: str | None = None) -> dict:
    """The page's body as HTML, from the cache: `main` (the differences, the assessment,
    who answered and the areas, with the forms when `forms` is given, as version_page
    takes it), the development areas' tables (`development`, `previous_development`),
    `organizations`, the `heading`'s fields and `previous_report_id`. Its CSRF tokens are CSRF_PLACEHOLDER: the view puts
    the request's in. `posted` (forms posted back with errors, by name) is rendered into
    the page and not kept. `source` is _source's, when the caller has it.

    A request found in the cache renders no template of these, the bulk of the page: on
    the demo the rendering of its seven areas' forms and links was half of every request."""
    key = _key(version, previous, source or _source(version, previous))
    name = f"{key}:html:{'write' if forms is not None else 'read'}"
    html = None if posted else cache.get(name)
    if html is None:
        # The page read only the fields its key and heading need (selectors.PAGE_FIELDS):
        # building reads the rest, the report's cycle and the frozen content among them.
        version = ReportVersion.objects.select_related("report__cycle").get(pk=version.pk)
        page = version_page(version=version, previous=previous, forms=forms, key=key)
        context = _main_context(version, previous, page, posted or {})
        html = {"heading": {name: page["content"][name] for name in HEADING},
                **{part: render_to_string(f"{PARTS}#{part}", context) for part in RENDERED},
                "organizations": page["parts"]["organizations"],
                # The report whose development areas the content names as last year's:
                # the page offers to mark those still open as done.
                "previous_report_id": getattr(previous_report(version.report), "pk", None)}
        if not posted:
            cache.set(name, html, TIMEOUT)
    return html


def live_parts(*, version: ReportVersion, previous_report_id: int | None, source: str) -> dict:
    """What the page shows beside its body for those who follow the report up, from the
    cache: the report's `development_areas`, the `previous_development_areas` that last
    year's report left open (selectors.development_areas_for_page) and, for an approved
    version, its `dispatch_summary` (else None). Keyed by `source`: the page's day and
    fingerprint, which covers these too, or for a frozen page live_fingerprint: one
    query where reading them took two, each costing the page more than its SQL."""
    key = f"reports:version-live:{version.pk}:{version.report_id}:{previous_report_id}:{source}"
    parts = cache.get(key)
    if parts is None:
        own, earlier_open = selectors.development_areas_for_page(
            report_id=version.report_id, previous_report_id=previous_report_id)
        parts = {"development_areas": own, "previous_development_areas": earlier_open,
                 "dispatch_summary": selectors.dispatch_summary(version=version)
                 if version.status == ReportVersion.Status.APPROVED else None}
        cache.set(key, parts, TIMEOUT)
    return parts


def _main_context(version: ReportVersion, previous: ReportVersion | None, page: dict, posted: dict) -> dict:
    content = page["content"]
    rendered = {}
    if "forms" in page:
        # A form posted back with its errors replaces the one rendered from the records.
        rendered = {**page["forms"], **posted}
        for area in content["areas"]:
            area["form"] = rendered[f"analysis-{area['id']}"]
            for missed in area["missed_targets"]:
                missed["form"] = rendered[f"missed-{missed['indicator_id']}"]
    return {"version": version, "previous": previous, "content": content, "parts": page["parts"],
            "differences": page["differences"], "can_write": "forms" in page,
            "assessment_form": rendered.get("assessment"), "csrf_token": CSRF_PLACEHOLDER}


@dataclass
class RenderedForm:
    """An unbound form as the page shows it: its HTML and the instance's fields the page
    previews; Django's forms render through templates, ten of them were half the page."""

    html: str
    instance: SimpleNamespace
    saved: bool = False

    @classmethod
    def of(cls, form) -> RenderedForm:
        model = type(form.instance)
        return cls(html=str(form), instance=SimpleNamespace(**{
            name: getattr(form.instance, name) for name in PREVIEWED if hasattr(model, name)}))

    def __html__(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _build(version: ReportVersion, previous: ReportVersion | None) -> dict:
    content = selectors.version_content(version=version)
    for area in content["areas"]:
        for goal in area["goals"]:
            for indicator in goal["indicators"]:
                indicator["chart"] = selectors.indicator_chart(indicator=indicator, municipality=content["municipality"])
    differences = None
    if previous is not None:
        differences = selectors.version_differences(older=selectors.version_content(version=previous), newer=content)
    context = {"content": content}
    light = {key: value for key, value in content.items() if key not in ("responses", "organizations", "areas")}
    light["areas"] = [
        {"id": area["id"], "name": area["name"], "analysis": area["analysis"], "missed_targets": area["missed_targets"],
         "goals_html": render_to_string(f"{PARTS}#area_goals", {**context, "area": area}),
         "activities_html": render_to_string(f"{PARTS}#area_activities", {**context, "area": area})}
        for area in content["areas"]
    ]
    parts = {
        "responses": render_to_string(f"{PARTS}#responses", context),
        "organizations": render_to_string(f"{PARTS}#organizations", context),
    }
    return {"content": light, "parts": parts, "differences": differences}
