"""Plain data the newer checks judge, filled by the selectors: the registers as they are
today, and one year's report steps. Kept apart from checks.py so each stays readable."""

from dataclasses import dataclass, field

from oversight.parts import Link


@dataclass(frozen=True)
class MatrixData:
    """The responsibility matrix's gaps beyond the areas: program goals without a responsible
    organisation, and boards and companies with no part in the program."""

    goals: int
    goals_without_responsible: list[Link] = field(default_factory=list)
    organizations: int = 0
    organizations_without_part: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentData:
    title: str
    url: str
    overlapping: bool  # covers an area that another document of its type in force covers
    in_hierarchy: bool  # has a parent or children in the register
    review_due: bool  # has a review date
    review_overdue: bool


@dataclass(frozen=True)
class ProjectData:
    name: str
    url: str
    initiated: bool  # started with a goal it serves and a budget
    ended: bool
    evaluated: bool


@dataclass(frozen=True)
class AreaAnalysisData:
    name: str
    analysed: bool  # an analysis text in the approved report
    compared: bool  # a figure beside the county's or the country's


@dataclass(frozen=True)
class ReportData:
    """A cycle's report: the approved version's steps, as far as they have come."""

    year: int
    url: str
    approved: bool
    filed: bool  # KS filed or noted the approved report
    ks_decided: bool  # KS recorded any decision on the report
    dispatches: int
    unacknowledged: list[Link] = field(default_factory=list)
    missed_targets: int = 0
    missed_unexplained: list[Link] = field(default_factory=list)  # without cause or action


@dataclass(frozen=True)
class ReminderData:
    organization: str
    url: str
    answered: bool


@dataclass(frozen=True)
class CompanyData:
    name: str
    url: str
    asked: bool
    answered: bool


@dataclass(frozen=True)
class YearData:
    """A year's follow-up as far as it is due: the latest cycle whose deadline has passed,
    its report, and the latest approved report's analysis."""

    year: int  # the year the data is for
    cycle_year: int | None  # the cycle judged, None when none has passed its deadline
    cycle_url: str = ""
    report: ReportData | None = None
    analysis_year: int | None = None
    analysis_url: str = ""
    areas: list[AreaAnalysisData] = field(default_factory=list)
    late: list[Link] = field(default_factory=list)  # late or missing, whether reminded or not
    not_reminded: list[Link] = field(default_factory=list)  # late or missing, never reminded
    reminded: list[ReminderData] = field(default_factory=list)
    companies: list[CompanyData] = field(default_factory=list)
