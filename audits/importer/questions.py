"""Audit questions (revisionsfrågor, kontrollmål) with their assessments and comments.

A question is read from three places, best last: the list in the purpose
section ("Granskningen ska besvara följande revisionsfrågor:"), the chapter
that opens with "Revisionsfråga 3: ..." and has a "Bedömning" subsection, and
the answer section ("Svar på revisionsfrågorna", often a flattened table).
The assessment is taken first where the report states it as such: a label
("Delvis", "Ej uppfyllt", "Bedömning: Ja") or "revisionsfrågan är delvis
uppfylld". Without one, verdict.py reads the assessment paragraph's verdict
sentence ("... är delvis tydliggjord", "... saknas"), and leaves anything
unclear to the reviewer.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .draft import AuditQuestion
from .names import fold
from .structure import BULLET, NUMBERED, TERMINAL, Unit, heading_kind, is_generic_heading
from .text import fold_whitespace
from .verdict import read_verdict

LABEL = re.compile(
    r"^(?:revisionsfr[åa]ga|granskningsfr[åa]ga|delfr[åa]ga|fr[åa]ga|kontrollm[åa]l|kontrollfr[åa]ga)"
    r"\s*(?P<number>\d{1,2}(?:\.\d{1,2})?)\s*[:.)\-–]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_TABLE_HEADER = re.compile(
    r"^(?:revisionsfr[åa]g[ao]r?|fr[åa]ga|kontrollm[åa]l)\s*\|?\s*(?:(?:svar|bed[öo]mning|kommentar)\s*\|?\s*)+$"
    r"|^(?:revisionsfr[åa]g[ao]r?|fr[åa]ga|kontrollm[åa]l|svar|bed[öo]mning|kommentar)$",
    re.IGNORECASE,
)
_SCOPE_INTRO = re.compile(
    r"(?:följande|nedanstående|dessa)\s+(?:\w+\s+){0,2}(?:revisionsfråg|frågeställning|kontrollmål|granskningsfråg|frågor)"
    r"|(?:besvara|ge svar på|svara på)\s+(?:följande|nedanstående)",
    re.IGNORECASE,
)
# Folded labels, longest first so "delvis uppfyllt" wins over "delvis".
_ASSESSMENT_WORDS = (
    (r"ej bedom(?:d|t|da|ts|ningsbar)|inte bedom(?:d|t|ts)|kan (?:ej|inte) bedomas|ej aktuell(?:t)?|ej tillamplig", "not_assessed"),
    (r"delvis uppfyll(?:t|d|da)|delvis", "partly"),
    (r"(?:ej|inte|icke) uppfyll(?:t|d|da)|nej", "no"),
    (r"(?:i huvudsak |huvudsakligen |helt )?uppfyll(?:t|d|da)|i huvudsak|i allt vasentligt|ja", "yes"),
)
_WORDS_PATTERN = "|".join(f"(?:{pattern})" for pattern, _value in _ASSESSMENT_WORDS)
_LABEL_LINE = re.compile(rf"^(?:(?:bedomning|svar|samlad bedomning)\s*:?\s*)?({_WORDS_PATTERN})\s*[.,;:!]?$")
_LABELLED = re.compile(rf"\b(?:bedomning|svar)\s*:\s*({_WORDS_PATTERN})\b")
_LEADING = re.compile(rf"^({_WORDS_PATTERN})(?:\s*[.,;:!|–-]\s*|\s+(?=[A-ZÅÄÖ])|$)", re.IGNORECASE)
_STATED = re.compile(
    rf"(?:revisionsfragan|kontrollmalet|fragan)\s+(?:\w+\s+){{0,3}}(?:bedoms\s+(?:som\s+|vara\s+)?|ar\s+)({_WORDS_PATTERN})"
)
MAX_QUESTION_LINES = 12
# No audit asks more than a few dozen questions; see _distinct.
MAX_QUESTIONS = 100
_AFTER_TABLE = re.compile(
    r"\b(?:vi\s+rekommenderar|rekommenderar\s+vi|rekommenderas|emotser|önskar\s+svar|svar\s+senast)\b", re.IGNORECASE
)


def assessment_of(label: str) -> str | None:
    """The assessment a label stands for ("Delvis uppfyllt" → "partly"), or None."""
    folded = fold(label).strip(" .,:;!")
    for pattern, value in _ASSESSMENT_WORDS:
        if re.fullmatch(pattern, folded):
            return value
    return None


def extract_questions(*, sections, cut_off: str | None = None) -> list[AuditQuestion]:
    """Return the audit questions, each with the best comment and stated assessment found.

    An answer that is the text's cut-off last line (`cut_off`) gives no assessment: "Nej,
    dessa f" may have gone on "..., men planer tas fram".
    """
    answers: list[AuditQuestion] = []
    chapters: list[AuditQuestion] = []
    scope: list[AuditQuestion] = []
    for position, section in enumerate(sections):
        if section.kind == "answers":
            answers.extend(_read_answers(section.lines, cut_off=cut_off))
        else:
            chapters.extend(_read_chapter_questions(sections, position))
        if section.kind in ("questions", "other", "front", "summary"):
            scope.extend(_read_scope(section.units, whole=section.kind == "questions"))
    primary = answers or chapters or scope
    folded = _Folded()
    for secondary in (chapters, scope):
        if secondary is not primary:
            _merge(_distinct(primary, folded), _distinct(secondary, folded, merged=True), folded)
    primary = _distinct(primary, folded)
    # Only after every stated label has had its chance: a label wins over prose.
    for question in primary:
        if question.assessment is None and question.comment:
            question.assessment, sentence = read_verdict(question.comment)
            if sentence:
                question.raw = "\n".join([question.text, sentence])
    return _numbered(primary, folded)


def _question_at(lines: list[str], index: int, *, labelled_only: bool):
    """(number, text, remainder, next index) if a question starts at lines[index]."""
    line = lines[index]
    label = LABEL.match(line)
    if label:
        number, parts = label.group("number"), [label.group("rest")] if label.group("rest") else []
    else:
        if labelled_only or not (line[:1].isupper() or NUMBERED.match(line) or BULLET.match(line)):
            return None
        if "?" not in line and _is_answer_cell(line):
            return None  # "I allt väsentligt", "Nej, dessa finns inte": a table's answer, not a question
        previous = lines[index - 1] if index else ""
        numbered = NUMBERED.match(line)
        # A numbered line starts a row even after a table cell without a full stop ("Delvis").
        if previous and not numbered and not previous.endswith(TERMINAL) and not _is_answer_cell(previous) \
                and not _is_labelled_row(previous):
            return None
        number = numbered.group(1) if numbered else None
        parts = [line[numbered.end():] if numbered else BULLET.sub("", line)]
    position = index + 1
    while True:
        text = " ".join(parts)
        mark = text.rfind("?")
        if mark >= 0:
            question, remainder = text[: mark + 1], text[mark + 1 :].strip()
            if not remainder or _LEADING.match(fold(remainder)) or position >= len(lines) or not lines[position][:1].islower():
                break
        elif label and parts and parts[-1].endswith("."):
            question, remainder = text, ""
            break
        if position >= len(lines) or position - index > MAX_QUESTION_LINES or heading_kind(lines[position]):
            if label and text:
                question, remainder = text, ""
                break
            return None
        parts.append(lines[position])
        position += 1
    if not label and re.search(r"[.!]\s+[A-ZÅÄÖ]", question):
        return None  # prose that happens to contain a question mark
    return number, fold_whitespace(question), remainder, position


def _is_answer_cell(line: str) -> bool:
    """A table cell that answers a question: a label alone, or one that opens a short answer."""
    folded = fold(line)
    return bool(_LABEL_LINE.match(folded) or (_LEADING.match(folded) and len(line.split()) <= 8))


def _is_labelled_row(line: str) -> bool:
    """A flattened table row that ends with its assessment label, after the question or
    after the comment: "Sker en regelbunden uppföljning? Delvis uppfyllt"."""
    return "?" in line and _trailing_label(line) is not None


def _trailing_label(line: str) -> re.Match | None:
    """The assessment label that closes a line after a sentence ("... aktuella. Uppfyllt")."""
    mark = max(line.rfind("?"), line.rfind("."), line.rfind("!"))
    if mark < 0:
        return None
    return _LABEL_LINE.match(fold(line[mark + 1 :].strip()))


def _read_answers(lines: list[str], *, cut_off: str | None = None) -> list[AuditQuestion]:
    lines = [line for line in lines if not _TABLE_HEADER.match(line)]
    labelled_only = any(LABEL.match(line) for line in lines)
    found: list[tuple[AuditQuestion, list[str]]] = []
    index = 0
    while index < len(lines):
        previous = lines[index - 1] if index else ""
        starts_paragraph = previous.endswith(TERMINAL) or _trailing_label(previous) is not None
        if found and starts_paragraph and _AFTER_TABLE.search(lines[index]):
            break  # the recommendations or the request for an answer follow the table
        started = _question_at(lines, index, labelled_only=labelled_only)
        if started:
            number, text, remainder, index = started
            found.append((AuditQuestion(number=number, text=text), [remainder] if remainder else []))
            continue
        if found:
            found[-1][1].append(lines[index])
        index += 1
    for question, comment_lines in found:
        if cut_off and comment_lines and comment_lines[-1] == cut_off and lines and lines[-1] == cut_off:
            question.comment, question.raw = _comment(comment_lines), "\n".join([question.text, *comment_lines])
            continue
        question.assessment, comment_lines = _take_assessment(comment_lines)
        question.comment = _comment(comment_lines)
        question.raw = "\n".join([question.text, *comment_lines])
    return [question for question, _lines in found]


def _take_assessment(comment_lines: list[str]) -> tuple[str | None, list[str]]:
    """The stated assessment and the comment lines without its label."""
    for position, line in enumerate(comment_lines):
        folded = fold(line)
        label = _LABEL_LINE.match(folded)
        if label:
            return assessment_of(label.group(1)), comment_lines[:position] + comment_lines[position + 1 :]
        if position == 0:
            leading = _LEADING.match(folded)
            if leading:
                rest = line[leading.end():].strip()
                return assessment_of(leading.group(1)), ([rest] if rest else []) + comment_lines[1:]
    if comment_lines:
        trailing = _trailing_label(comment_lines[-1])
        if trailing:
            last = comment_lines[-1]
            kept = last[: max(last.rfind("?"), last.rfind("."), last.rfind("!")) + 1].strip()
            return assessment_of(trailing.group(1)), comment_lines[:-1] + ([kept] if kept else [])
    joined = fold(" ".join(comment_lines))
    for pattern in (_LABELLED, _STATED):
        match = pattern.search(joined)
        if match:
            return assessment_of(match.group(1)), comment_lines
    return None, comment_lines


def _comment(lines: list[str]) -> str | None:
    text = fold_whitespace(" ".join(lines))
    return text or None


def _read_chapter_questions(sections, position: int) -> list[AuditQuestion]:
    # "Revisionsfråga 2: ..." in a findings chapter; its comment is the next
    # "Bedömning" subsection before another question starts.
    result: list[AuditQuestion] = []
    lines = sections[position].lines
    labelled = [index for index, line in enumerate(lines) if LABEL.match(line)]
    for index in labelled:
        started = _question_at(lines, index, labelled_only=True)
        if not started:
            continue
        number, text, _remainder, after = started
        question = AuditQuestion(number=number, text=text, raw=text)
        # "Bedömning: Delvis uppfyllt" under the question, before the next one; else only the
        # section's last question can own a later "Bedömning" section.
        comment_lines = _lines_until_next_question(lines, after)
        if _take_assessment(comment_lines)[0] is None:
            comment_lines = _assessment_subsection(sections, position) if index == labelled[-1] else []
        if comment_lines:
            question.assessment, comment_lines = _take_assessment(comment_lines)
            question.comment = _comment(comment_lines)
            question.raw = "\n".join([text, *comment_lines])
        result.append(question)
    return result


def _lines_until_next_question(lines: list[str], start: int) -> list[str]:
    kept: list[str] = []
    for line in lines[start : start + MAX_QUESTION_LINES]:
        if LABEL.match(line) or (kept and is_generic_heading(line, kept[-1])):
            break
        kept.append(line)
    return kept


def _assessment_subsection(sections, position: int) -> list[str]:
    for later in range(position + 1, len(sections)):
        section = sections[later]
        if section.kind == "assessment":
            kept: list[str] = []
            for line_index, line in enumerate(section.lines):
                previous = section.lines[line_index - 1] if line_index else None
                if LABEL.match(line) or (kept and is_generic_heading(line, previous)):
                    break
                kept.append(line)
            return kept
        if section.kind != "other" or any(LABEL.match(line) for line in section.lines):
            return []
    return []


def _read_scope(parts: list[Unit], *, whole: bool) -> list[AuditQuestion]:
    # The list after "följande revisionsfrågor:", or in a "Revisionsfrågor"
    # section every item and every stand-alone question.
    result: list[AuditQuestion] = []
    listing = False
    for unit in parts:
        if unit.kind != "item":
            if _SCOPE_INTRO.search(unit.text):
                listing = True
                continue
            if listing and result:
                break
            if whole and unit.text.endswith("?") and not LABEL.match(unit.text):
                result.append(AuditQuestion(number=None, text=fold_whitespace(unit.text), raw=unit.text))
            continue
        if listing or whole:
            result.append(AuditQuestion(number=unit.number, text=fold_whitespace(unit.text), raw=unit.text))
    return result


class _Folded(dict):
    """Each question's folded text, folded once and reused by every comparison."""

    def __call__(self, question: AuditQuestion) -> str:
        key = id(question)  # every question lives as long as the extraction using this
        if key not in self:
            self[key] = fold(question.text)
        return self[key]


def _distinct(questions: list[AuditQuestion], folded: _Folded, *, merged: bool = False) -> list[AuditQuestion]:
    """The questions without exact repeats (same folded text), at most MAX_QUESTIONS of them.

    A repeat changes nothing a first occurrence does not: it matches the same
    question in _merge and _numbered drops it. Read for merging into another
    list, a repeat only counts if it brings a number, assessment or comment the
    first lacked. Fuzzy matching compares every pair, so the cap keeps a text
    that is not a report (thousands of questions) from making parsing quadratic.
    """
    seen: set = set()
    kept: list[AuditQuestion] = []
    for question in questions:
        key = folded(question)
        if merged:
            key = (key, question.number, question.assessment, bool(question.comment))
        if key in seen:
            continue
        seen.add(key)
        kept.append(question)
        if len(kept) == MAX_QUESTIONS:
            break
    return kept


def _merge(primary: list[AuditQuestion], secondary: list[AuditQuestion], folded: _Folded) -> None:
    # Match on text: numbering differs between a summary list and a chapter.
    for other in secondary:
        best, best_score = None, 0.0
        for question in primary:
            score = fuzz.token_set_ratio(folded(question), folded(other))
            if score > best_score:
                best, best_score = question, score
        if best is None or best_score < 80:
            continue
        if best.number is None and other.number is not None:
            best.number = other.number
        if best.assessment is None and other.assessment is not None:
            best.assessment = other.assessment
        if not best.comment and other.comment:
            best.comment, best.raw = other.comment, other.raw


def _numbered(questions: list[AuditQuestion], folded: _Folded) -> list[AuditQuestion]:
    unique: list[AuditQuestion] = []
    for question in questions:
        if any(fuzz.ratio(folded(question), folded(other)) >= 92 for other in unique):
            continue
        unique.append(question)
    for position, question in enumerate(unique, start=1):
        number = question.number
        if number is None:
            question.number = position
        elif isinstance(number, str) and number.isdigit():
            question.number = int(number)
    return unique
