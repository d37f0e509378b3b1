"""Read an audit report's text into a draft audit for a reviewer to check.

Approach: reports from PwC, EY, KPMG and Deloitte share a genre, not a layout,
and arrive as PDF text or OCR with broken lines and misread letters. So the
text is normalised (hyphen breaks joined), cut into lines (running headers and
page numbers dropped) and into sections at headings recognised by OCR-tolerant
patterns on folded text ("Rekommendationer", "Svar på revisionsfrågorna",
"Revisionell bedömning", ...). Each field then has its own reader that looks
for the genre's phrasing, not for positions: questions in questions.py,
recommendations in recommendations.py, the rest below. Every reader keeps the
source text it used, and leaves a field None (or empty) rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from . import fields
from .draft import (
    BODIES_GUESSED,
    NO_FIRM_NAMED,
    NO_RECOMMENDATIONS_STATED,
    NO_STRUCTURE_FOUND,
    NOT_IN_TEXT,
    RECOMMENDATIONS_CUT_OFF,
    TEXT_CUT_OFF,
    VERDICT_CUT_OFF,
    VERDICT_UNCLEAR,
    YEAR_GUESSED,
    AuditDraft,
)
from .fields import sentence_parts
from .municipalities import find_municipality
from .names import clean_name, find_org_names, fold
from .questions import extract_questions
from .recommendations import extract_recommendations
from .structure import Unit, content_lines, cut_off_line, find_dates, heading_kind, units
from .text import fold_whitespace, normalize_text

_ASSIGNMENT = re.compile(
    r"(?:på\s+uppdrag\s+av|på\s+uppdrag\s+från|uppdrag\s+från)\s+(?P<a>[^.,;\n]{3,90}?)"
    r"(?=\s+(?:genomfört|granskat|gjort|har|i\s+uppgift|under|,|\.)|[.,;]|$)"
    r"|(?P<b>[A-ZÅÄÖ][^.,;\n]{2,90}?)\s+har\s+(?:gett|givit|gav|lämnat|uppdragit|anlitat)\s+"
    r"|\bav\s+(?P<c>[^.,;\n]{3,90}?)\s+fått\s+i\s+uppdrag",
    re.IGNORECASE,
)
# Who commissions an audit: the elected auditors under one of their names.
_COMMISSIONER = re.compile(r"revision|revisor", re.IGNORECASE)
_IN_MUNICIPALITY = re.compile(r"\s+(?:i|för|inom)\s+[A-ZÅÄÖ][\wåäö-]+(?:s)?(?:\s+(?:kommun|[Ss]tad|region))?.*$")
_DATE_LABEL = re.compile(r"\b(?:datum|rapportdatum|daterad)\s*:?\s*", re.IGNORECASE)
_TITLE_SKIP = re.compile(
    r"^(?:revisionsrapport|granskningsrapport|rapportsammandrag|rapport|missiv|sammanfattning|"
    r"innehåll|datum|dnr|diarienummer|version|sida|www\.|stadsrevisionen|kommunrevisionen|"
    r"revisorerna|de förtroendevalda revisorerna|sakkunnigt biträde|utkast|slutrapport|"
    r"pwc|ey|kpmg|deloitte|grant thornton|bdo|mazars|forvis)\b",
    re.IGNORECASE,
)
_TITLE_PREFIX = re.compile(r"^(?:revisionsrapport|granskningsrapport|rapport)\s*[:\-–]\s*", re.IGNORECASE)
MAX_TITLE_WORDS = 16
FRONT_LINES = 25

@dataclass
class Section:
    kind: str  # "front", "recommendations", "answers", "summary", "questions", "assessment", "other"
    heading: str | None
    lines: list[str] = field(default_factory=list)

    @cached_property
    def units(self) -> list[Unit]:
        """The section's items and prose, grouped once for every reader (read after the lines are complete)."""
        return units(self.lines)

    @property
    def pure(self) -> bool:
        """A section only about recommendations, not "Samlad bedömning och rekommendationer"."""
        heading = fold(self.heading or "")
        return self.kind == "recommendations" and not re.search(r"bedomning|slutsats|sammanfattning|iakttagelse", heading)


def split_sections(lines: list[str]) -> list[Section]:
    sections = [Section("front", None)]
    for line in lines:
        kind = heading_kind(line)
        if kind and not _column_header(sections[-1], line):
            sections.append(Section(kind, line))
        else:
            sections[-1].lines.append(line)
    return sections


def _column_header(section: Section, line: str) -> bool:
    # A flattened table's column heads ("Revisionsfråga", "Bedömning") stay in its section.
    return section.kind == "answers" and len(section.lines) < 3 and bool(_COLUMN.match(fold(line)))


_COLUMN = re.compile(r"^(?:revisionsfragan?|revisionsfragor|fraga|kontrollmal|svar|bedomning|kommentar)$")


def parse_audit(*, text: str, extra_names: Iterable[str] = ()) -> AuditDraft:
    """Return a draft audit read from a report's text, with every field it could not read or
    only guessed listed (draft.not_found, draft.guessed); a message if no structure is found."""
    extra_names = list(extra_names)
    normalized = normalize_text(text=text)
    lines = content_lines(normalized)
    sections = split_sections(lines)
    draft = AuditDraft(source_text=text)
    cut = cut_off_line(lines)
    if cut:
        draft.messages.append(TEXT_CUT_OFF)

    draft.questions = extract_questions(sections=sections, cut_off=cut)
    context = _bodies_named(sections, extra_names)
    found = extract_recommendations(sections=sections, extra_names=extra_names, context=context)
    draft.recommendations = found.recommendations
    parts = [part for section_parts in sentence_parts(sections) for part in section_parts]
    draft.overall_assessments, unclear = fields.overall_assessments(parts, extra_names=extra_names, context=context)

    flat = "\n".join(lines)
    _set(draft, "title", _title(lines))
    _set(draft, "municipality", find_municipality(text=flat))
    auditor = fields.auditor(flat)
    draft.auditor = auditor.value
    _keep(draft, "auditor", auditor.sentence)
    _set(draft, "commissioned_by", _commissioned_by(flat))
    _set(draft, "date", _report_date(lines))
    requested = fields.response_requested(parts, extra_names=extra_names, context=context, reference=draft.date)
    if requested.value:
        draft.response_from, draft.response_by = requested.value
        draft.raw["response_requested"] = requested.sentence
    audited = fields.audited_bodies(parts, extra_names=extra_names, context=context)
    draft.audited_bodies = audited.value
    _keep(draft, "audited_bodies", audited.sentence)

    _report_gaps(draft, found=found, unclear=unclear, cut=cut, requested=requested)
    # An empty draft always says why: a cut-off list says so above, otherwise nothing was found.
    if draft.is_empty and (not found.cut_off or not draft.messages):
        draft.messages.append(NO_STRUCTURE_FOUND)
    return draft


def _keep(draft: AuditDraft, name: str, raw: str | None) -> None:
    if raw:
        draft.raw[name] = raw


def _report_gaps(draft: AuditDraft, *, found, unclear: list[str], cut: str | None, requested) -> None:
    """List, field by field, what was not read or only guessed, with the sentence behind it."""
    if draft.auditor is None:
        draft.missing("auditor", NO_FIRM_NAMED)
    if not draft.audited_bodies:
        bodies = [item.body for item in draft.overall_assessments if item.body]
        bodies = bodies or [item.addressee for item in draft.recommendations if item.addressee]
        draft.audited_bodies = list(dict.fromkeys(bodies))
        if draft.audited_bodies:
            draft.guess("audited_bodies", BODIES_GUESSED, None)
        else:
            draft.missing("audited_bodies")
    if not draft.overall_assessments:
        sentence = unclear[0] if unclear else None
        note = VERDICT_CUT_OFF if sentence and cut and fold_whitespace(cut) in fold_whitespace(sentence) else (
            VERDICT_UNCLEAR if sentence else NOT_IN_TEXT)
        draft.missing("overall_assessments", note, sentence)
    for question in draft.questions:
        if question.assessment is None:
            draft.missing("questions", NOT_IN_TEXT, question.text)
    if found.cut_off:
        for intro in found.cut_off:
            draft.missing("recommendations", RECOMMENDATIONS_CUT_OFF, intro)
    elif found.none_stated:
        draft.messages.append(NO_RECOMMENDATIONS_STATED)
    elif not draft.recommendations:
        draft.missing("recommendations")
    if requested.value is None:
        draft.missing("response_by")
    elif requested.guessed:
        draft.guess("response_by", YEAR_GUESSED, requested.sentence)


def _set(draft: AuditDraft, name: str, found: tuple[str | None, str | None]) -> None:
    value, raw = found
    setattr(draft, name, value)
    if raw:
        draft.raw[name] = raw


def _bodies_named(sections: list[Section], extra_names: list[str]) -> list[str]:
    # Bodies the recommendations and assessments name explicitly decide what a
    # bare "nämnden" or "styrelsen" refers to, when only one fits.
    wanted = [section for section in sections if section.kind in ("recommendations", "summary")]
    text = "\n".join(line for section in wanted for line in section.lines)
    return find_org_names(text=text, extra_names=extra_names)


# --- front matter -------------------------------------------------------------

def _title(lines: list[str]) -> tuple[str | None, str | None]:
    for index, line in enumerate(lines[:FRONT_LINES]):
        if heading_kind(line) and not _TITLE_SKIP.match(line):
            return None, None  # the body has begun before any title
        prefixed = _TITLE_PREFIX.match(line)
        if prefixed and len(line) > prefixed.end():
            line = line[prefixed.end():]
        elif _TITLE_SKIP.match(line) or find_dates(line) or not re.search(r"[a-zåäö]{3}", line):
            continue
        if len(line.split()) > MAX_TITLE_WORDS or line.endswith((".", ",", ";")):
            return None, None  # prose: this text has no title page
        if not line[:1].isupper():
            continue
        parts = [line]
        # A title wraps: "Integration och etablering" / "i Borås Stad".
        for following in lines[index + 1 : index + 3]:
            if following[:1].islower() and len(following.split()) <= 8:
                parts.append(following)
            else:
                break
        title = fold_whitespace(" ".join(parts)).strip(" -–:|")
        return title, "\n".join(lines[index : index + len(parts)])
    return None, None


def _commissioned_by(text: str) -> tuple[str | None, str | None]:
    for match in _ASSIGNMENT.finditer(text):
        who = match.group("a") or match.group("b") or match.group("c")
        if not who or not _COMMISSIONER.search(who):
            continue
        who = _IN_MUNICIPALITY.sub("", who.strip())
        # "Lunds kommuns revisorer": the municipality is a field of its own.
        who = re.sub(r"^(?:[A-ZÅÄÖ][\wåäö-]+\s+(?:kommuns|stads)\s+|kommunens\s+|stadens\s+|regionens\s+)", "", who)
        if who.lower().startswith("de "):
            return who[0].lower() + who[1:], fold_whitespace(match.group(0))
        return clean_name(who), fold_whitespace(match.group(0))
    return None, None


def _report_date(lines: list[str]) -> tuple[str | None, str | None]:
    """The report's own date: labelled "Datum", alone on the cover, or by the signature."""
    for line in lines:
        label = _DATE_LABEL.search(line)
        if label:
            dates = find_dates(line[label.end():])
            if dates and dates[0].start == 0:
                return dates[0].iso, line
    for line in lines[:FRONT_LINES]:
        if heading_kind(line) in ("summary", "other", "answers", "recommendations") and not _TITLE_SKIP.match(line):
            break
        dates = find_dates(line)
        # Dates inside sentences are events the report describes, not its own date.
        if dates and len(line) <= len(dates[0].raw) + 25:
            return dates[0].iso, line
    for line in reversed(lines[-15:]):
        # "Göteborg den 3 maj 2021" above the signatures.
        dates = find_dates(line)
        if dates and len(line.split()) <= 8 and re.search(r"\bden\s*$", line[: dates[0].start]):
            return dates[0].iso, line
    return None, None


