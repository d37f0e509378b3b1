"""Workflow that writes organisations and memberships: one function a verb."""

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from core.links import email_link_context
from core.models import Municipality, email_identity
from core.versioning import versioned_save
from organizations.models import Membership, Organization

HAS_RECORDS = _(
    "Organisationen kan inte tas bort eftersom det finns uppgifter kopplade till den "
    "(underorganisationer, personer eller andra poster). Den har avaktiverats i stället, "
    "så att historiken finns kvar."
)
ALREADY_INACTIVE = _("Organisationen är redan avaktiverad.")

User = get_user_model()


@records_by
def organization_create(*, municipality: Municipality, data: dict, by=None) -> Organization:
    """Create an organisation after every model rule and constraint has been checked."""
    organization = Organization(municipality=municipality, **data)
    organization.full_clean()
    organization.save()
    return organization


@records_by
def organization_update(*, organization: Organization, data: dict, seen_version: int, by=None) -> Organization:
    """Apply `data` unless someone saved the organisation after `seen_version`."""
    for name, value in data.items():
        setattr(organization, name, value)
    organization.full_clean()
    return versioned_save(instance=organization, seen_version=seen_version)


@records_by
def organization_deactivate(*, organization: Organization, by=None) -> Organization:
    """End the organisation's active period yesterday, so that it is inactive from today;
    its records and history stay."""
    yesterday = timezone.localdate() - timedelta(days=1)
    if organization.active_to is not None and organization.active_to <= yesterday:
        raise ValidationError(ALREADY_INACTIVE, code="inactive")
    organization.active_to = yesterday
    if organization.active_from and organization.active_from > organization.active_to:
        organization.active_from = organization.active_to
    return versioned_save(instance=organization, seen_version=organization.version)


@records_by
def organization_delete(*, organization: Organization, by=None) -> None:
    """Delete an organisation that nothing refers to; raise HAS_RECORDS otherwise. Every
    reference to an organisation is PROTECT, so the database itself says whether any exist."""
    try:
        with transaction.atomic():
            organization.delete()
    except (ProtectedError, RestrictedError) as refused:
        raise ValidationError(HAS_RECORDS, code="has_records") from refused


@records_by
def organization_delete_or_deactivate(*, organization: Organization, by=None) -> bool:
    """Delete if nothing refers to it, else deactivate. Returns True when deleted."""
    try:
        organization_delete(organization=organization, by=by)
    except ValidationError:
        organization_deactivate(organization=organization, by=by)
        return False
    return True


@records_by
def membership_add(
    *,
    organization: Organization,
    email: str,
    full_name: str,
    role: str,
    mandate: str = "",
    review_due=None,
    by=None,
) -> Membership:
    """Give a person a role in an organisation. A person new to Uppsikt gets an account
    and, once the membership is saved, an e-mail with a link to choose a password."""
    email = email_identity(email)
    with transaction.atomic():
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name.strip()})
        if created:
            # A random password rather than an unusable one: Django sends reset links
            # only to accounts with a usable password.
            user.set_password(secrets.token_urlsafe(32))
            user.save()
        membership = Membership(
            user=user, organization=organization, role=role, mandate=mandate, review_due=review_due
        )
        membership.full_clean()
        membership.save()
    if created:
        transaction.on_commit(lambda: _send_invitation(email=email))
    return membership


@records_by
def membership_remove(*, membership: Membership, by=None) -> None:
    membership.delete()


def _send_invitation(*, email: str) -> None:
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        site = email_link_context()
        form.save(
            domain_override=site["domain"], use_https=site["protocol"] == "https",
            subject_template_name="registration/invitation_subject.txt",
            email_template_name="registration/invitation_email.txt",
        )
