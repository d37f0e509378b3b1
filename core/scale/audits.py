"""An audit a year by the auditors: seven questions with assessments, an overall
assessment, five recommendations to boards that must answer, the boards' answers with
one to each recommendation, and two measures a recommendation, verified for the old
audits and open (some overdue) for the recent ones."""

from __future__ import annotations

import datetime

from django.utils import timezone

from audits.models import (
    Assessment, Audit, AuditQuestion, AuditResponse, Measure, OverallAssessment, Recommendation,
    RecommendationAnswer,
)
from core.scale.plan import ScalePlan, bulk, bulk_links

QUESTIONS_PER_AUDIT = 7
RECOMMENDATIONS_PER_AUDIT = 5
MEASURES_PER_RECOMMENDATION = 2
FIRMS = ["PwC", "EY", "KPMG"]
ASSESSMENTS = [Assessment.PARTLY, Assessment.NO, Assessment.YES, Assessment.PARTLY, Assessment.NO,
               Assessment.YES, Assessment.PARTLY]


def build(plan: ScalePlan) -> dict:
    boards, years, today = plan.organizations["board"], plan.years, plan.today
    audits = bulk(Audit, [
        Audit(municipality=plan.municipality, title=f"Granskning av integrationsarbetet {year}",
              auditor=FIRMS[n % len(FIRMS)], commissioned_by="De förtroendevalda revisorerna",
              date=datetime.date(year, 3, 15), response_by=datetime.date(year, 6, 15),
              scope="Om kommunen styr och följer upp integrationsarbetet ändamålsenligt.")
        for n, year in enumerate(years)
    ])
    addressed = {audit.pk: [boards[(n * RECOMMENDATIONS_PER_AUDIT + k) % len(boards)]
                            for k in range(RECOMMENDATIONS_PER_AUDIT)] for n, audit in enumerate(audits)}
    bulk_links(Audit.audited_organizations, [(a.pk, org.pk) for a in audits for org in set(addressed[a.pk])])
    bulk_links(Audit.response_from, [(a.pk, org.pk) for a in audits for org in set(addressed[a.pk])])
    bulk(AuditQuestion, [AuditQuestion(audit=audit, number=k + 1, assessment=ASSESSMENTS[k],
                                       text=f"Revisionsfråga {k + 1}: finns en ändamålsenlig styrning?",
                                       comment="Revisorernas iakttagelser i sammandrag.")
                         for audit in audits for k in range(QUESTIONS_PER_AUDIT)])
    bulk(OverallAssessment, [OverallAssessment(audit=audit, assessment=Assessment.PARTLY,
                                               text="Integrationsarbetet bedrivs delvis ändamålsenligt.")
                             for audit in audits])
    recommendations = bulk(Recommendation, [
        Recommendation(audit=audit, number=k + 1, organization=org, area=plan.areas[k % len(plan.areas)].name,
                       text=f"Säkerställ att {org.name} följer upp sina insatser mot programmets mål.")
        for audit in audits for k, org in enumerate(addressed[audit.pk])
    ])
    responses, answers = _responses(plan, audits, addressed, recommendations)
    measures = _measures(plan, audits, recommendations)
    return {"audits": len(audits), "audit_questions": len(audits) * QUESTIONS_PER_AUDIT,
            "recommendations": len(recommendations), "audit_responses": responses,
            "recommendation_answers": answers, "measures": measures}


def _responses(plan, audits, addressed, recommendations) -> tuple[int, int]:
    """Every board asked has answered the audits whose answer date has passed."""
    rows = []
    for audit in audits:
        if audit.response_by >= plan.today:
            continue
        for n, org in enumerate(dict.fromkeys(addressed[audit.pk])):
            rows.append(AuditResponse(audit=audit, organization=org, decision=AuditResponse.Decision.ENDORSES,
                                      meeting_date=audit.response_by - datetime.timedelta(days=10),
                                      paragraph=f"§ {40 + n}", registry_number=f"{org.pk}-{audit.date.year}/00012",
                                      recorded_by=plan.users["sekreterare"]))
    responses = bulk(AuditResponse, rows)
    by_key = {(r.audit_id, r.organization_id): r for r in responses}
    answers = [RecommendationAnswer(response=by_key[(rec.audit_id, rec.organization_id)], recommendation=rec,
                                    text="Nämnden instämmer och har tagit fram åtgärder.")
               for rec in recommendations if (rec.audit_id, rec.organization_id) in by_key]
    bulk(RecommendationAnswer, answers)
    return len(responses), len(answers)


def _measures(plan, audits, recommendations) -> int:
    """Old audits' measures are verified; the last two years' are planned, in progress or
    done, and those due before today are overdue."""
    year_of = {audit.pk: audit.date.year for audit in audits}
    recent = plan.today.year - 1
    now, rows = timezone.now(), []
    for n, rec in enumerate(recommendations):
        year = year_of[rec.audit_id]
        for k in range(MEASURES_PER_RECOMMENDATION):
            due = datetime.date(year, 12, 31) if k == 0 else datetime.date(year + 1, 6, 30)
            if year < recent:
                status, evidence = Measure.Status.VERIFIED, "Protokoll och uppföljningsrapport."
            else:
                status = [Measure.Status.PLANNED, Measure.Status.IN_PROGRESS, Measure.Status.DONE][(n + k) % 3]
                evidence = "Redovisat i årsberättelsen." if status == Measure.Status.DONE else ""
            rows.append(Measure(
                recommendation=rec, owner_id=rec.organization_id, due_date=due, status=status,
                description=f"Åtgärd {k + 1}: inför en årlig uppföljning av insatserna.", evidence_note=evidence,
                verified_by=plan.users["revisor"] if status == Measure.Status.VERIFIED else None,
                verified_at=now if status == Measure.Status.VERIFIED else None,
            ))
    return len(bulk(Measure, rows))
