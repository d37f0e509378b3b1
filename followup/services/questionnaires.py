"""Questionnaire templates. A version a cycle has used, open or closed, is frozen: the
answers given must keep meaning what they meant, so an edit, a new question or a new
section goes into a new version instead, and the caller is told so."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from core.versioning import versioned_save
from followup.models import Question, Questionnaire, Section

NEW_VERSION_MADE = _(
    "Formuläret används av en uppföljning och ändras därför inte. Ändringen gjordes i en ny version, "
    "version %(number)s."
)
NOT_LATEST_VERSION = _("Det finns en nyare version av formuläret. Gör ändringen i den senaste versionen.")
ORGANIZATIONS_NEEDED = _("Välj vilka organisationer som ska svara på frågan.")
ORGANIZATION_OF_OTHER_MUNICIPALITY = _("En av de valda organisationerna hör till en annan kommun.")
AREA_ALREADY_IN_QUESTIONNAIRE = _("Formuläret har redan ett avsnitt för det området.")
KEY_OF_OTHER_QUESTIONNAIRE = _(
    "Formulärets engångsnyckel hör till ett annat formulär, så inget sparades. Ladda om sidan."
)


def questionnaire_in_use(*, questionnaire: Questionnaire) -> bool:
    """Whether a cycle, open or closed, uses this version: a closed cycle's answers are
    read in its report and next year's comparison, so its questions stay as they were."""
    return questionnaire.cycles.exists()


@records_by
@transaction.atomic
def questionnaire_new_version(*, questionnaire: Questionnaire, by=None) -> Questionnaire:
    """Copy a questionnaire with its sections and questions to the next version number;
    question keys stay, so answers can be carried from one version to the next."""
    copy = Questionnaire(program=questionnaire.program, title=questionnaire.title,
                         number=questionnaire.number + 1, previous=questionnaire)
    copy.full_clean()
    copy.save()
    sections = {}
    for section in questionnaire.sections.all():
        sections[section.pk] = Section.objects.create(questionnaire=copy, area=section.area, position=section.position)
    for question in questionnaire.questions.prefetch_related("target_organizations"):
        chosen = list(question.target_organizations.all())
        question.pk = None
        question._state.adding = True
        question.questionnaire = copy
        question.section = sections[question.section_id]
        question.version = 1
        question.submission_key = None
        question.save()
        question.target_organizations.set(chosen)
    return copy


def _writable(questionnaire: Questionnaire, by) -> tuple[Questionnaire, str | None]:
    """The version a change goes into: this one, or a new copy when a cycle uses it
    (with the notice saying so). Versions form a chain, so only the latest is changed."""
    # Locked first, so that of two people changing a version in use at once the second
    # finds the first one's new version and is told to use it, rather than meeting a
    # duplicate version number.
    Questionnaire.objects.select_for_update().filter(pk=questionnaire.pk).exists()
    if Questionnaire.objects.filter(previous=questionnaire).exists():
        raise ValidationError(NOT_LATEST_VERSION, code="not_latest")
    if not questionnaire_in_use(questionnaire=questionnaire):
        return questionnaire, None
    copy = questionnaire_new_version(questionnaire=questionnaire, by=by)
    return copy, NEW_VERSION_MADE % {"number": copy.number}


def _check_targets(questionnaire: Questionnaire, targeting: str, organizations) -> None:
    if targeting == Question.Targeting.CHOSEN and not organizations:
        raise ValidationError({"target_organizations": ORGANIZATIONS_NEEDED})
    municipality_id = questionnaire.program.municipality_id
    if any(org.municipality_id != municipality_id for org in organizations):
        raise ValidationError({"target_organizations": ORGANIZATION_OF_OTHER_MUNICIPALITY})


@records_by
def question_update(*, question: Question, data: dict, seen_version: int, by=None) -> tuple[Question, str | None]:
    """Edit a question, its chosen organisations included (`target_organizations` in
    `data`). When a cycle uses its questionnaire the edit goes into a new
    version of the questionnaire; returns the question edited and a notice saying so
    (None otherwise)."""
    data = dict(data)
    chosen = data.pop("target_organizations", None)
    with transaction.atomic():
        if not Question.objects.filter(pk=question.pk, version=seen_version).exists():
            # Refused here, before a new version could carry the other person's edit away unseen.
            versioned_save(instance=question, seen_version=seen_version)
        questionnaire, notice = _writable(question.questionnaire, by)
        if notice:
            question = questionnaire.questions.get(key=question.key)
            seen_version = question.version
        for name, value in data.items():
            setattr(question, name, value)
        targets = list(question.target_organizations.all()) if chosen is None else list(chosen)
        _check_targets(questionnaire, question.targeting, targets)
        question.full_clean()
        related_changed = chosen is not None and {o.pk for o in targets} != set(
            question.target_organizations.values_list("pk", flat=True))
        versioned_save(instance=question, seen_version=seen_version, related_changed=related_changed)
        if chosen is not None:
            question.target_organizations.set(targets)
    return question, notice


def _unique_key(questionnaire: Questionnaire, text: str) -> str:
    base = slugify(text)[:50].strip("-") or "fraga"
    taken = set(questionnaire.questions.filter(key__startswith=base).values_list("key", flat=True))
    key, counter = base, 2
    while key in taken:
        key, counter = f"{base}-{counter}", counter + 1
    return key


@records_by
def question_add(
    *, section: Section, data: dict, submission_key: uuid.UUID | None = None, by=None,
) -> tuple[Question, str | None]:
    """Add a question at the end of a section. Its key, which carries answers from one
    version to the next, is made from its text. Returns the question and the new-version
    notice when a cycle uses the questionnaire (None otherwise). A `submission_key` (the
    adding form's one-time key) already used returns the question it added, so a double
    click adds one question."""
    data = dict(data)
    chosen = list(data.pop("target_organizations", None) or [])
    with transaction.atomic():
        # Locked before the key is looked up, so that of two posts of one form the second
        # finds the first one's question.
        Questionnaire.objects.select_for_update().filter(pk=section.questionnaire_id).exists()
        if submission_key is not None:
            earlier = Question.objects.filter(submission_key=submission_key).select_related("questionnaire").first()
            if earlier is not None:
                if earlier.questionnaire.program_id != section.questionnaire.program_id:
                    raise ValidationError(KEY_OF_OTHER_QUESTIONNAIRE, code="submission_key")
                return earlier, None
        questionnaire, notice = _writable(section.questionnaire, by)
        if notice:
            section = questionnaire.sections.get(area=section.area_id)
        position = (section.questions.aggregate(last=Max("position"))["last"] or 0) + 1
        question = Question(questionnaire=questionnaire, section=section, position=position,
                            submission_key=submission_key, **data)
        question.key = _unique_key(questionnaire, question.text)
        _check_targets(questionnaire, question.targeting, chosen)
        question.full_clean()
        question.save()
        question.target_organizations.set(chosen)
    return question, notice


@records_by
def section_add(*, questionnaire: Questionnaire, area, by=None) -> tuple[Section, str | None]:
    """Add a section for an area of the program that the questionnaire has none for, last
    in order. Returns the section and the new-version notice when it applies."""
    if questionnaire.sections.filter(area=area).exists():
        raise ValidationError({"area": AREA_ALREADY_IN_QUESTIONNAIRE})
    with transaction.atomic():
        questionnaire, notice = _writable(questionnaire, by)
        position = (questionnaire.sections.aggregate(last=Max("position"))["last"] or 0) + 1
        section = Section(questionnaire=questionnaire, area=area, position=position)
        section.full_clean()
        section.save()
    return section, notice
