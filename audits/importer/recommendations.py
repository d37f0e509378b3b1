"""Recommendations: who is asked to do what.

Read from sections headed as recommendations and from any passage that a
recommending phrase opens ("Vi rekommenderar kommunstyrelsen att:",
"Utifrån granskningen lämnas följande rekommendationer:"). Inside those,
"X bör ...", "rekommenderar vi X att ...", "X rekommenderas att ..." and list
items after an introducing line become recommendations. A recommendation to
several bodies becomes one per body, since each body answers for itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .draft import Recommendation
from .names import clean_name, find_org_names, fold, ocr_fold, ocr_pattern
from .structure import Unit, is_generic_heading, sentences, units

TRIGGER = re.compile(
    r"\b(?:vi\s+rekommenderar|rekommenderar\s+vi|rekommenderas|följande\s+rekommendation(?:er)?|"
    r"lämnar\s+vi\s+följande|vi\s+lämnar\s+följande|lämnas\s+följande|rekommendationer\s+till)\b",
    re.IGNORECASE,
)
_RECOMMEND = re.compile(
    r"\brekommenderar\s+(?:vi\b\s*)?(?:därför\s+|också\s+|även\s+|härmed\s+)?(?P<addr>.{0,140}?)\s*"
    r"(?:\batt\b|\bföljande\b|:|$)\s*(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_RECOMMENDED = re.compile(
    r"^(?P<addr>.{0,120}?)\s*\brekommenderas\s+(?:(?!att\b)(?P<addr2>[^:]{0,120}?)\s+)?(?:att\b|:)\s*(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_SHOULD = re.compile(
    r"^(?P<addr>.{0,120}?)\s+(?:bör|borde|behöver|ska|skall)\s+(?:även\s+|också\s+|därför\s+|vidare\s+)?(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_FOLLOWING = re.compile(
    r"\b(?:lämna[rs]?|ges|ger)\s+(?:vi\s+)?följande\s+rekommendation"
    r"|\bföljande\s+rekommendationer\s+(?:prioriteras|lämnas|ges)",
    re.IGNORECASE,
)
# "Granskningen föranleder inga rekommendationer": an empty list the report states.
_NONE_STATED = ocr_pattern(
    r"\b(?:foranleder|ger|lamnas|lamnar\s+vi|finns)\s+(?:\w+\s+)?(?:inga|ingen|inte\s+nagra)\s+(?:\w+\s+)?rekommendation"
)
_ADDRESSEE_LINE = re.compile(r"^(?:till\s+|rekommendationer?\s+till\s+)?(?P<addr>[^.]{3,80}?):?$", re.IGNORECASE)
# Text that only introduces a list, with nothing asked yet.
_INTRO_REST = re.compile(r"^(?:i detta avseende|bland annat|följande|även|också|vidare)?\s*:?\s*$", re.IGNORECASE)
_VERB_START = re.compile(r"^(?P<orgs>.{0,120}?)\s+(?=[a-zåäö]+(?:r|s)\b)", re.DOTALL)

# A report gives a handful of recommendations per body; past this many a text is not a report.
MAX_RECOMMENDATIONS = 200


@dataclass
class _State:
    addressees: list[str] = field(default_factory=list)
    intro: str | None = None  # the sentence that opened the current list
    intro_items: int = 0  # recommendations read since it


@dataclass
class Found:
    """A report's recommendations, the introductions whose list never came (a text cut off),
    and whether the report says it gives none."""

    recommendations: list[Recommendation]
    cut_off: list[str] = field(default_factory=list)
    none_stated: bool = False


def extract_recommendations(*, sections, extra_names: list[str], context: list[str]) -> Found:
    """Return the recommendations of a report, repeated ones (summary and chapter) once; an
    introduction with no list after it is reported as cut off, never filled in."""
    found: list[Recommendation] = []
    cut_off: list[str] = []
    none_stated = False
    for section in sections:
        if section.kind == "recommendations":
            found.extend(_read_region(section.lines, pure=section.pure, extra_names=extra_names, context=context, cut_off=cut_off))
        else:
            found.extend(_read_triggered(section.units, extra_names=extra_names, context=context, cut_off=cut_off))
        none_stated = none_stated or any(_NONE_STATED.search(ocr_fold(unit.text)) for unit in section.units
                                         if "rekommend" in unit.text.lower())
    recommendations = _deduplicate(found)
    return Found(recommendations, [] if recommendations else cut_off, none_stated and not recommendations)


def _read_triggered(parts: list[Unit], *, extra_names, context, cut_off: list[str]) -> list[Recommendation]:
    # Outside a recommendations section only a recommending phrase opens a region,
    # and the first unit without a recommendation closes it.
    result: list[Recommendation] = []
    index = 0
    while index < len(parts):
        # "Vi rekommenderar" may stand alone as a sub-heading inside a summary.
        if parts[index].kind in ("prose", "heading") and TRIGGER.search(parts[index].text):
            end = index + 1
            while end < len(parts) and (
                parts[end].kind == "item"
                or _is_recommendation_prose(parts[end].text)
                or _is_addressee_line(parts[end].text, extra_names=extra_names, context=context)
            ):
                end += 1
            region = parts[index:end]
            result.extend(_read_units(region, pure=False, active=True, extra_names=extra_names, context=context, cut_off=cut_off))
            index = end
        else:
            index += 1
    return result


def _is_addressee_line(text: str, *, extra_names, context) -> bool:
    """A short line naming the bodies the list below it is for: "Tekniska nämnden:"."""
    match = _ADDRESSEE_LINE.match(text)
    if not match or len(text.split()) > 8:
        return False
    names = find_org_names(text=match.group("addr"), extra_names=extra_names, context=context)
    return bool(names) and len(match.group("addr").split()) <= len(names) * 6


def _is_recommendation_prose(text: str) -> bool:
    return bool(TRIGGER.search(text) or any(_SHOULD.match(sentence) and find_org_names(
        text=_SHOULD.match(sentence).group("addr")) for sentence in sentences(text)))


def _read_region(lines, *, pure, extra_names, context, cut_off: list[str]) -> list[Recommendation]:
    # A stand-alone short line after the list (a page footer, "Bilaga 1") ends the region.
    kept: list[str] = []
    for position, line in enumerate(lines):
        previous = lines[position - 1] if position else None
        if kept and is_generic_heading(line, previous) and not find_org_names(text=line, extra_names=extra_names):
            break
        kept.append(line)
    return _read_units(units(kept), pure=pure, active=pure, extra_names=extra_names, context=context, cut_off=cut_off)


def _read_units(parts: list[Unit], *, pure, active, extra_names, context, cut_off: list[str]) -> list[Recommendation]:
    state = _State()
    result: list[Recommendation] = []
    for unit in parts:
        if unit.kind == "item":
            read = _read_item(unit, state, pure=pure, extra_names=extra_names, context=context)
            state.intro_items += len(read)
            result.extend(read)
            continue
        if _is_addressee_line(unit.text, extra_names=extra_names, context=context):
            addr = _ADDRESSEE_LINE.match(unit.text).group("addr")
            state.addressees = find_org_names(text=addr, extra_names=extra_names, context=context)
            state.intro, state.intro_items = unit.text, 0
            continue
        for sentence in sentences(unit.text):
            result.extend(_read_sentence(sentence, state, active=active, extra_names=extra_names, context=context))
    if state.intro is not None and state.intro_items == 0 and state.intro.rstrip().endswith(":"):
        cut_off.append(state.intro)
    return result


def _read_item(unit: Unit, state: _State, *, pure, extra_names, context) -> list[Recommendation]:
    parsed = _parse(unit.text, active=True, extra_names=extra_names, context=context)
    if parsed and parsed[2]:
        # "• Socialnämnden:" inside a list names the bodies for the items below it.
        state.addressees, state.intro, state.intro_items = parsed[0], unit.text, 0
        return []
    if parsed and parsed[0]:
        return [Recommendation(name, parsed[1], unit.text) for name in parsed[0]]
    if state.intro is None and not pure:
        return []  # a list of findings, not of recommendations
    raw = f"{state.intro}\n{unit.text}" if state.intro else unit.text
    text = _clean_text(unit.text)
    return [Recommendation(name, text, raw) for name in state.addressees or [None]]


def _read_sentence(sentence: str, state: _State, *, active, extra_names, context) -> list[Recommendation]:
    parsed = _parse(sentence, active=active, extra_names=extra_names, context=context)
    if parsed is None:
        if _FOLLOWING.search(sentence) and sentence.rstrip().endswith(":"):
            state.addressees = find_org_names(text=sentence, extra_names=extra_names, context=context)
            state.intro, state.intro_items = sentence, 0
        return []
    names, text, is_intro = parsed
    if is_intro:
        state.addressees, state.intro, state.intro_items = names, sentence, 0
        return []
    state.intro = None
    return [Recommendation(name, text, sentence) for name in names or [None]]


def _parse(sentence: str, *, active, extra_names, context):
    """(addressees, text, is_intro) for a recommending sentence, None for any other."""
    sentence = sentence.strip()
    match = _RECOMMEND.search(sentence)
    if match:
        names = find_org_names(text=match.group("addr"), extra_names=extra_names, context=context)
        rest = match.group("rest").strip()
        if not names and not match.group("addr").strip():
            # "Vi rekommenderar att kommunstyrelsen säkerställer ...": the body opens the clause.
            lead = _VERB_START.match(rest)
            if lead:
                names = find_org_names(text=lead.group("orgs"), extra_names=extra_names, context=context)
        return names, _clean_text(rest), _is_intro(rest, sentence)
    match = _RECOMMENDED.match(sentence)
    if match:
        names = find_org_names(text=match.group("addr2") or "", extra_names=extra_names, context=context)
        names = names or find_org_names(text=match.group("addr"), extra_names=extra_names, context=context)
        rest = match.group("rest").strip()
        return names, _clean_text(rest), _is_intro(rest, sentence)
    if not active:
        return None
    match = _SHOULD.match(sentence)
    if match:
        addr = match.group("addr")
        names = find_org_names(text=addr, extra_names=extra_names, context=context)
        # The body must be the subject, not a word deep in a subordinate clause.
        if names and len(addr.split()) <= 12:
            rest = match.group("rest").strip()
            return names, _clean_text(rest), _is_intro(rest, sentence)
    return None


def _is_intro(rest: str, sentence: str) -> bool:
    return bool(_INTRO_REST.match(rest)) or (sentence.rstrip().endswith(":") and len(rest.split()) <= 4)


def _clean_text(text: str) -> str:
    text = re.sub(r"^(?:att|:)\s+", "", text.strip(), flags=re.IGNORECASE)
    return clean_name(text) if text else text


def _deduplicate(found: list[Recommendation]) -> list[Recommendation]:
    # Each text is folded once; fuzzy matching compares a candidate with every kept
    # one of its addressee, so exact repeats are skipped first and the kept are capped.
    kept: list[Recommendation] = []
    seen: set[tuple[str | None, str]] = set()
    kept_texts: dict[str | None, list[str]] = {}
    for candidate in found:
        if not candidate.text:
            continue
        key = fold(candidate.text)
        if (candidate.addressee, key) in seen:
            continue
        seen.add((candidate.addressee, key))
        others = kept_texts.setdefault(candidate.addressee, [])
        if any(fuzz.ratio(other, key) >= 90 for other in others):
            continue
        others.append(key)
        kept.append(candidate)
        if len(kept) == MAX_RECOMMENDATIONS:
            break
    return kept
