import pytest
from django.urls import reverse

from core.forms import ONE_TIME_KEY_MISSING
from followup import services
from followup.models import Question, Questionnaire, Section
from followup.models.questionnaire import CHOICES_NEEDED
from followup.tests.factories import QuestionFactory, SectionFactory
from organizations.models import Membership
from organizations.tests.factories import OrganizationFactory
from steering.tests.factories import AreaFactory

Kind = Question.Kind
Role = Membership.Role


@pytest.fixture
def coordinator_client(client, town):
    client.force_login(town.users[Role.COORDINATOR])
    return client


def _edit_url(question):
    return reverse("followup:question_edit", kwargs={"pk": question.questionnaire_id, "question_pk": question.pk})


def _question_post(question, **changes):
    data = {"text": question.text, "kind": question.kind, "guidance": question.guidance, "length_guide": "",
            "options": question.options, "targeting": question.targeting, "seen_version": question.version}
    data.update(changes)
    return data


def test_the_list_shows_each_version_and_the_cycles_using_it(coordinator_client, setup, django_assert_max_num_queries):
    services.questionnaire_new_version(questionnaire=setup.questionnaire)
    with django_assert_max_num_queries(12):
        page = coordinator_client.get(reverse("followup:questionnaire_list"))
    html = page.content.decode()
    assert "Årlig uppföljning (v1)" in html and "Årlig uppföljning (v2)" in html
    assert "2026 (öppen)" in html


def test_the_questionnaire_page_shows_questions_with_their_targeting(
    coordinator_client, setup, town, django_assert_max_num_queries,
):
    question = setup.questions[Kind.TEXT]
    question.targeting = Question.Targeting.CHOSEN
    question.save()
    question.target_organizations.set([town.company, town.board])
    for area in ("Boende", "Trygghet", "Kultur"):
        section = SectionFactory(questionnaire=setup.questionnaire, area__name=area)
        for _index in range(5):
            QuestionFactory(section=section).target_organizations.set([town.company])
    with django_assert_max_num_queries(20):
        page = coordinator_client.get(reverse("followup:questionnaire_detail", kwargs={"pk": setup.questionnaire.pk}))
    html = page.content.decode()
    assert "Valda organisationer: AB Bostäder, Arbetslivsnämnden" in html
    assert "En uppföljning använder den här versionen." in html
    assert _edit_url(question) in html


def test_ks_officials_read_the_questionnaire_but_cannot_edit_it(client, setup, town):
    client.force_login(town.users[Role.KS_OFFICIAL])
    page = client.get(reverse("followup:questionnaire_detail", kwargs={"pk": setup.questionnaire.pk}))
    assert page.status_code == 200 and _edit_url(setup.questions[Kind.TEXT]) not in page.content.decode()
    assert client.post(_edit_url(setup.questions[Kind.TEXT]), {}).status_code == 403


def test_editing_a_question_in_use_makes_a_new_version_and_shows_it(coordinator_client, setup):
    question = setup.questions[Kind.TEXT]
    page = coordinator_client.post(_edit_url(question), _question_post(question, text="Ny lydelse?"), follow=True)
    copy = Questionnaire.objects.get(number=2)
    assert page.redirect_chain[-1][0].startswith(reverse("followup:questionnaire_detail", kwargs={"pk": copy.pk}))
    assert "Ändringen gjordes i en ny version, version 2." in page.content.decode()
    assert copy.questions.get(key=question.key).text == "Ny lydelse?"
    assert Question.objects.get(pk=question.pk).text == question.text


def test_editing_a_question_not_in_use_changes_it_in_place(coordinator_client, setup, unused):
    question = unused.questions[Kind.TEXT]
    coordinator_client.post(_edit_url(question), _question_post(question, text="Ny lydelse?", length_guide="400"))
    question.refresh_from_db()
    assert (question.text, question.length_guide) == ("Ny lydelse?", 400)
    assert Questionnaire.objects.count() == 2


def test_targeting_by_kind_and_by_chosen_organisations_is_saved(coordinator_client, setup, town, unused):
    question = unused.questions[Kind.NUMBER]
    coordinator_client.post(_edit_url(question), _question_post(question, targeting="kinds", target_kinds=["company"]))
    question.refresh_from_db()
    assert question.target_kinds == ["company"]
    coordinator_client.post(_edit_url(question), _question_post(
        question, targeting="chosen", target_organizations=[town.board.pk, town.company.pk]))
    question.refresh_from_db()
    assert set(question.target_organizations.all()) == {town.board, town.company}


@pytest.mark.parametrize("changes, message", [
    ({"kind": "choice", "options": "Bara ett"}, CHOICES_NEEDED),
    ({"length_guide": "300"}, "En längdanvisning gäller bara frågor med fritext."),
    ({"targeting": "chosen"}, services.ORGANIZATIONS_NEEDED),
    ({"targeting": "kinds"}, "Välj vilka typer av organisationer som ska svara på frågan."),
])
def test_a_bad_question_is_refused_with_a_message_and_nothing_changed(coordinator_client, setup, changes, message):
    question = setup.questions[Kind.NUMBER]
    page = coordinator_client.post(_edit_url(question), _question_post(question, **changes))
    assert page.status_code == 200 and str(message) in page.content.decode()
    assert Questionnaire.objects.count() == 1
    assert Question.objects.get(pk=question.pk).version == question.version


def test_an_organisation_of_another_municipality_cannot_be_targeted(coordinator_client, setup, unused):
    question = unused.questions[Kind.NUMBER]
    foreign = OrganizationFactory()
    page = coordinator_client.post(_edit_url(question), _question_post(
        question, targeting="chosen", target_organizations=[foreign.pk]))
    assert "Välj ett giltigt alternativ" in page.content.decode()
    assert not Question.objects.get(pk=question.pk).target_organizations.exists()


def test_a_stale_question_edit_is_refused(coordinator_client, setup, unused):
    question = unused.questions[Kind.TEXT]
    services.question_update(question=question, data={"text": "Kollegans"}, seen_version=question.version)
    page = coordinator_client.post(_edit_url(question), _question_post(question, text="Min", seen_version=1))
    assert "Någon annan har sparat" in page.content.decode()
    assert Question.objects.get(pk=question.pk).text == "Kollegans"


def test_a_question_is_added_to_a_section_in_a_new_version_when_in_use(coordinator_client, setup):
    section = setup.questions[Kind.TEXT].section
    url = reverse("followup:question_add", kwargs={"pk": setup.questionnaire.pk, "section_pk": section.pk})
    key = str(coordinator_client.get(url).context["form"]["submission_key"].value())
    page = coordinator_client.post(url, {"text": "Hur många deltog?", "kind": "number", "targeting": "all",
                                         "submission_key": key}, follow=True)
    assert "version 2" in page.content.decode()
    added = Question.objects.get(text="Hur många deltog?")
    assert added.questionnaire.number == 2 and added.section.area == section.area
    assert not setup.questionnaire.questions.filter(text="Hur många deltog?").exists()


def test_a_new_question_form_posted_twice_adds_one_question(coordinator_client, setup, unused):
    section = unused.questions[Kind.TEXT].section
    url = reverse("followup:question_add", kwargs={"pk": unused.questionnaire.pk, "section_pk": section.pk})
    key = str(coordinator_client.get(url).context["form"]["submission_key"].value())
    data = {"text": "Dubbelklick?", "kind": "text", "targeting": "all", "submission_key": key}
    assert [coordinator_client.post(url, data).status_code for _ in range(2)] == [302, 302]
    assert Question.objects.filter(text="Dubbelklick?").count() == 1


def test_a_new_question_without_its_one_time_key_is_refused(coordinator_client, setup, unused):
    section = unused.questions[Kind.TEXT].section
    url = reverse("followup:question_add", kwargs={"pk": unused.questionnaire.pk, "section_pk": section.pk})
    page = coordinator_client.post(url, {"text": "Utan nyckel?", "kind": "text", "targeting": "all"})
    assert page.status_code == 200 and str(ONE_TIME_KEY_MISSING) in page.content.decode()
    assert not Question.objects.filter(text="Utan nyckel?").exists()


def test_a_section_is_added_for_an_area_not_yet_in_the_questionnaire(coordinator_client, setup, unused):
    area = AreaFactory(program=setup.program, name="Boende")
    url = reverse("followup:section_add", kwargs={"pk": unused.questionnaire.pk})
    assert "Boende" in coordinator_client.get(url).content.decode()
    coordinator_client.post(url, {"area": area.pk})
    assert Section.objects.filter(questionnaire=unused.questionnaire, area=area).exists()


def test_a_section_for_an_area_already_there_or_of_another_program_is_refused(coordinator_client, setup):
    url = reverse("followup:section_add", kwargs={"pk": setup.questionnaire.pk})
    used = setup.questions[Kind.TEXT].section.area
    for area in (used, AreaFactory()):
        page = coordinator_client.post(url, {"area": area.pk})
        assert "Välj ett av programmets områden som formuläret inte redan har ett avsnitt för." in page.content.decode()
    assert Section.objects.count() == 1 and Questionnaire.objects.count() == 1


def test_the_questionnaire_pages_mark_their_own_menu_entry(coordinator_client, setup):
    page = coordinator_client.get(reverse("followup:questionnaire_detail", kwargs={"pk": setup.questionnaire.pk}))
    assert [item["label"] for item in page.context["navigation"] if item["current"]] == ["Frågeformulär"]
