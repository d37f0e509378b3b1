"""A client for Kolada's REST API (v3) that batches, pages, retries and parses.

Every public method returns an iterator: records come out a page at a time, each
page checked whole by :mod:`.format` before any of it is yielded, so an importer
can stream thousands of values without holding them all.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx

from .errors import KoladaError, KoladaFormatError, KoladaUnavailable
from .format import (
    DEFAULT_MAX_YEAR,
    DEFAULT_MIN_YEAR,
    KoladaValue,
    next_page_url,
    parse_data_response,
)
from .ids import is_group_id, is_kpi_id, is_municipality_id
from .metadata import (
    KoladaGroup,
    KoladaKpi,
    KoladaMunicipality,
    parse_kpi_response,
    parse_municipality_groups_response,
    parse_municipality_response,
)

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.kolada.se/v3"
# v3 refuses more than 25 items in one path segment; 5000 is its largest page.
MAX_SEGMENT_ITEMS = 25
MAX_PER_PAGE = 5000
DEFAULT_TIMEOUT = 30.0
# The whole KPI catalogue (about 6,000 rows) is slow to build on Kolada's side.
DEFAULT_CATALOGUE_TIMEOUT = 60.0
DEFAULT_MAX_ATTEMPTS = 4
DEFAULT_BACKOFF = 1.0
DEFAULT_MAX_BACKOFF = 30.0
DEFAULT_MAX_RETRY_AFTER = 120.0
# Kolada publishes no quota but asks for a few requests a second at most.
DEFAULT_MIN_INTERVAL = 0.25
USER_AGENT = "Uppsikt kolada-klient"

MSG_UNAVAILABLE = "Kolada svarar inte just nu ({reason}). Försök igen senare."
REASON_TIMEOUT = "inget svar inom {seconds:g} sekunder"
REASON_CONNECT = "det gick inte att ansluta"
REASON_TRANSPORT = "anslutningen bröts"
REASON_RATE_LIMITED = "för många förfrågningar, HTTP 429"
REASON_SERVER_ERROR = "serverfel, HTTP {status}"
MSG_BAD_REQUEST = "Kolada avvisade frågan (HTTP 400): någon parameter är fel eller adressen är för lång."
MSG_NOT_FOUND = "Kolada har ingen sådan adress (HTTP 404): {path}"
MSG_HTTP_ERROR = "Kolada avvisade frågan (HTTP {status})."
MSG_RESPONSE_NOT_JSON = "Kolada svarade med något som inte är JSON (HTTP {status}, {content_type})."
MSG_UNREADABLE_RESPONSE = "Kolada svarade på ett sätt som inte gick att läsa. Försök igen senare."
MSG_PAGING_LOOP = "Kolada pekade tillbaka till en sida som redan hämtats; hämtningen avbröts."
MSG_FOREIGN_NEXT_URL = "Kolada pekade vidare till en annan server ({host}); hämtningen avbröts."

T = TypeVar("T")


class KoladaClient:
    """Reads KPI metadata, municipalities, groups and values from Kolada.

    ``http_client`` lets tests (and callers with their own proxies) pass an
    ``httpx.Client``; the client closes only one it made itself. ``sleep`` and
    ``clock`` are injectable so tests neither wait nor depend on timing.

    Failures: 429, 5xx, time-outs and transport errors are retried up to
    ``max_attempts`` times in all, waiting ``backoff``·2^n seconds (at most
    ``max_backoff``) or what ``Retry-After`` asks (at most ``max_retry_after``);
    then :class:`KoladaUnavailable`. Other 4xx raise :class:`KoladaError` at once,
    and a response that is not Kolada's JSON raises :class:`KoladaFormatError`.
    """

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        http_client: httpx.Client | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        catalogue_timeout: float = DEFAULT_CATALOGUE_TIMEOUT,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        backoff: float = DEFAULT_BACKOFF,
        max_backoff: float = DEFAULT_MAX_BACKOFF,
        max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
        min_interval: float = DEFAULT_MIN_INTERVAL,
        per_page: int = MAX_PER_PAGE,
        min_year: int = DEFAULT_MIN_YEAR,
        max_year: int = DEFAULT_MAX_YEAR,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        self.base_url = base_url.rstrip("/")
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client()
        self.timeout = timeout
        self.catalogue_timeout = catalogue_timeout
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_retry_after = max_retry_after
        self.min_interval = min_interval
        self.per_page = per_page
        self.min_year = min_year
        self.max_year = max_year
        self._sleep = sleep
        self._clock = clock
        self._last_request_at: float | None = None

    def __enter__(self) -> KoladaClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def kpis(self, *, ids: Iterable[str] | None = None, title: str | None = None) -> Iterator[KoladaKpi]:
        """KPI metadata: the given ids, those whose title matches, or the whole catalogue."""
        ids = _checked_ids(ids, valid=is_kpi_id, what="KPI")
        timeout = self.catalogue_timeout if ids is None and title is None else self.timeout
        urls = self._metadata_urls("kpi", ids=ids, params={"title": title})
        return self._records(urls, parse=parse_kpi_response, timeout=timeout)

    def municipalities(
        self,
        *,
        region_type: str | None = None,
        ids: Iterable[str] | None = None,
        title: str | None = None,
    ) -> Iterator[KoladaMunicipality]:
        """Municipalities ("K"), regions ("L"), or both when ``region_type`` is None."""
        if region_type not in (None, "K", "L"):
            raise ValueError('region_type must be "K", "L" or None')
        ids = _checked_ids(ids, valid=is_municipality_id, what="municipality")
        urls = self._metadata_urls("municipality", ids=ids, params={"region_type": region_type, "title": title})
        return self._records(urls, parse=parse_municipality_response, timeout=self.timeout)

    def municipality_groups(
        self, *, ids: Iterable[str] | None = None, title: str | None = None
    ) -> Iterator[KoladaGroup]:
        """Municipality groups with their members."""
        ids = _checked_ids(ids, valid=is_group_id, what="group")
        urls = self._metadata_urls("municipality_groups", ids=ids, params={"title": title})
        return self._records(urls, parse=parse_municipality_groups_response, timeout=self.timeout)

    def values(
        self,
        *,
        kpis: Iterable[str] | None = None,
        municipalities: Iterable[str] | None = None,
        years: Iterable[int] | None = None,
        from_date: date | str | None = None,
    ) -> Iterator[KoladaValue]:
        """Figures for KPIs × municipalities (or group ids) × years, page by page.

        Kolada needs at least two of the three; None leaves one out (all of it),
        while an empty list asks for nothing and yields nothing. Each list is
        split into batches of 25, so one call may make many requests. With
        ``from_date`` only changes since that day come back, deletions flagged
        in ``is_deleted``.

        Arguments are checked at once (ValueError/TypeError, before any request).
        Each page is checked whole before its values are yielded; a bad page
        raises KoladaFormatError after earlier pages were yielded, so an importer
        that must be all-or-nothing writes inside one transaction.
        """
        kpi_ids = _checked_ids(kpis, valid=is_kpi_id, what="KPI")
        municipality_ids = _checked_ids(municipalities, valid=is_municipality_id, what="municipality")
        year_list = self._checked_years(years)
        segments = [
            (name, items)
            for name, items in (("kpi", kpi_ids), ("municipality", municipality_ids), ("year", year_list))
            if items is not None
        ]
        if len(segments) < 2:
            raise ValueError("Kolada needs at least two of kpis, municipalities and years")
        params: dict[str, Any] = {"per_page": self.per_page}
        if from_date is not None:
            params["from_date"] = _checked_date(from_date)
        urls = [str(httpx.URL(f"{self.base_url}/data{path}", params=params)) for path in _batched_paths(segments)]
        return self._records(urls, parse=self._parse_data, timeout=self.timeout)

    def _parse_data(self, *, payload: Any) -> list[KoladaValue]:
        return parse_data_response(payload=payload, min_year=self.min_year, max_year=self.max_year)

    def _records(self, urls: Iterable[str], *, parse: Callable[..., list[T]], timeout: float) -> Iterator[T]:
        # A generator of its own, so that the public methods check their
        # arguments when called rather than when first iterated.
        for url in urls:
            for payload in self._pages(url, timeout=timeout):
                yield from parse(payload=payload)

    def _checked_years(self, years: Iterable[int] | None) -> list[str] | None:
        if years is None:
            return None
        checked = []
        for year in dict.fromkeys(years):
            if not isinstance(year, int) or isinstance(year, bool) or not self.min_year <= year <= self.max_year:
                raise ValueError(f"year {year!r} is not an integer in {self.min_year}–{self.max_year}")
            checked.append(str(year))
        return checked

    def _metadata_urls(self, entity: str, *, ids: list[str] | None, params: dict[str, str | None]) -> list[str]:
        query: dict[str, Any] = {key: value for key, value in params.items() if value is not None}
        query["per_page"] = self.per_page
        if ids is None:
            return [str(httpx.URL(f"{self.base_url}/{entity}", params=query))]
        return [
            str(httpx.URL(f"{self.base_url}/{entity}/{','.join(batch)}", params=query))
            for batch in _chunks(ids, MAX_SEGMENT_ITEMS)
        ]

    def _pages(self, url: str, *, timeout: float) -> Iterator[Any]:
        """Decoded pages from ``url`` on, following next_url (v3) or next_page (v2)."""
        seen: set[str] = set()
        next_url: str | None = url
        while next_url:
            if next_url in seen:
                raise KoladaFormatError(MSG_PAGING_LOOP, url=next_url)
            seen.add(next_url)
            payload = self._get_json(next_url, timeout=timeout)
            following = next_page_url(payload=payload)
            yield payload
            next_url = self._resolve_next(current=next_url, following=following)

    def _resolve_next(self, *, current: str, following: str | None) -> str | None:
        if following is None:
            return None
        resolved = httpx.URL(current).join(following)
        # Never send requests wherever a response points: only to Kolada's host.
        expected_host = httpx.URL(self.base_url).host
        if resolved.host != expected_host:
            raise KoladaFormatError(MSG_FOREIGN_NEXT_URL.format(host=resolved.host), url=str(resolved))
        return str(resolved)

    def _get_json(self, url: str, *, timeout: float) -> Any:
        for attempt in range(1, self.max_attempts + 1):
            self._throttle()
            retry_after = None
            status_code = None
            try:
                response = self._http.get(
                    url, timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
                )
            except httpx.TimeoutException:
                reason = REASON_TIMEOUT.format(seconds=timeout)
            except httpx.ConnectError:
                reason = REASON_CONNECT
            except httpx.TransportError:
                reason = REASON_TRANSPORT
            except httpx.RequestError as exc:
                # Redirect loops and broken compression will not mend on a retry.
                raise KoladaError(MSG_UNREADABLE_RESPONSE, url=url) from exc
            else:
                status_code = response.status_code
                if status_code == 429 or status_code >= 500:
                    reason = (
                        REASON_RATE_LIMITED if status_code == 429 else REASON_SERVER_ERROR.format(status=status_code)
                    )
                    retry_after = _retry_after_seconds(response.headers.get("Retry-After"))
                else:
                    return _decode(response, url=url)
            if attempt == self.max_attempts:
                break
            delay = self._delay(attempt=attempt, retry_after=retry_after)
            logger.warning("Kolada: %s for %s; attempt %d, retrying in %.1f s", reason, url, attempt, delay)
            self._sleep(delay)
        raise KoladaUnavailable(MSG_UNAVAILABLE.format(reason=reason), status_code=status_code, url=url)

    def _delay(self, *, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        return min(self.backoff * 2 ** (attempt - 1), self.max_backoff)

    def _throttle(self) -> None:
        now = self._clock()
        if self._last_request_at is not None and self.min_interval > 0:
            wait = self._last_request_at + self.min_interval - now
            if wait > 0:
                self._sleep(wait)
                now += wait
        self._last_request_at = now


def _decode(response: httpx.Response, *, url: str) -> Any:
    status = response.status_code
    if status == 400:
        raise KoladaError(MSG_BAD_REQUEST, status_code=status, url=url)
    if status == 404:
        raise KoladaError(MSG_NOT_FOUND.format(path=response.request.url.path), status_code=status, url=url)
    if status >= 400 or status < 200:
        raise KoladaError(MSG_HTTP_ERROR.format(status=status), status_code=status, url=url)
    try:
        return response.json()
    except (ValueError, RecursionError):
        # ValueError also covers integers of more digits than Python converts, and
        # RecursionError nesting deeper than json recurses: neither is Kolada's JSON.
        content_type = response.headers.get("Content-Type") or "okänd typ"
        raise KoladaFormatError(
            MSG_RESPONSE_NOT_JSON.format(status=status, content_type=content_type), status_code=status, url=url
        ) from None


def _retry_after_seconds(header: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), or None."""
    if not header:
        return None
    header = header.strip()
    if header.isascii() and header.isdigit():
        return float(header)
    try:
        when = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _checked_ids(ids: Iterable[str] | None, *, valid: Callable[[Any], bool], what: str) -> list[str] | None:
    # A str is iterable too; treating "N00973" as six ids would be a silent bug.
    if ids is None:
        return None
    if isinstance(ids, str):
        raise TypeError(f"{what} ids must be a list of strings, not one string")
    checked = list(dict.fromkeys(ids))
    for item in checked:
        if not valid(item):
            raise ValueError(f"{item!r} is not a Kolada {what} id")
    return checked


def _checked_date(value: date | str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise ValueError(f"from_date {value!r} is not a date (YYYY-MM-DD)") from None


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _batched_paths(segments: list[tuple[str, list[str]]]) -> list[str]:
    """Every combination of ≤25-item batches, e.g. /kpi/A,B/municipality/C/year/2023."""
    paths = [""]
    for name, items in segments:
        paths = [f"{path}/{name}/{','.join(batch)}" for path in paths for batch in _chunks(items, MAX_SEGMENT_ITEMS)]
    return paths
