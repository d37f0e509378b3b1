import pytest
from django.core.exceptions import ValidationError

from reports.models import ReportVersion
from reports.services.publication import ALREADY_PUBLISHED, NOT_APPROVED, published_versions, version_publish
from reports.tests.factories_dispatch import ApprovedVersionFactory, ReportVersionFactory


@pytest.mark.parametrize("status", [ReportVersion.Status.DRAFT, ReportVersion.Status.SUBMITTED])
def test_a_version_not_approved_cannot_be_published(town, status):
    version = ReportVersionFactory(status=status)
    with pytest.raises(ValidationError) as error:
        version_publish(version=version, by=town.users["coordinator"])
    assert error.value.messages == [str(NOT_APPROVED)]
    version.refresh_from_db()
    assert version.published_at is None and version.published_by is None


def test_an_approved_version_is_published_once(town):
    version = ApprovedVersionFactory()
    version_publish(version=version, by=town.users["coordinator"])
    version.refresh_from_db()
    published_at = version.published_at
    assert published_at is not None and version.published_by == town.users["coordinator"]
    assert list(published_versions()) == [version]
    with pytest.raises(ValidationError) as error:
        version_publish(version=version, by=None)
    assert error.value.messages == [str(ALREADY_PUBLISHED)]
    version.refresh_from_db()
    assert version.published_at == published_at


def test_only_published_versions_are_listed(town):
    ReportVersionFactory()
    ApprovedVersionFactory()
    assert list(published_versions()) == []
