"""A frozen self-assessment as the document the report app prints: PDF/A and Word through
reports.outputs.document, in Swedish, from the frozen JSON only (never today's records)."""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from oversight.models import Snapshot
from oversight.snapshots import results_read
from reports.outputs.document import Document, Section, Table


def snapshot_document(snapshot: Snapshot) -> Document:
    with translation.override("sv"):
        results = results_read(snapshot)
        frozen_at = formats.date_format(timezone.localtime(snapshot.frozen_at), "SHORT_DATETIME_FORMAT")
        facts = [
            (_("År"), str(snapshot.year)),
            (_("Version"), str(snapshot.number)),
            (_("Fryst"), frozen_at),
            (_("Fryst av"), snapshot.frozen_by.get_full_name() or snapshot.frozen_by.email
             if snapshot.frozen_by else _("Systemet")),
            (_("Kontrollsumma (SHA-256)"), snapshot.results_sha256),
        ]
        summary = Table(
            caption=_("Revisorernas frågor och bedömningen när sidan frystes"),
            header=[_("Fråga"), _("Bedömning"), _("Siffra")],
            rows=[[r.question, r.verdict_label or _("Ingen bedömning"), r.figure] for r in results],
        )
        sections = [Section(heading=_("Sammanfattning"), tables=[summary])]
        for result in results:
            verdict = (_("Bedömning: %(verdict)s") % {"verdict": result.verdict_label} if result.verdict
                       else _("Ingen bedömning"))
            paragraphs = [result.figure, verdict, _("Regel: %(rule)s") % {"rule": result.rule}]
            if result.gaps:
                paragraphs.append(_("Brister: %(count)s") % {"count": len(result.gaps)})
            sections.append(Section(heading=result.question, paragraphs=paragraphs,
                                    items=[str(gap.get("label", "")) for gap in result.gaps]))
        return Document(title=snapshot.title, author=snapshot.program.municipality.name,
                        subject=snapshot.program.name, facts=facts, sections=sections)
