"""Turn an uploaded file into text, and OCR'd text into text a parser can read."""

from __future__ import annotations

import io
import logging
import re
import unicodedata

from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError, PyPdfError

FILE_TOO_LARGE = _("Filen är för stor. Den får vara högst {max_mb} MB.")
TEXT_TOO_LONG = _(
    "Texten i filen är för lång: högst {max_chars} tecken kan läsas in. "
    "Ladda upp den del av rapporten som innehåller granskningen."
)
EMPTY_FILE = _("Filen är tom.")
UNSUPPORTED_FILE_TYPE = _("Filtypen stöds inte. Ladda upp en PDF-fil eller en textfil (.txt).")
ENCRYPTED_PDF = _(
    "PDF-filen är lösenordsskyddad och kan inte läsas. "
    "Ladda upp en version utan lösenord."
)
CORRUPT_PDF = _("PDF-filen är skadad eller ofullständig och kan inte läsas.")
IMAGE_ONLY_PDF = _(
    "PDF-filen innehåller ingen text (troligen en inskannad bild) och behöver OCR-tolkas först, "
    "till exempel med ocrmypdf. Ladda upp den tolkade PDF-filen eller en textfil."
)
NOT_SWEDISH = _(
    "Texten verkar inte vara på svenska. Uppsikt läser revisionsrapporter och svar på dem på svenska; "
    "ladda upp den svenska versionen."
)
UNREADABLE_TEXT = _(
    "Textfilen kunde inte läsas som text. "
    "Spara den som UTF-8 (eller Windows-1252) och försök igen."
)

TEXT_EXTENSIONS = (".txt", ".text")
# Reading takes time in proportion to the text; a PDF's text can outgrow its file, so the
# text has a bound of its own, as many characters as the file limit has bytes.
MAX_TEXT_CHARS = 10 * 1024 * 1024
# Fewer letters than this in a whole PDF means no text layer, only stray marks
# such as page numbers from a scanner's header.
MIN_LETTERS_IN_PDF = 25
# Share of control characters above which decoded bytes are binary, not text.
MAX_CONTROL_SHARE = 0.01

logger = logging.getLogger(__name__)


class ImportFileError(Exception):
    """An uploaded file cannot be read; the message is shown to the user, in their language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def extract_text(*, data: bytes, filename: str, max_bytes: int) -> str:
    """Return the text of an uploaded PDF or text file.

    Raises ImportFileError with a Swedish message for a file that is too large,
    empty, of another type, encrypted, corrupt, image-only or not text, and for a
    text too long to read.
    """
    if len(data) > max_bytes:
        raise ImportFileError(FILE_TOO_LARGE.format(max_mb=_megabytes(max_bytes)))
    if not data.strip():
        raise ImportFileError(EMPTY_FILE)
    name = (filename or "").lower()
    # The magic number decides before the name: browsers and users rename files.
    if data.lstrip()[:5] == b"%PDF-" or name.endswith(".pdf"):
        text = _pdf_text(data)
    elif name.endswith(TEXT_EXTENSIONS):
        text = _decode_text(data)
    else:
        raise ImportFileError(UNSUPPORTED_FILE_TYPE)
    check_text_length(text=text)
    check_swedish(text=text)
    return text


# Words that make up a good part of any Swedish prose, OCR'd without diacritics too, and
# their English counterparts; words both languages share ("i", "for") count for neither.
_SWEDISH_WORDS = frozenset(
    "och att det som en ett är ar på pa med av till inte har vi om ska den de när nar eller samt kommun".split()
)
_ENGLISH_WORDS = frozenset("the and of to is that with are this be on as by we not has have which".split())
_WORD_RE = re.compile(r"[^\W\d_]+")
# Enough words to tell a language; the start of a text tells it as well as the whole.
MIN_WORDS_FOR_LANGUAGE = 60
LANGUAGE_SAMPLE_CHARS = 50_000
MIN_SWEDISH_SHARE = 0.03


def check_swedish(*, text: str) -> None:
    """Raise ImportFileError (NOT_SWEDISH) for a text that is plainly in another language.

    A text too short to tell passes; so does Swedish OCR that has lost its diacritics.
    """
    words = _WORD_RE.findall(text[:LANGUAGE_SAMPLE_CHARS].lower())
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return
    swedish = sum(word in _SWEDISH_WORDS for word in words)
    english = sum(word in _ENGLISH_WORDS for word in words)
    # A vocabulary of a few words ("Beslut Beslut ...") is no language to judge.
    varied = len(set(words)) >= MIN_WORDS_FOR_LANGUAGE // 3
    if swedish < english or (varied and swedish < MIN_SWEDISH_SHARE * len(words)):
        raise ImportFileError(NOT_SWEDISH)


def check_text_length(*, text: str, max_chars: int | None = None) -> None:
    """Raise ImportFileError (TEXT_TOO_LONG) for a text over max_chars, by default MAX_TEXT_CHARS."""
    max_chars = MAX_TEXT_CHARS if max_chars is None else max_chars
    if len(text) > max_chars:
        # Grouped with spaces, as Swedish writes thousands.
        raise ImportFileError(TEXT_TOO_LONG.format(max_chars=f"{max_chars:,}".replace(",", "\u00a0")))


def _megabytes(max_bytes: int) -> str:
    value = max_bytes / (1024 * 1024)
    return f"{value:.0f}" if value >= 1 else f"{value:.1f}".replace(".", ",")


def _pdf_text(data: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _decrypt_or_fail(reader)
        pages = reader.pages
        texts = [_page_text(page) for page in pages]
    except ImportFileError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as error:
        # pypdf reports broken files through many exception types; all mean the same to a user.
        logger.info("Unreadable PDF: %r", error)
        raise ImportFileError(CORRUPT_PDF) from error
    if not texts:
        raise ImportFileError(CORRUPT_PDF)
    text = "\n\n".join(texts)
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS_IN_PDF:
        raise ImportFileError(IMAGE_ONLY_PDF)
    return text


def _decrypt_or_fail(reader: PdfReader) -> None:
    # Many municipal PDFs are "encrypted" only with an owner password that
    # restricts printing; the empty user password opens them, so try that first.
    try:
        opened = reader.decrypt("")
    except (DependencyError, NotImplementedError, PdfReadError) as error:
        raise ImportFileError(ENCRYPTED_PDF) from error
    if not opened:
        raise ImportFileError(ENCRYPTED_PDF)


def _page_text(page) -> str:
    try:
        return page.extract_text() or ""
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        # One broken page should not hide the text of the others.
        logger.info("Unreadable PDF page: %r", error)
        return ""


def _decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        # cp1252 before latin-1: Swedish Word exports use cp1252 quotes and dashes;
        # latin-1 decodes every byte, so it is the last resort, still checked below.
        candidates = ("utf-8-sig", "cp1252", "latin-1")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ImportFileError(UNREADABLE_TEXT)


def _looks_like_text(text: str) -> bool:
    if not text.strip():
        return False
    control = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if control / len(text) > MAX_CONTROL_SHARE:
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters / len(text.replace(" ", "").replace("\n", "") or "x") > 0.5


# --- normalisation -----------------------------------------------------------

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Words that follow a suspended compound ("roll- och ansvarsfördelning"): the
# hyphen there is Swedish, not a line break, and must stay.
_SUSPENSION_WORDS = r"(?:och|eller|samt|resp\.?|respektive|till|som|men)"
_HYPHEN_KEEP = re.compile(rf"(\w)-[ \t]*\n[ \t\n]*({_SUSPENSION_WORDS})\b")
_HYPHEN_DIGITS = re.compile(r"(\d)-[ \t]*\n[ \t]*(\d)")
_HYPHEN_JOIN = re.compile(r"([a-zåäöéü])-[ \t]*\n[ \t\n]*([a-zåäöéü])")


def normalize_text(*, text: str) -> str:
    """Return OCR/PDF text cleaned for parsing: hyphen breaks joined, spaces folded.

    Line breaks are kept (headings and lists are found by line); runs of blank
    lines shrink to one. The caller keeps the raw text for the reviewer.
    """
    text = unicodedata.normalize("NFC", text)
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u00ad", "")  # soft hyphen: invisible, breaks words in PDFs
    text = re.sub(r"[\u2010\u2011]", "-", text)
    text = _SPACES.sub(" ", text)
    # Emphasis marks from text exports ("*Program för ...*", "**Postadress**").
    text = re.sub(r"(\*{1,2})(?=\S)([^*\n]+?)(?<=\S)\1", r"\2", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _HYPHEN_KEEP.sub(r"\1- \2", text)
    text = _HYPHEN_DIGITS.sub(r"\1-\2", text)
    text = _HYPHEN_JOIN.sub(r"\1\2", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def fold_whitespace(text: str) -> str:
    """Collapse all whitespace, line breaks included, into single spaces."""
    return re.sub(r"\s+", " ", text).strip()
