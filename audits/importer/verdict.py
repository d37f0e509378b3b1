"""The verdict a question's assessment paragraph gives in prose, when no label states it.

Many reports answer a revisionsfråga only in a sentence: "Organisationen är
delvis tydliggjord" (partly), "En samlad analys ... saknas" (no), "Det finns
flera forum för samverkan" (yes). The reader is deliberately conservative: it
looks at the sentences that carry a verdict ("Vi bedömer att ...", "Vår
bedömning är att ...", "Sammantaget ...", "kan vi konstatera att ...") or else
the first sentence, then the second, and returns None whenever the wording is
not one of the few clear forms below. A wrong assessment costs the reviewer
more than an empty one.
"""

from __future__ import annotations

import re

from .names import fold

# Sentences in which the auditors give their own verdict; they win over the first sentence.
_VERDICT_OPENER = re.compile(
    r"^(?:sammantaget|sammanfattningsvis|sammanfattande)\b"
    r"|\b(?:vi|revisorerna)\s+(?:\w+\s+){0,2}?bedomer\s+(?:\w+\s+){0,2}?att\b"
    r"|\bbedomer\s+vi\s+(?:\w+\s+){0,2}?att\b"
    r"|\bvar\s+(?:\w+\s+)?bedomning\s+ar\s+(?:\w+\s+)?att\b"
    r"|\b(?:konstaterar\s+vi|vi\s+konstaterar|kan\s+vi\s+(?:\w+\s+)?konstatera|vi\s+kan\s+(?:\w+\s+)?konstatera)\s+att\b"
)
_CONTRAST = re.compile(r"\b(?:dock|emellertid|men|samtidigt|daremot)\b")

_PARTLY = re.compile(
    r"\bdelvis\b|\btill (?:viss|en viss|nagon|begransad) del\b|\binte helt\b|\bej helt\b"
    r"|\bi (?:begransad|viss|nagon) utstrackning\b|\binte fullt ut\b|\bej fullt ut\b"
)
# "I huvudsak ... men ...": read as a pair by _followed, not as one pattern with ".*"
# between them, which backtracks over the rest of the text at every first word.
_MOSTLY = re.compile(r"\b(?:i huvudsak|huvudsakligen|till stor del)\b")
_BUT = re.compile(r"\b(?:men|dock|emellertid)\b")
# Negated positives: the question's own words with a "not".
_NEGATED = re.compile(
    r"\bfinns (?:det )?(?:inte|ej|ingen|inga|inget)\b|\bdet finns (?:inte|ej|ingen|inga|inget)\b"
    r"|\b(?:har|sker) (?:\w+ ){0,2}?(?:inte|ej)\b"
    r"|\b(?:inte|ej)\b(?: \w+){0,5}? (?:tillrackliga?|tillrackligt|andamalsenliga?|andamalsenligt|tydliga?|tydligt|sakerstall\w*|uppfyll\w*)\b"
    r"|\bej\b"
)
# Words that are negative on their own; "inte ... en brist" turns them round, so
# a negation before them leaves the sentence unclear.
_LACKING = re.compile(r"\bsaknas\b|\bsaknar\b|\bavsaknad\w*|\bbrist(?:er|erna|ande|fallig\w*)?\b")
_NOT_THAT = re.compile(r"\b(?:inte|ej|icke)\b(?: \w+){0,3}? att\b")
_LACKING_WORD = re.compile(r"\b(?:saknas|saknar|avsaknad\w*|brist\w*)")
_NO_LACK = re.compile(r"\b(?:inte|ej|ingen|icke)\b(?: \w+){0,4}? (?:en |nagon |nagra )?brist")
_NEGATION = re.compile(r"\b(?:inte|ej|ingen|inga|inget|icke)\b")
_POSITIVE = re.compile(
    r"^ja\b|\bfinns\b"
    r"|\b(?:ar|har varit|blir) (?:\w+ ){0,2}?(?:tydlig[at]?|andamalsenlig[at]?|tillracklig[at]?|god[at]?|val fungerande)\b"
    r"|\bhar (?:\w+ ){0,2}?(?:sakerstallt|sakerstallts|uppfyllt|faststallt|en tydlig|en andamalsenlig|en tillracklig)\b"
)
# Anything that qualifies a positive reading.
_QUALIFIER = re.compile(
    r"\b(?:men|dock|emellertid|oklar\w*|otydlig\w*|utan att|behover|bor|risk\w*|inte alltid|i huvudsak|"
    r"vissa brister|utvecklingsomraden?|forbattringsomraden?)\b"
)
_ABBREVIATIONS = {
    "a", "e", "k", "m", "o", "p", "s", "t", "v", "bl", "ca", "dvs", "d", "etc", "ex", "fr", "jfr", "kap", "nr",
    "resp", "st", "s.k", "t.ex", "bl.a", "m.m", "o.s.v",
}


def read_verdict(paragraph: str) -> tuple[str | None, str | None]:
    """(assessment, the sentence it was read from) for an assessment paragraph, or (None, None)."""
    sentences = split_sentences(paragraph)
    if not sentences:
        return None, None
    folded = [_fold(sentence) for sentence in sentences]
    first = _polarity(folded[0])
    for index, text in enumerate(folded):
        if index == 0 or not _VERDICT_OPENER.search(text):
            continue
        value = _polarity(text)
        if value:
            return value, sentences[index]
        # "Det finns inga mål. Vi bedömer dock att nämnderna definierar målbilder ..."
        if first in ("yes", "no") and _CONTRAST.search(text) and _turns(first, text):
            return "partly", sentences[index]
    if first:
        # "Det finns rutiner. De följs dock inte i praktiken."
        if first in ("yes", "no") and len(folded) > 1 and _CONTRAST.search(folded[1]):
            second = _polarity(folded[1])
            if second and second != first:
                return "partly", sentences[1]
        return first, sentences[0]
    if len(folded) > 1:
        second = _polarity(folded[1])
        if second:
            return second, sentences[1]
    return None, None


def _turns(first: str, text: str) -> bool:
    """Whether a contrasting verdict sentence says the opposite of the first sentence."""
    negative = bool(_NEGATION.search(text) or _LACKING.search(text))
    return negative if first == "yes" else not negative


def _polarity(text: str) -> str | None:
    if _PARTLY.search(text) or _followed(_MOSTLY, _BUT, text):
        return "partly"
    lacking = _LACKING.search(text)
    if lacking and (_followed(_NOT_THAT, _LACKING_WORD, text) or _NO_LACK.search(text)):
        return None  # "ser vi inte att avsaknaden ... skulle vara en brist" is left unread
    if _NEGATED.search(text) or lacking:
        return "no"
    if _POSITIVE.search(text) and not _NEGATION.search(text) and not _QUALIFIER.search(text):
        return "yes"
    return None


def _followed(first: re.Pattern, then: re.Pattern, text: str) -> bool:
    """Whether `then` occurs after the first `first`: the end of the first one is the earliest."""
    match = first.search(text)
    return bool(match and then.search(text, match.end()))


def _fold(text: str) -> str:
    # Words broken across lines by OCR or hyphenation: "del- vis", "saknas" split as "sak-\nnas".
    text = re.sub(r"(\w)-\s+(?=[a-zåäö])(?!och\b|eller\b|samt\b)", r"\1", text)
    return fold(text)


def split_sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences; "bl.a.", "t. ex." and the like do not end one."""
    text = re.sub(r"\s+", " ", paragraph).strip()
    sentences: list[str] = []
    start = 0
    for match in re.finditer(r"[.!?](?=\s+[A-ZÅÄÖ\"”»(])", text):
        # Only the last word: slicing from `start` again at every skipped mark was quadratic.
        word_start = max(start, text.rfind(" ", start, match.start()) + 1)
        before = text[word_start : match.start()].lower()
        if before in _ABBREVIATIONS or before.rsplit(".", 1)[-1] in _ABBREVIATIONS or (before.isdigit() and len(before) <= 2):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences
