"""Areas the latest questionnaire asks nothing about are a governance gap."""

from django.urls import reverse

from followup.tests.factories import QuestionFactory
from organizations.models import Membership
from steering import gaps
from steering.tests.factories import AreaFactory


def _group(town):
    return next(g for g in gaps.governance_gaps(municipality=town.municipality)
                if g.slug == "omrade-utan-uppfoljningsfraga")


def test_an_area_without_a_question_in_the_latest_questionnaire_is_a_gap(client, setup, town):
    asked = {section.area for section in setup.questionnaire.sections.all()}
    safety = AreaFactory(program=setup.program, name="Trygghet")
    assert [gap.record for gap in _group(town).gaps] == [safety]
    client.force_login(town.users[Membership.Role.KS_OFFICIAL])
    page = client.get(reverse("steering:gap_list")).content.decode()
    assert "Områden som uppföljningen inte frågar om" in page and "Trygghet" in page
    assert asked and not asked & {gap.record for gap in _group(town).gaps}


def test_asking_about_the_area_closes_the_gap(setup, town):
    safety = AreaFactory(program=setup.program, name="Trygghet")
    section = setup.questionnaire.sections.create(area=safety, position=9)
    assert [gap.record for gap in _group(town).gaps] == [safety]  # a section without questions still asks nothing
    QuestionFactory(questionnaire=setup.questionnaire, section=section, key="trygghet")
    assert _group(town).gaps == []
