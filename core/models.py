"""What every app uses: the user who logs in by e-mail, the municipality, and the base
for records that are edited by people (history and optimistic locking)."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class VersionedModel(models.Model):
    """A record people edit: `version` grows by one on every save through
    core.versioning, so that a form posted against an older version is refused."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        # core.versioning claims the version in the save's own UPDATE (WHERE version =
        # the one the user saw): one statement, where a claim of its own would be two.
        claimed_from = getattr(self, "_claim_from_version", None)
        if claimed_from is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        if not super()._do_update(base_qs.filter(version=claimed_from), using, pk_val, values, update_fields, True):
            # Raised rather than returned: Django would take "no row updated" as a new
            # record and insert it.
            raise VersionTaken
        return True


class VersionTaken(Exception):
    """Someone else saved the record since the version a save claimed."""


def email_identity(value: str | None) -> str:
    """The one form of an e-mail address that names an account: trimmed and lower-cased.
    Login, the lock-out after failed logins, password reset and account creation all use
    it, so " KS@Boras.example" is the same person, and the same locked account, as
    "ks@boras.example"."""
    return (value or "").strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=email_identity(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=email_identity(username))


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-postadress"), unique=True, max_length=254)
    full_name = models.CharField(_("namn"), max_length=150)
    title = models.CharField(_("befattning"), max_length=150, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(_("personal i administrationsgränssnittet"), default=False)
    date_joined = models.DateTimeField(_("skapad"), default=timezone.now)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        # Every path that creates or edits an account (admin, services, demo) stores the
        # address in the form login looks it up by.
        self.email = email_identity(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


municipality_code_validator = RegexValidator(
    r"^\d{4}$", _("Kommunkoden ska vara fyra siffror, till exempel 1490.")
)


class Municipality(VersionedModel):
    name = models.CharField(_("namn"), max_length=100, unique=True)
    code = models.CharField(
        _("kommunkod"),
        max_length=4,
        unique=True,
        validators=[municipality_code_validator],
        help_text=_("Fyrsiffrig kommunkod enligt SCB, samma som Koladas kommun-id."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def county_code(self) -> str:
        """The county (län) is the first two digits of the municipality code."""
        return self.code[:2]
