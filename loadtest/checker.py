"""After a run: nothing lost. Every save the server told a user it had saved is in the
answer's history with that value and version, and the answer holds the last of them;
every save it refused wrote nothing; every submit it confirmed left the answers submitted.
A save cut off when the run stopped may have been written unheard: a newer value is
accepted only if a user of the run sent it."""

import json
from pathlib import Path

from followup.models import Answer, CycleOrganization


def outcomes_read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _stored(question_kind_text: bool, record) -> str:
    if question_kind_text:
        return record.text
    return "" if record.number is None else f"{record.number.normalize():f}"


def outcomes_check(*, outcomes: list[dict], text_question: int) -> dict:
    """Compare what users were told with the database; the lists name each discrepancy."""
    saves = [o for o in outcomes if o["kind"] == "save"]
    submits = [o for o in outcomes if o["kind"] == "submit"]
    attempted = {(o["response"], o["question"], o["value"]) for o in outcomes if o["kind"] == "attempt"}
    keys = {(o["response"], o["question"]) for o in saves}
    answers = {(a.response_id, a.question_id): a for a in Answer.objects.filter(
        response_id__in={k[0] for k in keys}, question_id__in={k[1] for k in keys})}
    history = {}
    for answer in answers.values():
        for record in answer.history.all():
            history.setdefault((answer.response_id, answer.question_id), []).append(record)
    lost, written_though_refused, not_last = [], [], []
    last_saved = {}
    for save in saves:
        key = (save["response"], save["question"])
        is_text = save["question"] == text_question
        records = history.get(key, [])
        written = [r for r in records if _stored(is_text, r) == save["value"]]
        if save["told"] == "saved":
            if not any(r.version == save["version"] for r in written):
                lost.append(save)
            if key not in last_saved or save["version"] > last_saved[key]["version"]:
                last_saved[key] = save
        elif save["told"] == "refused" and written:
            written_though_refused.append(save)
    for key, save in last_saved.items():
        answer, is_text = answers.get(key), save["question"] == text_question
        if answer is None or answer.version < save["version"]:
            not_last.append(save)
        elif answer.version == save["version"] and _stored(is_text, answer) != save["value"]:
            not_last.append(save)
        elif answer.version > save["version"] and (*key, _stored(is_text, answer)) not in attempted:
            not_last.append(save)
    statuses = dict(CycleOrganization.objects.filter(pk__in={s["response"] for s in submits})
                    .values_list("pk", "status"))
    unsubmitted = [s for s in submits if s["told"] == "submitted" and statuses.get(s["response"]) != "submitted"]
    return {
        "saves": len(saves),
        "saves_told_saved": sum(s["told"] == "saved" for s in saves),
        "saves_told_refused": sum(s["told"] == "refused" for s in saves),
        "saves_outcome_unknown": sum(s["told"] == "unknown" for s in saves),
        "stale_saves_sent": sum(bool(s["stale"]) for s in saves),
        "submits_told_submitted": sum(s["told"] == "submitted" for s in submits),
        "lost_saves": len(lost) + len(not_last),
        "refused_but_written": len(written_though_refused),
        "submitted_not_stored": len(unsubmitted),
        "examples": (lost + not_last + written_though_refused + unsubmitted)[:5],
        "ok": not (lost or not_last or written_though_refused or unsubmitted),
    }
