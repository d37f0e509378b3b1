"""Form rendering in the design system, with errors tied to their fields, the checks
every form applies to what is typed, and the hidden version that optimistic locking
needs."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from core.validators import no_control_characters, plausible_date


class DesignSystemBoundField(forms.BoundField):
    """Adds the design system's classes and points aria-describedby at the help text and
    at the error message, so a screen reader reads both with the field."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if not isinstance(widget, (forms.HiddenInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
            attrs["class"] = " ".join(filter(None, [attrs.get("class"), "ds-input"]))
        if self.form.is_bound and self.errors:
            attrs["aria-invalid"] = "true"
            described = [attrs.get("aria-describedby"), f"{self.auto_id}_error"]
            attrs["aria-describedby"] = " ".join(filter(None, described))
        return attrs


class UppsiktFormRenderer(TemplatesSetting):
    """Every form in Uppsikt, Django's own included, renders through these templates."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = DesignSystemBoundField


def input_checks_apply(field: forms.Field) -> forms.Field:
    """Adds to `field` the check its kind needs: no control characters in a text, a date
    within 1900–2100."""
    if isinstance(field, forms.CharField):
        # Ours covers the NUL that Django's own validator refuses, with one message for all.
        field.validators = [
            v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ] + [no_control_characters]
    elif isinstance(field, (forms.DateField, forms.DateTimeField)):
        field.validators = [*field.validators, plausible_date]
    return field


class PlausibleInputMixin:
    """Every text field of the form refuses control characters and every date field a
    date outside 1900–2100, with Swedish messages. Each form of the project takes it
    (core/tests/test_forms.py checks that none is left out), so a NUL byte or the year 1
    never reaches the database through a form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            input_checks_apply(field)


class CheckedForm(PlausibleInputMixin, forms.Form):
    """The plain form every app's forms start from."""


class CheckedModelForm(PlausibleInputMixin, forms.ModelForm):
    """The model form every app's model forms start from."""


VERSION_MISSING = _(
    "Formuläret sa inte vilken version du utgick från, så inget sparades. Ladda om sidan och försök igen."
)
ONE_TIME_KEY_MISSING = _("Formuläret saknar sin engångsnyckel, så inget sparades. Ladda om sidan och försök igen.")


class OneTimeKeyMixin:
    """A form that adds a record carries a one-time key, made when the form is shown.
    The service given the same key twice returns what the first post added, so a double
    click or a repeated post adds one record. A form editing a record has no key."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if getattr(getattr(self, "instance", None), "pk", None) is None:
            self.fields["submission_key"] = forms.UUIDField(
                widget=forms.HiddenInput, initial=uuid.uuid4,
                error_messages={"required": ONE_TIME_KEY_MISSING, "invalid": ONE_TIME_KEY_MISSING},
            )


class VersionedModelForm(CheckedModelForm):
    """Carries the version of the record as the user saw it."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, error_messages={
        code: VERSION_MISSING for code in ("required", "invalid", "min_value")
    })

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version
        else:
            del self.fields["seen_version"]

    def model_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items()
                if name not in ("seen_version", "submission_key")}

    def show_current_version(self, version: int) -> None:
        """After a conflict: the next post is made knowingly against the current version."""
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_version")] = str(version)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form: to the field it names when the
    form has that field, otherwise to the whole form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def save_form(form: forms.Form, save):
    """Call `save(form)` for a valid form and return (record, None). A refused save puts
    its reasons on the form and returns (None, stale_edit): the StaleEdit when someone
    else saved first (the form then carries the current version), else None."""
    from core.versioning import StaleEditError

    try:
        return save(form), None
    except StaleEditError as conflict:
        form.add_error(None, conflict)
        form.show_current_version(conflict.stale_edit.current_version)
        return None, conflict.stale_edit
    except ValidationError as error:
        add_service_errors(form, error)
        return None, None
