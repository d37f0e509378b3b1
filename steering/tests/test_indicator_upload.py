"""A manual indicator's values uploaded from CSV or Excel: the same template, checks and
all-or-nothing rule as the municipality's own key figures."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from organizations.models import Membership
from steering import services
from steering.models import Indicator, IndicatorValue
from steering.services import UPLOAD_NOT_MANUAL
from steering.tests.factories import AreaFactory, GoalFactory, IndicatorFactory, ProgramFactory

Role = Membership.Role


@pytest.fixture
def indicator(town):
    program = ProgramFactory(municipality=town.municipality, start_year=2021, end_year=2026)
    return IndicatorFactory(goal=GoalFactory(area=AreaFactory(program=program), organization=town.board),
                            source=Indicator.Source.MANUAL, unit="antal")


def csv(text):
    return ("\ufeff" + text).encode("utf-8")


def test_an_upload_stores_every_value_with_its_file_as_source(indicator, town):
    by = town.users[Role.COORDINATOR]
    stored = services.indicator_values_import(indicator=indicator, filename="språkcafé.csv",
                                              content=csv("år;kön;värde\n2022;T;312\n2023;T;1 247,5\n2023;K;600\n"), by=by)
    assert len(stored) == 3
    value = IndicatorValue.objects.get(indicator=indicator, year=2023, gender="T")
    assert value.value == Decimal("1247.50")
    assert (value.origin, value.origin_note, value.recorded_by) == ("uploaded", "språkcafé.csv", by)


def test_an_excel_upload_is_read_too(indicator, town):
    workbook = Workbook()
    workbook.active.append(["år", "kön", "värde"])
    workbook.active.append([2024, "T", 41.5])
    out = io.BytesIO()
    workbook.save(out)
    services.indicator_values_import(indicator=indicator, filename="v.xlsx", content=out.getvalue(), by=None)
    assert IndicatorValue.objects.get(indicator=indicator).value == Decimal("41.50")


def test_a_file_with_errors_stores_nothing_and_names_every_bad_row(indicator):
    content = csv("år;kön;värde\n2022;T;312\n2030;T;5\n2023;X;5\n2024;T;tolv\n")
    with pytest.raises(ValidationError) as refused:
        services.indicator_values_import(indicator=indicator, filename="v.csv", content=content, by=None)
    messages = refused.value.messages
    assert "Rad 3: året 2030 ligger utanför programmets period 2021–2026." in messages
    assert any(m.startswith("Rad 4:") for m in messages) and any(m.startswith("Rad 5:") for m in messages)
    assert not IndicatorValue.objects.exists()


def test_a_kolada_indicator_takes_no_upload(indicator):
    indicator.source, indicator.kolada_kpi = Indicator.Source.KOLADA, "N00973"
    indicator.save()
    with pytest.raises(ValidationError) as refused:
        services.indicator_values_import(indicator=indicator, filename="v.csv", content=csv("år;kön;värde\n2022;T;1\n"))
    assert refused.value.messages == [str(UPLOAD_NOT_MANUAL)]
    assert not IndicatorValue.objects.exists()


def test_the_board_uploads_from_the_indicator_page_and_a_bad_file_is_refused_on_the_form(client, town, indicator):
    client.force_login(town.users[Role.RESPONDENT])
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert reverse("steering:indicator_values_upload", args=[indicator.pk]) in page
    url = reverse("steering:indicator_values_upload", args=[indicator.pk])
    upload = io.BytesIO(csv("år;kön;värde\n2022;T;-5\n2023;T;1e308\n"))
    upload.name = "v.csv"
    indicator.unit = "procent"
    indicator.save()
    refused = client.post(url, {"file": upload})
    assert refused.status_code == 200 and "Rad 2:" in refused.content.decode()
    assert not IndicatorValue.objects.exists()
    upload = io.BytesIO(csv("år;kön;värde\n2022;T;41\n"))
    upload.name = "v.csv"
    assert client.post(url, {"file": upload}).status_code == 302
    assert IndicatorValue.objects.get().value == 41


def test_the_template_lists_the_programs_years(client, town, indicator):
    client.force_login(town.users[Role.COORDINATOR])
    download = client.get(reverse("steering:indicator_values_template", args=[indicator.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(download.content)).active.values)
    assert rows[0] == ("år", "kön", "värde") and [r[0] for r in rows[1:]] == list(range(2021, 2027))
