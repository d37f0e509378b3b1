"""The demo municipality. Each app contributes one step, a function in its demo module
that builds its part through the app's own services and is safe to run twice."""

DEMO_STEPS = [
    "organizations.demo.load",
    "followup.demo_people.load",
    "steering.demo.load",
    "audits.demo.load",
    "kpis.demo.load",
    "followup.demo.load",
    "reports.demo.load",  # rep-dispatch: needs followup's cycles
    "oversight.demo.load",  # links the audit's questions: needs audits' import
    "oversight.demo.load_snapshot",  # last year's frozen self-assessment: needs every record above
]

DEMO_PASSWORD = "Uppsikt-demo-2026"
