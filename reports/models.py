"""The yearly report of a follow-up cycle: compiled from the records, written on by the
coordinator, decided, frozen, built into files, dispatched to every board and company and
published. The report reads steering, followup and kpis; none of them reads it.

A version is a draft until it is submitted for decision and then approved. An approved
version is frozen: its compiled content is kept as JSON with a SHA-256 beside it, and so
is every file built from it; nothing changes it afterwards, and a later edit starts a new
version."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import VersionedModel
from core.uploads import DOCX, PDF, UploadValidator
from followup.models import FollowUpCycle
from organizations.models import Organization
from steering.models import Area, Indicator


class Report(models.Model):
    """The report of one cycle; its versions carry the content."""

    cycle = models.OneToOneField(FollowUpCycle, on_delete=models.PROTECT, related_name="report",
                                 verbose_name=_("uppföljningsomgång"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("skapad av"))

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        ordering = ["-cycle__year"]

    def __str__(self):
        return _("Uppföljningsrapport %(year)s, %(program)s") % {"year": self.cycle.year,
                                                                   "program": self.cycle.program}

    def get_absolute_url(self):
        return reverse("reports:report_detail", kwargs={"pk": self.pk})


class ReportVersion(VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inlämnad för beslut")
        APPROVED = "approved", _("Godkänd")

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="versions", verbose_name=_("rapport"))
    number = models.PositiveSmallIntegerField(_("versionsnummer"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    overall_assessment = models.TextField(_("samlad bedömning"), blank=True, max_length=20000)
    # Filled when the version is frozen (approved): the compiled content as it was decided.
    content = models.JSONField(_("innehåll"), null=True, blank=True, editable=False)
    content_sha256 = models.CharField(_("SHA-256 för innehållet"), max_length=64, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("publicerad av"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rapportversion")
        verbose_name_plural = _("rapportversioner")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_number_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | (models.Q(content__isnull=False) & ~models.Q(content_sha256="")),
                name="report_version_approved_is_frozen",
            ),
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True) | models.Q(status="approved"),
                name="report_version_published_only_if_approved",
            ),
        ]

    def __str__(self):
        return _("%(report)s, version %(number)s") % {"report": self.report, "number": self.number}

    def get_absolute_url(self):
        return reverse("reports:version_detail", kwargs={"pk": self.pk})

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.APPROVED


class AreaAnalysis(VersionedModel):
    """The coordinator's analysis of one area, written beside the compiled data."""

    # Not `version`: that is VersionedModel's edit counter, which optimistic locking needs.
    report_version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="analyses",
                                       verbose_name=_("rapportversion"))
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", verbose_name=_("område"))
    text = models.TextField(_("analys"), blank=True, max_length=20000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("analys av område")
        verbose_name_plural = _("analyser av områden")
        constraints = [models.UniqueConstraint(fields=["report_version", "area"], name="area_analysis_unique")]


class MissedTarget(VersionedModel):
    """An indicator that missed its target in the year: its cause and the action taken, with
    an owner organisation. Every missed target has one before the report goes to decision."""

    report_version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="missed_targets",
                                       verbose_name=_("rapportversion"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indikator"))
    cause = models.TextField(_("orsak"), blank=True, max_length=4000)
    action = models.TextField(_("åtgärd"), blank=True, max_length=4000)
    owner = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("ansvarig organisation"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("missat målvärde")
        verbose_name_plural = _("missade målvärden")
        constraints = [models.UniqueConstraint(fields=["report_version", "indicator"], name="missed_target_unique")]

    @property
    def is_explained(self) -> bool:
        return bool(self.cause.strip() and self.action.strip() and self.owner_id)


class DevelopmentArea(VersionedModel):
    """An utvecklingsområde named in a report: owned by an organisation, with actions and a
    due date, tracked to done in later cycles."""

    class Status(models.TextChoices):
        OPEN = "open", _("Pågår")
        DONE = "done", _("Klart")

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="development_areas",
                               verbose_name=_("rapport"))
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("område"))
    title = models.CharField(_("utvecklingsområde"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True, max_length=4000)
    owner = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="development_areas",
                              verbose_name=_("ansvarig organisation"))
    actions = models.TextField(_("åtgärder"), blank=True, max_length=4000)
    due_date = models.DateField(_("klart senast"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(_("klart"), null=True, blank=True)
    outcome = models.TextField(_("resultat"), blank=True, max_length=4000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utvecklingsområde")
        verbose_name_plural = _("utvecklingsområden")
        ordering = ["due_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(done_on__isnull=False),
                name="development_area_done_has_date",
            ),
        ]

    def __str__(self):
        return self.title


class ReportFile(models.Model):
    """A file built from a version's content (PDF/A, Word, Excel, web page), with its hash."""

    class Format(models.TextChoices):
        PDF = "pdf", _("PDF/A")
        DOCX = "docx", _("Word")
        XLSX = "xlsx", _("Excel")
        HTML = "html", _("Webbsida")

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="files",
                                verbose_name=_("rapportversion"))
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    file = models.FileField(_("fil"), upload_to="reports/%Y/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    built_at = models.DateTimeField(_("byggd"), auto_now_add=True)
    built_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("byggd av"))

    class Meta:
        verbose_name = _("rapportfil")
        verbose_name_plural = _("rapportfiler")
        constraints = [models.UniqueConstraint(fields=["version", "format"], name="report_file_one_per_format")]


class Decision(VersionedModel):
    """A decision in a meeting: organisation, date, paragraph (§), registry number
    (diarienummer), wording and the minutes extract. The chain for a report: the
    coordinating board approves it, KS files it, and it is dispatched."""

    class Wording(models.TextChoices):
        APPROVES = "approves", _("Godkänner")
        FILES = "files", _("Lägger till handlingarna")
        NOTES = "notes", _("Noterar informationen")
        REFERS_BACK = "refers_back", _("Återremitterar")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="decisions",
                                     verbose_name=_("organisation"))
    meeting_date = models.DateField(_("sammanträdesdatum"))
    paragraph = models.CharField(_("paragraf"), max_length=20, help_text=_("Till exempel § 87."))
    registry_number = models.CharField(_("diarienummer"), max_length=50, blank=True)
    wording = models.CharField(_("beslut"), max_length=12, choices=Wording.choices)
    text = models.TextField(_("beslutstext"), blank=True, max_length=4000)
    minutes_extract = models.FileField(_("protokollsutdrag"), upload_to="decisions/%Y/", blank=True,
                                       validators=[UploadValidator(PDF, DOCX)])
    report_version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="decisions", verbose_name=_("rapportversion"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("registrerat av"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["-meeting_date", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "meeting_date", "paragraph"], name="decision_paragraph_unique_per_meeting",
                violation_error_message=_("Paragrafen är redan använd i samma sammanträde."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.meeting_date} {self.paragraph}"


class Dispatch(models.Model):
    """The approved report sent to one board or company (expediering), with a link to
    acknowledge receipt and state its planned actions on the development areas."""

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="dispatches",
                                verbose_name=_("rapportversion"))
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="report_dispatches",
                                     verbose_name=_("organisation"))
    sent_at = models.DateTimeField(_("skickad"), auto_now_add=True)
    # The link's token is stored hashed; the link itself is only ever in the e-mail.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("länken gäller till"))
    acknowledged_at = models.DateTimeField(_("mottagen"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("kvitterad av"))
    acknowledged_by_name = models.CharField(_("kvitterad av (namn)"), max_length=200, blank=True)
    planned_actions = models.TextField(_("planerade åtgärder"), blank=True, max_length=8000)

    class Meta:
        verbose_name = _("expediering")
        verbose_name_plural = _("expedieringar")
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "organization"], name="dispatch_once_per_organization"),
        ]

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class BuildJob(models.Model):
    """One background build of a version's files, with its progress for the page that polls it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kö")
        RUNNING = "running", _("Byggs")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="build_jobs",
                                verbose_name=_("rapportversion"))
    formats = models.JSONField(_("format"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveSmallIntegerField(_("klara format"), default=0)
    current = models.CharField(_("byggs nu"), max_length=5, blank=True)
    error = models.TextField(_("fel"), blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("startad av"))

    class Meta:
        verbose_name = _("bygge av rapportfiler")
        verbose_name_plural = _("byggen av rapportfiler")
        ordering = ["-created_at", "-pk"]

    @property
    def total(self) -> int:
        return len(self.formats)

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
