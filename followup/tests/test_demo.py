from django.core.management import call_command

from followup.models import Answer, CycleOrganization, FollowUpCycle

Status = CycleOrganization.Status


def _snapshot():
    return (
        sorted(FollowUpCycle.objects.values_list("year", "status", "version")),
        sorted(CycleOrganization.objects.values_list("organization__name", "status", "version")),
        sorted(Answer.objects.values_list("response_id", "question__key", "version")),
        CycleOrganization.history.count() + Answer.history.count(),
    )


def test_the_demo_has_last_years_closed_cycle_and_this_years_with_mixed_statuses(db, capsys):
    call_command("load_demo")
    first = _snapshot()
    call_command("load_demo")

    assert _snapshot() == first
    last, this = FollowUpCycle.objects.order_by("year")
    assert last.status == FollowUpCycle.Status.CLOSED and this.status == FollowUpCycle.Status.OPEN
    assert set(last.organizations_asked.values_list("status", flat=True)) == {Status.APPROVED}
    assert last.organizations_asked.count() >= 20
    assert set(this.organizations_asked.values_list("status", flat=True)) == set(Status.values)
    preschool = this.organizations_asked.get(organization__name="Förskolenämnden")
    assert preschool.status == Status.DRAFT and preschool.respondent.email == "uppgiftslamnare@boras.example"
    assert preschool.answers.filter(copied_from_previous=True).exists()


def test_every_board_and_company_has_a_named_respondent_and_backup_in_its_own_organisation(db):
    from organizations.models import Membership, Organization

    call_command("load_demo")
    this = FollowUpCycle.objects.order_by("year").last()
    kinds = {Organization.Kind.BOARD, Organization.Kind.COMPANY}
    asked = list(this.organizations_asked.filter(organization__kind__in=kinds)
                 .select_related("organization", "respondent", "backup"))
    assert len(asked) == Organization.objects.filter(kind__in=kinds).count() == 22
    people = set()
    for response in asked:
        assert response.respondent and response.backup, response.organization
        for person in (response.respondent, response.backup):
            assert person.email.endswith("@boras.example") and " " in person.full_name and person.title
            assert Membership.objects.filter(user=person, organization=response.organization,
                                             role=Membership.Role.RESPONDENT).exists()
            people.add(person.pk)
    assert len(people) == 44
    # The reminders name them: the respondent and the backup of each late organisation.
    assert this.organizations_asked.filter(respondent__email="johanna.berglund@boras.example").exists()


def test_an_external_partner_answers_this_year_through_an_active_one_time_link(db):
    from followup.models import RespondentLink
    from notifications.models import OutboxMessage

    call_command("load_demo")
    this = FollowUpCycle.objects.order_by("year").last()
    link = RespondentLink.objects.get()
    assert link.response.cycle == this and link.response.organization.name == "Arbetsförmedlingen"
    assert link.status == RespondentLink.Status.ACTIVE and link.response.respondent is None
    mail = OutboxMessage.objects.get(template="followup/email/link")
    assert mail.recipient == link.email and "/uppfoljning/lank/" in mail.body
