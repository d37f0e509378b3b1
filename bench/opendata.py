"""The open data an anonymous harvester fetches: the page, the DCAT-AP-SE catalogue and
every dataset in both formats, over ten published reports of the sample's size (12
organisations, 14 indicators over six years), each beside the bare view in the same run."""

from django.test import Client

from bench.harness import page_beside_floor
from opendata.selectors import DATASETS

FLOOR = "/__bench__/bare/"
REPORTS = 10
REPEAT = 50


def opendata(context: dict) -> dict:
    from django.utils import timezone

    from reports.tests.content_samples import frozen_version, sample_content

    for n in range(REPORTS):
        frozen_version(content=sample_content(year=2010 + n), published_at=timezone.now())
    client = Client()
    paths = {"opendata_page": "/oppna-data/", "opendata_catalogue_ttl": "/oppna-data/katalog.ttl",
             "opendata_catalogue_jsonld": "/oppna-data/katalog.jsonld"}
    for slug in DATASETS:
        paths[f"opendata_{slug}_csv"] = f"/oppna-data/{slug}.csv"
        paths[f"opendata_{slug}_json"] = f"/oppna-data/{slug}.json"
    return {name: {**page_beside_floor(client=client, path=path, floor_path=FLOOR, repeat=REPEAT),
                   "published_reports": REPORTS + 1}
            for name, path in paths.items()}
