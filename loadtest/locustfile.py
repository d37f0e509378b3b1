"""The users of the load test. The plan (LOADTEST_PLAN, written by loadtest.setup) names
accounts and pages; each save's outcome, as the server told it, is appended to
LOADTEST_OUTCOMES for loadtest.checker. LOADTEST_HOSTS (comma-separated) spreads users over
several servers; LOADTEST_DEADLINE_AT (epoch seconds) is when deadline respondents submit."""

import itertools
import json
import os
import random
import re
import time
import uuid

from locust import HttpUser, between, events, task
from locust.exception import StopUser

PLAN = json.loads(open(os.environ["LOADTEST_PLAN"]).read()) if os.environ.get("LOADTEST_PLAN") else {}
OUTCOMES = os.environ.get("LOADTEST_OUTCOMES", "/dev/null")
HOSTS = [host for host in os.environ.get("LOADTEST_HOSTS", "").split(",") if host]
# The first respondents serve the normal day, the rest the deadline day, so that no two
# locust users ever answer for the same organisation.
NORMAL_RESPONDENTS = int(os.environ.get("LOADTEST_NORMAL_RESPONDENTS", "50"))
DEADLINE_AT = float(os.environ.get("LOADTEST_DEADLINE_AT", "inf"))
STALE_SHARE = float(os.environ.get("LOADTEST_STALE_SHARE", "0.05"))
# Seconds a deadline respondent takes from one field to the next ("5-15"). The form saves
# a field as its respondent leaves it (hx-trigger="change"), so between two saves lie
# reading a question and typing or choosing its answer; "1-3" is the stress test, a
# save as fast as anyone clicks.
THINK = tuple(float(bound) for bound in os.environ.get("LOADTEST_THINK", "5-15").split("-", 1))

_counter = itertools.count()
_sessions = {email: itertools.count() for email in PLAN.get("sessions", {})}
_normal_respondents = itertools.count()
_deadline_respondents = itertools.count(NORMAL_RESPONDENTS)
_outcomes = open(OUTCOMES, "a", buffering=1)  # noqa: SIM115 - one line per save, kept open for the run


def _record(**outcome) -> None:
    _outcomes.write(json.dumps(outcome) + "\n")


class UppsiktUser(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    email = ""
    session = ""

    def on_start(self):
        if HOSTS:
            self.client.base_url = HOSTS[next(_counter) % len(HOSTS)]
        session = self.session or PLAN["sessions"][self.email][next(_sessions[self.email])]
        self.client.cookies.set("sessionid", session, domain="127.0.0.1")

    @property
    def csrf(self) -> dict:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "HX-Request": "true"}


class KsOfficial(UppsiktUser):
    """Oversight: the dashboard, the follow-up's completeness, the reports."""

    weight = 2
    email = PLAN.get("ks", "")

    @task(3)
    def dashboard(self):
        self.client.get("/oversikt/", name="KS: översikt")

    @task(2)
    def cycle(self):
        self.client.get(f"/uppfoljning/omgangar/{PLAN['cycle']}/", name="KS: uppföljningens status")

    @task(1)
    def reports(self):
        self.client.get("/rapporter/", name="KS: rapporter")


class Coordinator(UppsiktUser):
    """The coordinator's pages: the cycle, the questionnaire, the program."""

    weight = 2
    email = PLAN.get("coordinator", "")

    @task(3)
    def cycle(self):
        self.client.get(f"/uppfoljning/omgangar/{PLAN['cycle']}/", name="samordnare: omgång")

    @task(1)
    def questionnaire(self):
        self.client.get(f"/uppfoljning/formular/{PLAN['questionnaire']}/", name="samordnare: formulär")

    @task(1)
    def program(self):
        self.client.get(f"/styrning/program/{PLAN['program']}/", name="samordnare: program")


class KpiReader(UppsiktUser):
    """KPI comparisons: one KPI against county and country, by gender and year."""

    weight = 1
    email = PLAN.get("ks", "")

    @task
    def kpi(self):
        self.client.get(f"/statistik/{random.choice(PLAN['kpis'])}/", name="nyckeltal: jämförelse")


class Respondent(UppsiktUser):
    """Reads its organisation's answers and saves them one field at a time (htmx)."""

    weight = 5
    deadline = False

    def on_start(self):
        mine = PLAN["respondents"][next(_deadline_respondents if self.deadline else _normal_respondents)]
        self.email, self.response, self.session = mine["email"], mine["response"], mine["session"]
        self.versions = {PLAN["text_question"]: "", PLAN["number_question"]: ""}
        self.submitted = False
        super().on_start()
        self.read()

    @task(1)
    def read(self):
        page = self.client.get(f"/uppfoljning/svar/{self.response}/", name="svar: läsa")
        for question in self.versions:
            found = re.search(rf'name="v-{question}" value="(\d*)"', page.text)
            if found:
                self.versions[question] = found.group(1)

    @task(4)
    def autosave(self):
        # Here, not in an override: locust would run the base class's task beside it.
        if self.submitted:
            raise StopUser  # done for the year: the receipt page was the submit's answer
        # Only a draft can be submitted: a respondent who has saved nothing yet saves first.
        if self.deadline and time.time() >= DEADLINE_AT and any(self.versions.values()):
            return self.submit()
        question = random.choice(list(self.versions))
        value = f"lt-{uuid.uuid4().hex}" if question == PLAN["text_question"] else str(random.randint(1, 10**9))
        seen = self.versions[question]
        stale = bool(seen) and int(seen) > 1 and random.random() < STALE_SHARE
        posted_version = str(int(seen) - 1) if stale else seen
        # Noted before it is sent: a save still under way when the run stops may be written
        # without its user ever hearing so, and the check must know it was one of ours.
        _record(kind="attempt", response=self.response, question=question, value=value)
        with self.client.post(
            f"/uppfoljning/svar/{self.response}/fraga/{question}/", name="svar: autospara", headers=self.csrf,
            data={f"q-{question}": value, f"v-{question}": posted_version}, catch_response=True,
        ) as response:
            told = "unknown"
            if response.status_code == 200 and 'role="status"' in response.text:
                told = "saved"
            elif response.status_code == 200 and 'role="alert"' in response.text:
                told = "refused"
            version = re.search(rf'name="v-{question}" value="(\d*)"', response.text or "")
            if told == "saved" and version:
                self.versions[question] = version.group(1)
            elif told == "refused" and version:
                self.versions[question] = version.group(1)  # the refusal shows what is saved now
            _record(kind="save", response=self.response, question=question, value=value, stale=stale, told=told,
                    version=int(version.group(1)) if version and version.group(1) else None,
                    status=response.status_code, at=time.time())
            if told == "unknown":
                response.failure(f"no outcome shown ({response.status_code})")
            elif stale and told != "refused":
                response.failure("a save from a stale version was not refused")
            elif not stale and told != "saved":
                response.failure("a save was refused")
            else:
                response.success()

    def submit(self):
        with self.client.post(
            f"/uppfoljning/svar/{self.response}/skicka-in/", name="svar: skicka in",
            data={"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}, catch_response=True,
        ) as response:
            told = "submitted" if "Svaren är inskickade." in response.text else "refused"
            self.submitted = told == "submitted"
            _record(kind="submit", response=self.response, told=told, status=response.status_code, at=time.time())
            if not self.submitted:
                response.failure(f"submit refused ({response.status_code})")


class DeadlineRespondent(Respondent):
    """Deadline day: autosaves its own organisation's answers field by field, then
    submits them and leaves."""

    weight = 1
    deadline = True
    wait_time = between(*THINK)


class Bare(HttpUser):
    """The floor: the same users, logged out, asking for a view that does nothing."""

    wait_time = between(0.5, 2)

    def on_start(self):
        if HOSTS:
            self.client.base_url = HOSTS[next(_counter) % len(HOSTS)]

    @task
    def bare(self):
        self.client.get("/__bench__/bare/", name="bare")


class BareDeadline(Bare):
    wait_time = between(*THINK)


@events.quitting.add_listener
def _close(environment, **kwargs):
    _outcomes.close()
