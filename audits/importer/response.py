"""A board's formal answer to an audit report (svar på revisionsrapport).

Such a text is a minutes extract: the board, § and diarienummer in the header,
a decision section ("Förskolenämndens beslut: Att tillstyrka ..."), the
recommendations quoted, and the board's view on each, often by ordinal ("När
det gäller första punkten ..."). Matching is done on folded text (no
diacritics), so OCR that drops the dots ("Forskolenamnden", "stiller sig
bakom") still reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz

from .draft import NO_RESPONSE_STRUCTURE_FOUND, RecommendationAnswer, ResponseDraft
from .names import canonical_name, find_org_names, fold
from .structure import content_lines, find_dates, heading_kind, is_generic_heading, units
from .text import ImportFileError, fold_whitespace, normalize_text

_RESPONSE_MARKERS = (
    r"svar\s*pa\s*(?:revisions|gransknings)?rapport",
    r"yttrande\s+(?:over|angaende|med anledning av)\s+(?:revisions|gransknings)?rapport",
    r"\b\w+(?:n[aid]mnd|styrelse)ns\s+beslut\b",
    r"\btillstyrk", r"\bavstyrk", r"sammantradesdatum", r"\bdnr\b|diarienummer",
    r"§\s*\d+", r"beslutsunderlag", r"expedieras\s+till", r"protokollsutdrag|utdrag ur protokoll",
    r"\bjusterare\b|\bjusterandes\b", r"forslag till beslut",
)
_AUDIT_MARKERS = (
    r"revisionsfraga", r"revisionskriteri", r"\biakttagelser\b", r"vi rekommenderar|rekommenderar vi",
    r"syftet med granskningen|granskningens syfte", r"revisionell bedomning",
    r"(?:samlade|sammanfattande|sammanfattade) bedomning", r"kontrollmal", r"\bavgransning",
    r"sakkunnig|revisionsbitrade",
)
_DECISION_HEADING = re.compile(r"^(?:(?P<org>.{3,60}?)s\s+beslut|beslut|forslag till beslut|beslutsforslag)\s*:?$")
_DECISION_END = re.compile(
    r"^(?:sammanfattning|arendet|beskrivning|beslutsunderlag|bakgrund|yttrande|arendebeskrivning|ekonomi)"
)
_DECIDES = re.compile(r"\bbeslutar\s+(?:att\s+)?|\bbeslutade\s+(?:att\s+)?")
_REJECTS = re.compile(r"\bavstyrk")
_PARTLY = re.compile(
    r"\bdelvis\s+(?:tillstyrk|instamm|st[aie]ll\w*\s+sig\s+bakom|ansluter)|"
    r"(?:tillstyrk|instamm|bakom)\w*\s+(?:\w+\s+){0,3}delvis\b"
)
_ENDORSES = re.compile(
    r"\btillstyrk|\bst[aie]ll\w*\s+sig\s+(?:\w+\s+){0,3}bakom|\binstamm|\bansluter\s+sig\s+till|\bgodtar\s+rekommendation"
)
_MEETING_LABEL = re.compile(r"(?:sammantradesdatum|sammantrade(?:t)?(?:\s+den)?|motesdatum|protokoll\s+fran\s+sammantrade)\s*:?\s*")
_PARAGRAPH = re.compile(r"§\s*(\d{1,4})")
_REGISTRY = re.compile(
    r"\b(?:dnr|diarienr|diarienummer|dnr\.)\s*[:.]?\s*"
    r"(?P<number>(?:[A-ZÅÄÖ]{1,6}[\s-]?)?(?:19|20)\d{2}\s?[-/.:]\s?\d{1,6}(?:[-/.]\d{1,6})?)",
    re.IGNORECASE,
)
_AUDIT_TITLE = re.compile(
    r"(?:svar\s*p[aå]\s*|yttrande\s+över\s+|yttrande\s+angående\s+)(?:revisions|gransknings)?rapport(?:en)?\s*[-–:]?\s*(?P<title>.+)",
    re.IGNORECASE,
)
_ORDINALS = {
    "forsta": 1, "andra": 2, "tredje": 3, "fjarde": 4, "fjirde": 4, "fjdrde": 4, "femte": 5,
    "sjatte": 6, "sjitte": 6, "sjunde": 7, "attonde": 8, "nionde": 9, "tionde": 10,
}
_ORDINAL = re.compile(
    r"\b(?P<word>" + "|".join(_ORDINALS) + r")\s+(?:punkten|rekommendationen|att-satsen|punkt)\b"
    r"|\brekommendation(?:en)?\s+(?:nr\.?\s*)?(?P<digit>\d{1,2})\b"
)
# Titles this alike (folded, word sets) name the same audit, as quotes this alike are the same recommendation.
SAME_AUDIT = 80
OTHER_AUDIT = _(
    "Protokollet gäller en annan granskning (”{found}”) än den här (”{title}”). "
    "Kontrollera att du har valt rätt protokoll; inget har ändrats."
)
# A board's answer quotes a handful of recommendations; past this many a text is not one.
MAX_QUOTED = 200
_INTRO = re.compile(r"(?:rekommend|\bbor\b|\bbör\b|foljande)", re.IGNORECASE)


def detect_document_kind(*, text: str) -> str | None:
    """Return "response" for a board's answer to an audit, "audit" for a report, None if neither."""
    folded = fold(normalize_text(text=text))
    response = sum(1 for pattern in _RESPONSE_MARKERS if re.search(pattern, folded))
    audit = sum(1 for pattern in _AUDIT_MARKERS if re.search(pattern, folded))
    if response >= 3 and response > audit:
        return "response"
    if audit >= 2:
        return "audit"
    return None


def parse_response(
    *, text: str, extra_names: Iterable[str] = (), audit_title: str | None = None, recommendations: Iterable[str] = ()
) -> ResponseDraft:
    """Return a draft answer read from a board's decision text; empty with a message if none is found.

    Given the audit it should answer (`audit_title`, its `recommendations`), raises
    ImportFileError (OTHER_AUDIT) for a text that names another audit and quotes none of them.
    """
    extra_names = list(extra_names)
    lines = content_lines(normalize_text(text=text))
    draft = ResponseDraft(source_text=text)
    decision_lines = _decision_lines(lines)

    draft.organization, raw = _organization(lines, extra_names)
    _keep(draft, "organization", raw)
    decision_text = fold_whitespace(" ".join(decision_lines))
    draft.decision = classify_decision(decision_text)
    _keep(draft, "decision", decision_text if draft.decision else None)
    draft.meeting_date, raw = _meeting_date(lines)
    _keep(draft, "meeting_date", raw)
    draft.paragraph, raw = _first(_PARAGRAPH, lines)
    _keep(draft, "paragraph", raw)
    draft.registry_number, raw = _registry_number(lines)
    _keep(draft, "registry_number", raw)
    draft.audit_title, raw = _audit_title(lines)
    _keep(draft, "audit_title", raw)
    draft.answers = _answers(lines)
    if audit_title:
        _check_same_audit(draft, audit_title=audit_title, recommendations=list(recommendations))
    if draft.is_empty:
        draft.messages.append(NO_RESPONSE_STRUCTURE_FOUND)
    return draft


def _check_same_audit(draft: ResponseDraft, *, audit_title: str, recommendations: list[str]) -> None:
    if not draft.audit_title:
        return  # the minutes name no audit: nothing says it is another one
    if fuzz.token_set_ratio(fold(draft.audit_title), fold(audit_title)) >= SAME_AUDIT:
        return
    wanted = [fold(text) for text in recommendations]
    quoted = [fold(answer.recommendation) for answer in draft.answers if answer.recommendation]
    # A retitled audit is still the same one if the minutes quote its recommendations.
    if any(fuzz.partial_ratio(one, other) >= SAME_AUDIT for one in quoted for other in wanted[:MAX_QUOTED]):
        return
    raise ImportFileError(OTHER_AUDIT.format(found=draft.audit_title, title=audit_title))


def classify_decision(text: str) -> str | None:
    """"endorses", "partly" or "rejects" for a decision's wording, None if it says neither."""
    folded = fold(text)
    rejects, endorses = bool(_REJECTS.search(folded)), bool(_ENDORSES.search(folded))
    if _PARTLY.search(folded) or (rejects and endorses):
        return "partly"
    if rejects:
        return "rejects"
    if endorses:
        return "endorses"
    return None


def _keep(draft: ResponseDraft, name: str, raw: str | None) -> None:
    if raw:
        draft.raw[name] = raw


def _decision_lines(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if _DECISION_HEADING.match(fold(line)):
            taken = []
            for following in lines[index + 1 : index + 12]:
                if _DECISION_END.match(fold(following)) or (taken and is_generic_heading(following, taken[-1])):
                    break
                taken.append(following)
            return taken
    for line in lines:
        if _DECIDES.search(fold(line)):
            return [line]
    return []


def _organization(lines: list[str], extra_names: list[str]) -> tuple[str | None, str | None]:
    for line in lines:
        match = _DECISION_HEADING.match(fold(line))
        if match and match.group("org"):
            name = canonical_name(name=line[: len(match.group("org"))], extra_names=extra_names)
            if name:
                return name, line
    for line in lines[:8]:
        names = find_org_names(text=line, extra_names=extra_names)
        if names:
            return names[0], line
    return None, None


def _meeting_date(lines: list[str]) -> tuple[str | None, str | None]:
    for index, line in enumerate(lines):
        label = _MEETING_LABEL.search(fold(line))
        if not label:
            continue
        # The date may sit on the label's line or, in a table header, on the next.
        for candidate in (line[label.end():], *lines[index + 1 : index + 2]):
            dates = find_dates(candidate)
            if dates and dates[0].start <= 3:
                return dates[0].iso, f"{line}\n{candidate}".strip()
    return None, None


def _first(pattern: re.Pattern, lines: list[str]) -> tuple[str | None, str | None]:
    for line in lines:
        match = pattern.search(line)
        if match:
            return match.group(1), line
    return None, None


def _registry_number(lines: list[str]) -> tuple[str | None, str | None]:
    for line in lines:
        match = _REGISTRY.search(line)
        if match:
            return re.sub(r"\s+", " ", match.group("number")).strip(), line
    return None, None


def _audit_title(lines: list[str]) -> tuple[str | None, str | None]:
    for index, line in enumerate(lines):
        match = _AUDIT_TITLE.search(line)
        if not match:
            continue
        parts = [match.group("title")]
        for following in lines[index + 1 : index + 3]:
            if following[:1].islower():
                parts.append(following)
            else:
                break
        title = fold_whitespace(" ".join(parts)).strip(" \"“”'")
        return title, "\n".join(lines[index : index + len(parts)])
    return None, None


def _answers(lines: list[str]) -> list[RecommendationAnswer]:
    recommendations = _quoted_recommendations(lines)
    parts = units(lines)
    answers: list[RecommendationAnswer] = []
    # Each answer's paragraphs, joined once at the end rather than at every paragraph.
    paragraphs: list[list[str]] = []
    for unit in parts:
        ordinal = _ORDINAL.search(fold(unit.text)) if unit.kind == "prose" else None
        if ordinal:
            number = _ORDINALS[ordinal.group("word")] if ordinal.group("word") else int(ordinal.group("digit"))
            quoted = recommendations[number - 1] if number <= len(recommendations) else None
            answers.append(RecommendationAnswer(number, quoted, ""))
            paragraphs.append([unit.text])
        elif answers and unit.kind == "prose" and not _ends_answers(unit.text):
            paragraphs[-1].append(unit.text)
        elif answers:
            break
    for answer, texts in zip(answers, paragraphs):
        answer.text = " ".join(fold_whitespace(text) for text in texts)
        answer.raw = "\n".join(texts)
    if len(answers) < 2:
        answers = _answers_after_items(parts, recommendations)
    for answer in answers:
        answer.decision = classify_decision(answer.text)
    return answers


def _ends_answers(text: str) -> bool:
    return bool(heading_kind(text)) or is_generic_heading(text, ".")


def _quoted_recommendations(lines: list[str]) -> list[str]:
    """The recommendations the answer quotes, as list items after an introducing line."""
    found: list[str] = []
    folded_found: list[str] = []
    intro = False
    for unit in units(lines):
        if unit.kind != "item":
            if unit.text.endswith(":"):
                intro = bool(_INTRO.search(fold(unit.text)))
            elif is_generic_heading(unit.text, "."):
                intro = False
            continue
        if not intro:
            continue
        folded = fold(unit.text)
        if not any(fuzz.ratio(folded, other) >= 85 for other in folded_found):
            found.append(fold_whitespace(unit.text))
            folded_found.append(folded)
            # Each item is compared with every one kept: the cap keeps that linear.
            if len(found) == MAX_QUOTED:
                break
    return found


def _answers_after_items(parts, recommendations: list[str]) -> list[RecommendationAnswer]:
    # "• utveckla uppföljningen ..." followed by "Nämnden anser att ..." : the
    # prose under a quoted recommendation is the board's answer to it.
    answers: list[RecommendationAnswer] = []
    folded_recommendations = [fold(quoted) for quoted in recommendations]
    for position, unit in enumerate(parts[:-1]):
        following = parts[position + 1]
        if unit.kind != "item" or following.kind != "prose" or following.text.endswith(":") or _is_caption(following.text):
            continue
        folded = fold(unit.text)
        number = next(
            (index + 1 for index, quoted in enumerate(folded_recommendations) if fuzz.ratio(quoted, folded) >= 85),
            None,
        )
        if number is None or any(answer.number == number for answer in answers):
            continue
        answers.append(RecommendationAnswer(number, recommendations[number - 1], fold_whitespace(following.text), raw=following.text))
    return sorted(answers, key=lambda answer: answer.number)


def _is_caption(text: str) -> bool:
    # "Förvaltningens yttrande" after the quoted list opens the answers; it answers nothing.
    return not text.endswith((".", "!", "?")) and len(text.split()) <= 6
