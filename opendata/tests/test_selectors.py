from opendata.selectors import (
    DATASETS, RESPONSE_LATE, RESPONSE_MISSING, RESPONSE_ON_TIME, dataset_table, indicator_rows, published,
    response_rows,
)
from opendata.tests.factories import published_report, unpublished_everywhere
from reports.tests.content_samples import sample_content


def _by_column(dataset, rows):
    return [dict(zip(dataset.column_names, row)) for row in rows]


def test_only_the_newest_published_version_of_each_report_is_read(db):
    version = published_report()
    unpublished_everywhere(version)
    assert published().versions == [version]


def test_every_row_has_one_cell_per_column(db):
    published_report()
    source = published()
    for dataset in DATASETS.values():
        header, rows = dataset_table(dataset, source)
        assert rows and {len(row) for row in rows} == {len(header)}
        assert len(set(header)) == len(header)


def test_an_indicator_has_a_row_per_year_and_its_target_and_fulfilment_on_the_judged_year(db):
    content = sample_content(organizations=2, year=2025)
    indicator = content["areas"][0]["goals"][0]["indicators"][0]
    version = published_report(content=content)

    rows = [row for row in _by_column(DATASETS["indikatorer"], indicator_rows([version]))
            if row["indicator_id"] == indicator["id"]]

    assert [row["year"] for row in rows] == [point["year"] for point in indicator["series"]]
    judged = [row for row in rows if row["target"] is not None]
    assert len(judged) == 1 and judged[0]["year"] == 2025
    assert judged[0]["fulfilment"] == indicator["fulfilment"]["code"]
    assert judged[0]["target"] == indicator["target"] and judged[0]["target_year"] == indicator["target_year"]
    first = indicator["series"][0]
    assert (rows[0]["municipality_value"], rows[0]["county_mean"], rows[0]["country_mean"]) == (
        first["own"], round(first["county"], 2), round(first["national"], 2))
    assert rows[0]["report_year"] == 2025 and rows[0]["area"] == "Arbete"
    # A year without the municipality's value stays empty, never zero.
    assert rows[1]["municipality_value"] is None


def test_an_indicator_without_values_still_shows_its_judgement(db):
    content = sample_content(organizations=2, year=2025)
    indicator = content["areas"][0]["goals"][0]["indicators"][0]
    indicator.update(series=[], year=None, value=None)
    version = published_report(content=content)

    rows = [row for row in _by_column(DATASETS["indikatorer"], indicator_rows([version]))
            if row["indicator_id"] == indicator["id"]]

    assert len(rows) == 1 and rows[0]["year"] is None and rows[0]["municipality_value"] is None


def test_a_response_is_on_time_late_or_missing(db):
    content = sample_content(organizations=3, year=2025)
    content["responses"][0].update(days_late=0, answered=True)
    content["responses"][1].update(days_late=4, answered=True)
    content["responses"][2].update(days_late=12, answered=False, submitted_on=None)
    version = published_report(content=content)

    rows = _by_column(DATASETS["svar"], response_rows([version]))

    assert [(row["organization"], row["response"], row["days_late"]) for row in rows] == [
        (content["responses"][0]["organization"], RESPONSE_ON_TIME, 0),
        (content["responses"][1]["organization"], RESPONSE_LATE, 4),
        (content["responses"][2]["organization"], RESPONSE_MISSING, 12),
    ]
    assert rows[0]["report_year"] == 2025 and rows[0]["municipality"] == content["municipality"]


def test_with_nothing_published_the_datasets_are_empty_and_the_municipality_still_known(town):
    source = published()
    assert source.versions == [] and source.modified is None
    assert source.municipality == town.municipality
    assert all(dataset_table(dataset, source)[1] == [] for dataset in DATASETS.values())
