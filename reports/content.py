"""The compiled content of a report version: one JSON-able dict that every output (web
page, PDF/A, Word, Excel) is rendered from, and that an approved version keeps frozen.

The shapes below are the contract between compiling (reports.compile) and rendering
(reports.outputs). Numbers are plain floats or None; dates are ISO strings; every text is
already in the language it is shown in (the content is compiled once, in Swedish)."""

from __future__ import annotations

import hashlib
import json
from typing import TypedDict

SCHEMA = 1


def canonical_json(content: dict) -> bytes:
    """The one byte form of a content dict that its SHA-256 is taken of: sorted keys, no
    spaces, UTF-8; so the same content always has the same hash, whoever stored it."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def content_sha256(content: dict) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


class Fulfilment(TypedDict):
    code: str  # "met" | "partly_met" | "not_met" | "no_value"
    text: str  # "Uppfyllt", ...
    color: str  # "success" | "warning" | "danger" | "neutral"
    reason: str


class SeriesPoint(TypedDict):
    year: int
    own: float | None
    county: float | None
    national: float | None


class IndicatorContent(TypedDict):
    id: int
    name: str
    unit: str
    direction: str  # "higher" | "lower"
    source: str
    year: int | None  # the year judged
    value: float | None
    target: float | None
    target_year: int | None
    fulfilment: Fulfilment
    county_name: str
    series: list[SeriesPoint]  # every year with a value, oldest first: the chart and its data table


class GoalContent(TypedDict):
    id: int
    title: str
    organization: str | None  # None for a program goal
    indicators: list[IndicatorContent]


class ActivityContent(TypedDict):
    organization: str
    title: str
    target_group: str
    cost: float | None
    result: str


class MissedTargetContent(TypedDict):
    indicator_id: int
    indicator: str
    fulfilment: str  # the fulfilment's text: "Ej uppfyllt" or "Delvis uppfyllt"
    cause: str
    action: str
    owner: str | None


class AreaContent(TypedDict):
    id: int
    name: str
    analysis: str  # the coordinator's text
    goals: list[GoalContent]
    activities_by_target_group: dict[str, list[ActivityContent]]
    missed_targets: list[MissedTargetContent]
    answering_organizations: list[str]  # those that answered a question of the area
    changes_since_last_year: list[str]  # sentences: figures, fulfilment, answering organisations


class ResponseContent(TypedDict):
    organization: str
    kind: str  # the organisation kind's label: "Nämnd", "Bolag", ...
    status: str  # the status's label
    submitted_on: str | None
    days_late: int  # 0 when on time; for one that never answered, days past the deadline
    answered: bool


class AnswerContent(TypedDict):
    area: str
    question: str
    answer: str


class OrganizationContent(TypedDict):
    name: str
    kind: str
    answers: list[AnswerContent]
    activities: list[ActivityContent]


class DevelopmentAreaContent(TypedDict):
    title: str
    area: str | None
    owner: str
    actions: str
    due_date: str
    status: str
    outcome: str


class Content(TypedDict):
    schema: int
    title: str
    municipality: str
    program: str
    period: str  # "2021–2025"
    year: int
    coordinator: str | None  # the coordinating board
    compiled_at: str
    overall_assessment: str
    areas: list[AreaContent]
    responses: list[ResponseContent]
    organizations: list[OrganizationContent]
    development_areas: list[DevelopmentAreaContent]
    previous_development_areas: list[DevelopmentAreaContent]  # "what came of last year's"
