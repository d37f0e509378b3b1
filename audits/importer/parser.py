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

from .draft import NO_STRUCTURE_FOUND, AuditDraft, OverallAssessment
from .municipalities import find_municipality
from .names import canonical_name, clean_name, find_org_names, fold
from .questions import assessment_of, extract_questions
from .recommendations import extract_recommendations
from .structure import Unit, content_lines, find_dates, heading_kind, sentences, units
from .text import fold_whitespace, normalize_text

FIRMS = (
    ("PwC", re.compile(r"\b(?:PwC|PWC|Pwc|PricewaterhouseCoopers|Öhrlings)\b")),
    ("EY", re.compile(r"\b(?:EY|Ernst\s*&\s*Young)\b")),
    ("KPMG", re.compile(r"\bKPMG\b")),
    ("Deloitte", re.compile(r"\bDeloitte\b", re.IGNORECASE)),
    ("Grant Thornton", re.compile(r"\bGrant\s+Thornton\b", re.IGNORECASE)),
    ("BDO", re.compile(r"\bBDO\b")),
    ("Forvis Mazars", re.compile(r"\b(?:Forvis\s+)?Mazars\b", re.IGNORECASE)),
)
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

_OVERALL = re.compile(
    r"(?:(?:samlade|sammanfattande|sammanfattade|övergripande|sammantagna|sammanvägda|samlad|slutliga)\s+"
    r"bedömning(?:en)?\s+(?:(?:är|blir|utifrån\s+granskningen\s+är)\s+)?att"
    r"|(?:sammantaget|sammanfattningsvis|sammanvägt|övergripande)\s+(?:bedömer\s+vi|är\s+vår\s+bedömning|gör\s+vi\s+bedömningen)\s+att"
    r"|vi\s+bedömer\s+(?:därmed\s+|således\s+)?(?:sammantaget|sammanfattningsvis|övergripande)\s+att)"
    r"\s+(?P<rest>.+)",
    re.IGNORECASE | re.DOTALL,
)
_OVERALL_LABEL = re.compile(
    r"^(?:vår\s+)?(?:samlad|samlade|sammanfattande|övergripande)\s+bedömning\s*:\s*(?P<label>[\wåäöÅÄÖ ]{2,25})$",
    re.IGNORECASE,
)
# Where the subject of an overall assessment ends: its verb or the assessing word.
_SUBJECT_END = re.compile(
    r"\b(?:delvis|inte|ej|icke|i\s+allt\s+väsentligt|i\s+huvudsak|huvudsakligen|till\s+viss\s+del|"
    r"har|är|bedriver|bedrivit|bedrivs|säkerställ\w*|bedöms|kan|har\s+haft|haft|uppfyller|fullgjort|"
    r"fullgör|styr|följer|arbetar)\b",
    re.IGNORECASE,
)
_PARTLY = re.compile(r"\b(?:delvis|till\s+viss\s+del|inte\s+helt|inte\s+fullt\s+ut|i\s+vissa\s+delar|i\s+begränsad\s+utsträckning)\b", re.IGNORECASE)
_NEGATIVE = re.compile(r"\b(?:inte|ej|icke|brister|bristfällig\w*|otillräcklig\w*|saknas|saknar)\b", re.IGNORECASE)

_RESPONSE_REQUEST = re.compile(
    r"(?:\bsvar\b|\bsvara\b|yttrande|yttra\s+sig|besvara\w*|besked|redovis\w+\s+(?:vilka\s+)?åtgärder)",
    re.IGNORECASE,
)
_DEADLINE = re.compile(r"\b(?:senast|före|innan|till\s+och\s+med|t\.?\s?o\.?\s?m\.?|senare\s+än)\b", re.IGNORECASE)


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
        if kind:
            sections.append(Section(kind, line))
        else:
            sections[-1].lines.append(line)
    return sections


def parse_audit(*, text: str, extra_names: Iterable[str] = ()) -> AuditDraft:
    """Return a draft audit read from a report's text; an empty draft with a message if none is found."""
    extra_names = list(extra_names)
    normalized = normalize_text(text=text)
    lines = content_lines(normalized)
    sections = split_sections(lines)
    draft = AuditDraft(source_text=text)

    draft.questions = extract_questions(sections=sections)
    context = _bodies_named(sections, extra_names)
    draft.recommendations = extract_recommendations(sections=sections, extra_names=extra_names, context=context)
    draft.overall_assessments = _overall_assessments(sections, extra_names, context)
    if draft.is_empty:
        draft.messages.append(NO_STRUCTURE_FOUND)
        return draft

    flat = "\n".join(lines)
    _set(draft, "title", _title(lines))
    _set(draft, "municipality", find_municipality(text=flat))
    _set(draft, "auditor", _auditor(flat))
    _set(draft, "commissioned_by", _commissioned_by(flat))
    _set(draft, "date", _report_date(lines))
    _response_requested(draft, sections, extra_names, context)
    return draft


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


def _auditor(text: str) -> tuple[str | None, str | None]:
    best, best_position, snippet = None, None, None
    assignment = _ASSIGNMENT.search(text)
    for name, pattern in FIRMS:
        # The firm named beside the assignment did the audit; another may only be cited.
        if assignment:
            window_start = max(0, assignment.start() - 80)
            match = pattern.search(text[window_start : assignment.end() + 80])
            if match:
                return name, _line_at(text, window_start + match.start())
        match = pattern.search(text)
        if match and (best_position is None or match.start() < best_position):
            best, best_position = name, match.start()
            snippet = _line_at(text, match.start())
    return best, snippet


def _line_at(text: str, position: int) -> str:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end >= 0 else len(text)]


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


# --- assessments and the requested answer ------------------------------------------

def _overall_assessments(sections, extra_names, context) -> list[OverallAssessment]:
    found: list[OverallAssessment] = []
    for section in sections:
        if section.kind == "answers":
            continue
        for unit in section.units:
            label = _OVERALL_LABEL.match(unit.text)
            if label and assessment_of(label.group("label")):
                found.append(OverallAssessment(None, assessment_of(label.group("label")), unit.text, unit.text))
                continue
            for sentence in sentences(unit.text):
                match = _OVERALL.search(sentence)
                if match:
                    found.extend(_overall_from(sentence, match.group("rest"), extra_names, context))
    # The first of each body and assessment, in the order found.
    unique: dict[tuple[str | None, str | None], OverallAssessment] = {}
    for item in found:
        unique.setdefault((item.body, item.assessment), item)
    return list(unique.values())


def _overall_from(sentence, rest, extra_names, context) -> list[OverallAssessment]:
    end = _SUBJECT_END.search(rest)
    subject = rest[: end.start()] if end else ""
    bodies = find_org_names(text=subject, extra_names=extra_names, context=context)
    if not bodies and subject.strip() and len(subject.split()) <= 5 and not re.match(r"^(?:det|den|detta|arbetet|granskningen)\b", subject.strip(), re.IGNORECASE):
        bodies = [canonical_name(name=subject, extra_names=extra_names, context=context)]
    if _PARTLY.search(rest):
        assessment = "partly"
    elif _NEGATIVE.search(rest):
        assessment = "no"
    else:
        assessment = "yes"
    text = fold_whitespace(sentence).lstrip("❖•●-– ")
    return [OverallAssessment(body, assessment, text, sentence) for body in bodies or [None]]


def _response_requested(draft: AuditDraft, sections, extra_names, context) -> None:
    for section in sections:
        for unit in section.units:
            for sentence in sentences(unit.text):
                if not (_RESPONSE_REQUEST.search(sentence) and _DEADLINE.search(sentence)):
                    continue
                deadline = _DEADLINE.search(sentence)
                dates = [found for found in find_dates(sentence) if found.start >= deadline.start()]
                if not dates:
                    continue
                draft.response_by = dates[0].iso
                draft.response_from = find_org_names(text=sentence, extra_names=extra_names, context=context)
                draft.raw["response_requested"] = sentence
                return
