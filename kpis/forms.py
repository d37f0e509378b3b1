from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedForm, CheckedModelForm
from core.uploads import CSV, XLSX, UploadValidator
from kpis.models import ComparisonGroup, KoladaMunicipality, Kpi



class LocalKpiForm(CheckedModelForm):
    class Meta:
        model = Kpi
        fields = ["title", "description", "unit", "is_divided_by_gender"]
        help_texts = {
            "unit": _("Till exempel antal, procent eller kronor."),
            "is_divided_by_gender": _("Värden kan då anges för kvinnor (K) och män (M) utöver totalt (T)."),
        }


class ValuesUploadForm(CheckedForm):
    file = forms.FileField(
        label=_("Fil med värden"),
        help_text=_("CSV (UTF-8 eller Windows-1252) eller Excel (.xlsx) med kolumnerna år, kön och värde."),
        validators=[UploadValidator(CSV, XLSX)],
    )


class ComparisonGroupForm(CheckedModelForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Kommuner"),
        queryset=KoladaMunicipality.objects.filter(type=KoladaMunicipality.Type.MUNICIPALITY).order_by("title"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Håll ned Ctrl (Cmd på Mac) för att välja flera."),
    )

    class Meta:
        model = ComparisonGroup
        fields = ["title", "members"]
