"""{% question_form item %}: one question of a response's form with its answer, in the
respondent's page (followup/response_edit.html, whose `#question` partial is also the
fragment an autosave returns) and in the one-time link's page (`via_link` in the
context: no per-field saving, confirming or activity rows, which need an account).

Built in one pass rather than by template nodes: the form is the page every respondent
reads, and its dozen questions, each some fifty variables and conditions, were a quarter
of the page's time. Every text is escaped; the activities table keeps its template
(followup/partials/_activities.html) for the table conventions it shares with the site.
The context gives `response`, `can_answer` and `via_link`."""

from html import escape as _html_escape

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.reversing import pk_url
from followup.models import Question

register = template.Library()

Kind = Question.Kind
ACTIVITIES = "followup/partials/_activities.html"


def _escape(text) -> str:
    # What django.utils.html.escape does, without its check for lazy arguments: the texts
    # here are model fields and translated strings.
    return _html_escape(str(text))


@register.simple_tag(takes_context=True)
def question_form(context, item):
    """The question's <div>: its answer's version, label or fieldset, guidance, field by
    the question's kind, and what happened to the last save (refused, or saved)."""
    question, problem = item.question, item.problem
    qid, response = question.pk, context["response"]
    can_answer = context.get("can_answer")
    per_field = can_answer and not context.get("via_link")
    described_by = f"hjalp-{qid} fel-{qid}" if problem else f"hjalp-{qid}"
    text = _escape(question.text)
    copied = item.answer is not None and item.answer.copied_from_previous
    save = (f' hx-post="{_save_url(context, response.pk)(qid)}" hx-trigger="change" hx-target="this"'
            ' hx-swap="outerHTML"' if per_field else "")
    parts = [
        f'<div class="question" id="fraga-{qid}"{save}>\n',
        f'  <input type="hidden" name="v-{qid}" value="{item.seen_version}">\n',
    ]
    if item.choices:
        disabled = "" if can_answer else " disabled"
        parts.append(f'  <fieldset class="ds-fieldset" aria-describedby="{described_by}">\n'
                     f'    <legend class="ds-label">{text}</legend>\n')
        parts += [
            f'    <label class="ds-label" data-weight="regular"><input type="radio" name="q-{qid}" '
            f'value="{_escape(value)}"{" checked" if item.value == value else ""}{disabled}> '
            f'{_escape(label)}</label>\n'
            for value, label in item.choices
        ]
        parts.append("  </fieldset>\n")
    else:
        parts.append(f'  <label class="ds-label" for="svar-{qid}">{text}</label>\n')
    parts.append(f'  <p class="ds-paragraph" data-size="sm" id="hjalp-{qid}">{_help(question, copied)}</p>\n')
    if copied and per_field:
        parts.append(
            f'  <p class="ds-paragraph"><button class="ds-button" data-variant="secondary" data-size="sm" '
            f'type="submit" form="bekrafta-svar" name="bekrafta" value="{qid}">'
            f'{_escape(gettext("Bekräfta oförändrat"))}'
            f'<span class="ds-sr-only">: {text}</span></button></p>\n'
        )
    parts.append(_field(context, item, described_by, per_field))
    if problem:
        parts.append(f'  <div class="ds-validation-message" id="fel-{qid}" role="alert">'
                     f'<p class="ds-paragraph">{conditional_escape(problem)}</p>{_changes(problem)}</div>\n')
    elif item.saved:
        parts.append(f'  <p class="ds-paragraph" data-size="sm" role="status">{_escape(gettext("Sparat."))}</p>\n')
    parts.append("</div>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above


def _save_url(context, response_pk: int):
    """The autosave's address by question, reversed once a page."""
    urls = context.render_context.setdefault("followup:answer_save", {})
    if response_pk not in urls:
        urls[response_pk] = pk_url("followup:answer_save", key="question_pk", pk=response_pk)
    return urls[response_pk]


def _help(question, copied: bool) -> str:
    """The guidance, the length asked for, how a rating reads and a prefilled answer's note."""
    texts = [_escape(question.guidance)]
    if question.length_guide:
        texts.append(" " + _escape(gettext("Ungefär %(count)s tecken.") % {"count": question.length_guide}))
    if question.kind == Kind.RATING:
        texts.append(" " + _escape(gettext("1 är lägst och 5 är högst.")))
    if copied:
        texts.append(" " + _escape(gettext(
            "Förifyllt med förra årets svar; ändra det som inte längre stämmer, eller bekräfta att det stämmer i år. "
            "Först då räknas det som besvarat.")))
    return "".join(texts)


def _field(context, item, described_by: str, per_field: bool) -> str:
    """The field the question is answered in; the radio buttons are the fieldset's."""
    question, qid = item.question, item.question.pk
    can_answer = context.get("can_answer")
    # A text or number field: described by the guidance (and the refusal), read only once locked.
    named = f'id="svar-{qid}" name="q-{qid}"'
    state = (f'aria-describedby="{described_by}"' + (' aria-invalid="true"' if item.problem else "")
             + ("" if can_answer else " readonly"))
    if question.kind == Kind.TEXT:
        return f'  <textarea class="ds-input" {named} rows="5" {state}>{conditional_escape(item.value)}</textarea>\n'
    if question.kind == Kind.NUMBER:
        return (f'  <input class="ds-input" type="text" inputmode="decimal" {named} '
                f'value="{conditional_escape(item.value)}" {state}>\n')
    if question.kind == Kind.CHOICE:
        options = "".join(f'<option{" selected" if item.value == option else ""}>{_escape(option)}</option>'
                          for option in question.option_list)
        return (f'  <select class="ds-input" id="svar-{qid}" name="q-{qid}" aria-describedby="hjalp-{qid}"'
                f'{"" if can_answer else " disabled"}>\n'
                f'    <option value="">{_escape(gettext("Välj"))}</option>\n    {options}\n  </select>\n')
    if question.kind == Kind.ACTIVITIES:
        table = render_to_string(ACTIVITIES, {"qid": qid, "question": question, "rows": item.activity_rows})
        if per_field:
            url = reverse("followup:activity_row_add", kwargs={"pk": context["response"].pk, "question_pk": qid})
            table += (f'  <p class="ds-paragraph"><a class="ds-link" href="{url}">'
                      f'{_escape(gettext("Lägg till en aktivitet"))}</a></p>\n')
        return table
    return ""


def _changes(problem) -> str:
    """After a conflict, what the other person saved."""
    if not getattr(problem, "changes", None):
        return ""
    items = "".join(f"<li>{conditional_escape(change.label)}: {conditional_escape(change.new)}</li>"
                    for change in problem.changes)
    return f'<p class="ds-paragraph">{_escape(gettext("Det som nu är sparat:"))}</p><ul>{items}</ul>'
