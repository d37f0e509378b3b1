"""The one check every uploaded file passes: of an allowed kind judged by its whole
content (not its name or first bytes), and no larger than UPLOAD_MAX_BYTES.

A PDF must parse with pypdf down to its page tree and end where a PDF ends; a DOCX
or XLSX must be a sane zip archive (no bomb) whose XML parts are well-formed XML,
with no macros or embedded programs; text must decode as text. The name's ending
must match the content, because the ending decides how a download is opened.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.parsers import expat

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

PDF, DOCX, XLSX, TEXT, CSV = "pdf", "docx", "xlsx", "text", "csv"

UPLOAD_TOO_LARGE = _("Filen är för stor: högst %(max)s MB.")
UPLOAD_EMPTY = _("Filen är tom.")
UPLOAD_WRONG_TYPE = _("Filen måste vara %(kinds)s, och filnamnet ska sluta på %(endings)s.")
PDF_BROKEN = _("PDF-filen är skadad eller ofullständig och kan inte läsas.")
OFFICE_BROKEN = _("Filen är inte ett giltigt %(kind)s-dokument: dess innehåll går inte att läsa.")
OFFICE_UNSAFE = _("Filen innehåller makron eller inbäddade program och tas inte emot.")
ZIP_TOO_LARGE = _("Filen packas upp till mer än %(max)s MB eller är orimligt hårt packad och tas inte emot.")
TEXT_BROKEN = _("Textfilen går inte att läsa som text (UTF-8 eller Windows-1252), eller innehåller binära data.")
TEXT_MARKUP = _("Textfilen innehåller HTML eller skript och tas inte emot. Spara den som vanlig text.")

ENCODING_UNKNOWN = _(
    "Filen har en teckenkodning som inte går att läsa. Spara den som CSV i UTF-8 "
    "(i Excel: ”CSV UTF-8”) eller som Excel-fil och försök igen."
)
ENCODING_DOUBLE = _(
    "Filen verkar ha konverterats två gånger: bokstäver som å, ä och ö har blivit ”Ã¥”, ”Ã¤” och ”Ã¶”. "
    "Öppna originalfilen och spara den som CSV i UTF-8."
)
ENCODING_UTF8 = "UTF-8"
ENCODING_WINDOWS = "Windows-1252 (Latin-1)"

KIND_LABELS = {
    PDF: _("en PDF"), DOCX: _("ett Word-dokument (DOCX)"), XLSX: _("en Excel-fil (XLSX)"),
    TEXT: _("en textfil"), CSV: _("en CSV-fil"),
}
ENDINGS = {PDF: (".pdf",), DOCX: (".docx",), XLSX: (".xlsx",), TEXT: (".txt", ".text"), CSV: (".csv", ".txt")}
OFFICE_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}

# An office file holds images, fonts, printer settings and, for charts, embedded
# office files beside its XML; anything else (an OLE object, a program, macros) is
# refused because the point of an attachment is to be opened safely.
_OFFICE_BINARY_ENDINGS = (
    ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".odttf", ".ttf",
    ".xlsx", ".docx", ".pptx",
)
_OFFICE_XML_ENDINGS = (".xml", ".rels", ".vml")
_ZIP_MAX_MEMBERS = 2000
# Text compresses about ten to one, XML up to a hundred; a bomb far more.
_ZIP_MAX_RATIO = 200
_ZIP_RATIO_FROM_BYTES = 1024 * 1024
# A PDF ends with %%EOF; readers accept it within the last kilobyte. More after it
# is another file riding along (a PDF header glued onto a program, or the reverse).
_PDF_TAIL = 1024
_MARKUP = re.compile(r"<\s*(?:!doctype\s+html|html|script|iframe|object|embed|svg)\b", re.IGNORECASE)
# "Ã" or "Â" followed by a continuation-byte character is UTF-8 decoded as Latin-1.
_DOUBLE_ENCODED = re.compile("[ÃÂ][\u0080-\u00bf]")
# Control characters other than tab and line breaks never occur in a text table.
_TABLE_CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")
_TEXT_CONTROL = re.compile("[\u0000-\u0008\u000b\u000e-\u001f\u007f]")


def upload_max_bytes() -> int:
    return settings.UPLOAD_MAX_BYTES


def zip_max_uncompressed_bytes() -> int:
    return settings.UPLOAD_MAX_UNPACKED_BYTES


def validate_upload(upload, *, kinds: tuple[str, ...]) -> None:
    """Refuse, with a Swedish ValidationError, a file that is too large or not one of
    `kinds` by its content and its name's ending. A file already stored is not read
    again: it was checked when it came in."""
    if getattr(upload, "_committed", False):
        return
    limit = upload_max_bytes()
    if upload.size > limit:
        raise ValidationError(UPLOAD_TOO_LARGE, code="too_large", params={"max": limit // (1024 * 1024)})
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    if not data.strip():
        raise ValidationError(UPLOAD_EMPTY, code="empty")
    name = (upload.name or "").lower()
    kind = next((k for k in kinds if name.endswith(ENDINGS[k])), None)
    if kind is None:
        raise _wrong_type(kinds)
    CHECKS[kind](data, kind=kind)


@deconstructible
class UploadValidator:
    """validate_upload as a field validator: `FileField(validators=[UploadValidator(PDF, DOCX)])`."""

    def __init__(self, *kinds: str):
        self.kinds = kinds

    def __call__(self, upload) -> None:
        validate_upload(upload, kinds=self.kinds)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and self.kinds == other.kinds


def check_zip(data: bytes, *, main_part: str, label: str) -> zipfile.ZipFile:
    """An open zip archive that is safe to unpack: few members, bounded unpacked size
    and compression ratio, and containing `main_part`; a ValidationError if not."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise ValidationError(OFFICE_BROKEN, code="broken", params={"kind": label}) from None
    limit = zip_max_uncompressed_bytes()
    # zipfile never unpacks more than a member's declared size, so these bounds hold
    # for what is read, whatever the archive claims.
    too_large = (
        len(members) > _ZIP_MAX_MEMBERS
        or sum(m.file_size for m in members) > limit
        or any(m.file_size > _ZIP_RATIO_FROM_BYTES and m.file_size > _ZIP_MAX_RATIO * max(m.compress_size, 1)
               for m in members)
    )
    if too_large:
        raise ValidationError(ZIP_TOO_LARGE, code="zip_bomb", params={"max": limit // (1024 * 1024)})
    names = {m.filename for m in members}
    if main_part not in names or "[Content_Types].xml" not in names:
        raise ValidationError(OFFICE_BROKEN, code="broken", params={"kind": label})
    return archive


def _wrong_type(kinds) -> ValidationError:
    endings = sorted({ending for kind in kinds for ending in ENDINGS[kind]})
    return ValidationError(UPLOAD_WRONG_TYPE, code="wrong_type", params={
        "kinds": f" {_('eller')} ".join(str(KIND_LABELS[k]) for k in kinds),
        "endings": ", ".join(endings),
    })


def _check_pdf(data: bytes, *, kind: str) -> None:
    # Imported here: the models import this module, and most processes never read a PDF.
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-_PDF_TAIL:]:
        raise ValidationError(PDF_BROKEN, code="broken")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError):
                opened = False
            if not opened:
                # Only its owner can open it (or it needs a cipher pypdf lacks here);
                # pypdf has read its cross-reference table and trailer, which is as far
                # as its structure can be checked.
                return
        if len(reader.pages) < 1:
            raise ValidationError(PDF_BROKEN, code="broken")
    except ValidationError:
        raise
    except Exception:  # pypdf reports a broken file through many exception types
        raise ValidationError(PDF_BROKEN, code="broken") from None


def _check_office(data: bytes, *, kind: str) -> None:
    label = kind.upper()
    archive = check_zip(data, main_part=OFFICE_MAIN_PART[kind], label=label)
    with archive:
        for member in archive.infolist():
            name = member.filename.lower()
            if member.is_dir():
                continue
            if name.endswith(_OFFICE_XML_ENDINGS):
                with archive.open(member) as part:
                    if not _is_xml(part):
                        raise ValidationError(OFFICE_BROKEN, code="broken", params={"kind": label})
            elif "vbaproject" in name or not (
                name.endswith(_OFFICE_BINARY_ENDINGS) or "/printersettings/" in name
            ):
                raise ValidationError(OFFICE_UNSAFE, code="unsafe")


def _is_xml(stream) -> bool:
    """Whether the stream is well-formed XML without a DTD (OOXML never has one, and a DTD
    is how entity expansion attacks come in), read in chunks so memory stays small."""
    parser = expat.ParserCreate()

    def refuse(*args):
        raise ValueError("DTD in an OOXML part")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        while chunk := stream.read(64 * 1024):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except (expat.ExpatError, ValueError, zipfile.BadZipFile, EOFError, OSError):
        return False
    return True


def decode_text(content: bytes) -> tuple[str, str]:
    """A table's text and the name of the encoding it was read in (UTF-8 or Windows-1252);
    a ValidationError if neither fits or if the text was converted twice."""
    try:
        text, encoding = content.decode("utf-8-sig"), ENCODING_UTF8
    except UnicodeDecodeError:
        if content.startswith(b"\xef\xbb\xbf"):
            raise ValidationError(ENCODING_UNKNOWN, code="encoding") from None
        try:
            text, encoding = content.decode("cp1252"), ENCODING_WINDOWS
        except UnicodeDecodeError:
            raise ValidationError(ENCODING_UNKNOWN, code="encoding") from None
    if _TABLE_CONTROL.search(text):
        raise ValidationError(ENCODING_UNKNOWN, code="encoding")
    if _DOUBLE_ENCODED.search(text):
        raise ValidationError(ENCODING_DOUBLE, code="encoding")
    return text, encoding


def _check_csv(data: bytes, *, kind: str) -> None:
    # A table is read in exactly these encodings, so it is judged by the same decoding.
    text, _encoding = decode_text(data)
    if _MARKUP.search(text):
        raise ValidationError(TEXT_MARKUP, code="markup")


def _check_text(data: bytes, *, kind: str) -> None:
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(TEXT_BROKEN, code="broken")
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(TEXT_BROKEN, code="broken")
    if _TEXT_CONTROL.search(text):
        raise ValidationError(TEXT_BROKEN, code="broken")
    if _MARKUP.search(text):
        raise ValidationError(TEXT_MARKUP, code="markup")


CHECKS = {PDF: _check_pdf, DOCX: _check_office, XLSX: _check_office, TEXT: _check_text, CSV: _check_csv}


class BoundedUploadHandler(TemporaryFileUploadHandler):
    """Writes at most one byte more than UPLOAD_MAX_BYTES to disk and drops the rest, but
    reports the real size, so an oversized upload is refused by the size check without
    filling the disk first."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        room = upload_max_bytes() + 1 - self.received
        if room > 0:
            self.file.write(raw_data[:room])
        self.received += len(raw_data)

    def file_complete(self, file_size):
        self.file.seek(0)
        self.file.size = file_size
        return self.file


def files_follow_records() -> None:
    """Delete a stored file once the record that held it has replaced, cleared or lost
    it, after the transaction commits (a rolled-back change keeps its file). Every model
    with a FileField is covered, present and future."""
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        if names:
            pre_save.connect(_remember_files, sender=model, weak=False, dispatch_uid=f"files-{model._meta.label}-pre")
            post_save.connect(_drop_replaced_files, sender=model, weak=False,
                              dispatch_uid=f"files-{model._meta.label}-post")
            post_delete.connect(_drop_deleted_files, sender=model, weak=False,
                                dispatch_uid=f"files-{model._meta.label}-delete")


def _file_fields(instance) -> list:
    return [f for f in instance._meta.concrete_fields if isinstance(f, models.FileField)]


def _remember_files(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    fields = _file_fields(instance)
    before = sender._default_manager.filter(pk=instance.pk).values_list(*[f.attname for f in fields]).first()
    instance._files_before = dict(zip([f.attname for f in fields], before)) if before else {}


def _drop_replaced_files(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_files_before", {})
    for field in _file_fields(instance):
        old = before.get(field.attname)
        if old and old != getattr(instance, field.attname).name:
            _delete_on_commit(field.storage, old)


def _drop_deleted_files(sender, instance, **kwargs):
    for field in _file_fields(instance):
        name = getattr(instance, field.attname).name
        if name:
            _delete_on_commit(field.storage, name)


def _delete_on_commit(storage, name: str) -> None:
    transaction.on_commit(lambda: storage.delete(name))
