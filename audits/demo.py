"""The demo's audit: Borås' 2021 audit of its integration work (PwC for Stadsrevisionen),
read by the importer from the report summary as an auditor would upload it, with the
assessments the auditor set in review, Förskolenämnden's answer read from its minutes,
and measures in every state. The two texts in demo_data/ are the public documents
(shared seeds 000 and 001)."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model

from audits import services
from audits.importer import parse_audit, parse_response
from audits.models import Audit, Measure
from audits.selectors import answers_by_recommendation, organization_for_name
from organizations.models import Organization

DATA = Path(__file__).parent / "demo_data"
# The summary states no yes/partly/no per question; these are the auditor's reading of
# each comment, set when the draft was reviewed.
REVIEWED_ASSESSMENTS = {1: "partly", 2: "no", 3: "no", 4: "partly", 5: "partly", 6: "no", 7: "partly"}
# The minutes extract's OCR lost the meeting date; the board met after the consultation
# with the staff (FSG) on 18 March 2021.
PRESCHOOL_MEETING = datetime.date(2021, 3, 23)
RESPONSE_BY = datetime.date(2021, 4, 30)


def load(*, context: dict) -> None:
    municipality = context["municipality"]
    draft = parse_audit(text=(DATA / "boras_integration_2021_sammandrag.txt").read_text(encoding="utf-8"))
    if Audit.objects.filter(municipality=municipality, title=draft.title).exists():
        return
    organizations = list(Organization.objects.filter(municipality=municipality))
    by_name = {org.name: org for org in organizations}
    executive, labour, preschool = (
        by_name["Kommunstyrelsen"], by_name["Arbetslivsnämnden"], by_name["Förskolenämnden"]
    )
    users = {user.email.split("@")[0]: user for user in get_user_model().objects.filter(email__endswith="@boras.example")}

    audit = services.audit_create(
        municipality=municipality,
        data={
            "title": draft.title, "auditor": draft.auditor, "commissioned_by": draft.commissioned_by,
            "date": datetime.date.fromisoformat(draft.date), "response_by": RESPONSE_BY,
            "scope": "Om Borås Stad bedriver integrationsarbetet på ett ändamålsenligt sätt med avseende på "
                     "styrning och samordning av stadens samlade integrationsarbete.",
        },
        questions=[
            {"number": q.number, "text": q.text, "assessment": REVIEWED_ASSESSMENTS[q.number], "comment": q.comment or ""}
            for q in draft.questions
        ],
        overall_assessments=[
            {"organization": organization_for_name(name=item.body, organizations=organizations),
             "assessment": item.assessment, "text": item.text}
            for item in draft.overall_assessments
        ],
        recommendations=[
            {"organization": organization_for_name(name=rec.addressee, organizations=organizations),
             "text": rec.text, "area": ""}
            for rec in draft.recommendations
        ],
        audited_organizations=[executive, labour],
        response_from=[executive, labour, preschool],
        by=users["revisor"],
    )
    recommendations = list(audit.recommendations.order_by("number"))

    answer = parse_response(text=(DATA / "forskolenamnden_svar_2021.txt").read_text(encoding="utf-8"))
    answers = answers_by_recommendation(answers=answer.answers, recommendations=recommendations)
    services.audit_response_record(
        audit=audit, organization=preschool,
        data={"decision": answer.decision, "meeting_date": PRESCHOOL_MEETING, "paragraph": f"§ {answer.paragraph}",
              "registry_number": answer.registry_number, "minutes_file": None},
        answers=answers, by=users["sekreterare"],
    )
    services.audit_response_record(
        audit=audit, organization=executive,
        data={"decision": "endorses", "meeting_date": datetime.date(2021, 4, 26), "paragraph": "§ 142",
              "registry_number": "KS 2021-00087", "minutes_file": None},
        answers={rec.pk: "Kommunstyrelsen instämmer och ger Stadsledningskansliet i uppdrag att genomföra åtgärden."
                 for rec in recommendations if rec.organization_id == executive.pk},
        by=users["admin"],
    )

    plans = [
        (recommendations[1], "Revidera Arbetslivsnämndens reglemente så att rollen som samordnande nämnd skrivs ut.",
         executive, datetime.date(2021, 12, 31), "Reglementet reviderat, KF 2021-11-18 § 201.", "verify"),
        (recommendations[2], "Ta fram en strukturerad enkät med vägledning per fråga och namngivna uppgiftslämnare.",
         labour, datetime.date(2022, 3, 31), "Enkäten användes i uppföljningen av 2021 års arbete.", "done"),
        (recommendations[3], "Skicka uppföljningen till alla nämnder och bolag och publicera den på boras.se.",
         executive, datetime.date(2027, 6, 30), "", "in_progress"),
        (recommendations[4], "Komplettera uppföljningen med Kolada-statistik per område och kön.",
         executive, datetime.date(2026, 3, 31), "", "planned"),
    ]
    for recommendation, description, owner, due, evidence, state in plans:
        measure = services.measure_create(
            recommendation=recommendation,
            data={"description": description, "owner": owner, "due_date": due, "evidence_note": "", "evidence_file": None},
        )
        if state == "in_progress":
            services.measure_update(measure=measure, data={"status": Measure.Status.IN_PROGRESS}, seen_version=measure.version)
        if state in ("done", "verify"):
            services.measure_update(
                measure=measure, data={"status": Measure.Status.DONE, "evidence_note": evidence}, seen_version=measure.version
            )
        if state == "verify":
            services.measure_verify(measure=measure, by=users["revisor"])
    context.setdefault("summary", []).append(
        f"1 audit ({audit.title}): {len(draft.questions)} questions, {len(recommendations)} recommendations, "
        "2 responses, 4 measures"
    )
