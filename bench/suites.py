"""Each suite takes the prepared client context and returns its entries."""

from django.contrib.auth import get_user_model
from django.test import Client

from bench.harness import page_beside_floor
from bench.kpis import kpis

FLOOR = "/__bench__/bare/"


def dashboard(context: dict) -> dict:
    client = Client()
    client.force_login(get_user_model().objects.get(email="samordnare@boras.example"))
    return {
        "dashboard": page_beside_floor(client=client, path="/oversikt/", floor_path=FLOOR),
        "organization_tree": page_beside_floor(client=client, path="/organisationer/", floor_path=FLOOR),
    }


SUITES = [dashboard, kpis]
