import importlib

from django import forms
from django.apps import apps
from django.conf import settings

from core.forms import VERSION_MISSING, CheckedForm, PlausibleInputMixin
from core.validators import CONTROL_CHARACTERS, DATE_OUT_OF_RANGE

# Django's login form: its fields already refuse a NUL, and logging in stores no text.
EXEMPT = {"core.auth_views.EmailAuthenticationForm"}


class _Example(CheckedForm):
    name = forms.CharField()
    notes = forms.CharField(widget=forms.Textarea, required=False)
    day = forms.DateField(required=False)


def test_a_nul_byte_or_control_character_in_any_text_field_is_refused_in_swedish():
    form = _Example(data={"name": "Nämnd\x00", "notes": "rad\x1b"})
    assert not form.is_valid()
    assert form.errors["name"] == [str(CONTROL_CHARACTERS)]
    assert form.errors["notes"] == [str(CONTROL_CHARACTERS)]


def test_line_breaks_and_tabs_in_a_text_area_are_kept():
    form = _Example(data={"name": "Nämnd", "notes": "rad ett\r\nrad\ttvå"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["notes"] == "rad ett\r\nrad\ttvå"


def test_a_date_in_year_1_is_refused_in_swedish():
    form = _Example(data={"name": "Nämnd", "day": "0001-01-01"})
    assert not form.is_valid()
    assert form.errors["day"] == [str(DATE_OUT_OF_RANGE)]


def _project_forms():
    project_apps = {app.name for app in apps.get_app_configs() if app.path.startswith(str(settings.BASE_DIR))}
    for name in project_apps:
        for module in ("forms", "auth_views"):
            try:
                importlib.import_module(f"{name}.{module}")
            except ModuleNotFoundError:
                continue
    seen, stack = set(), [forms.BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    return [cls for cls in seen if cls.__module__.split(".")[0] in project_apps and ".tests" not in cls.__module__]


def test_every_form_of_the_project_applies_the_checks():
    found = _project_forms()
    assert len(found) > 20
    missing = sorted(
        f"{cls.__module__}.{cls.__name__}" for cls in found
        if not issubclass(cls, PlausibleInputMixin) and f"{cls.__module__}.{cls.__name__}" not in EXEMPT
    )
    assert missing == []


def test_a_form_posted_without_the_version_it_showed_says_so_and_changes_nothing(town):
    from organizations.forms import OrganizationForm
    from organizations.models import Organization

    form = OrganizationForm(data={"name": "Ändrat namn", "kind": town.board.kind}, instance=town.board,
                            municipality=town.municipality, parent_choices=Organization.objects.none(),
                            kinds=Organization.Kind.values)
    assert not form.is_valid()
    assert str(VERSION_MISSING) in form.render()
    town.board.refresh_from_db()
    assert town.board.name == "Arbetslivsnämnden"
