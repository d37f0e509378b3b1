"""The open data, without login: the page that lists the datasets, the DCAT-AP-SE
catalogue (Turtle, JSON-LD) and every dataset as CSV and JSON. Everything is read from
published report versions only (opendata.selectors). Any site may fetch the files
(Access-Control-Allow-Origin: *): they carry nothing that is not public, and no cookie
is needed or honoured."""

import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.spreadsheets import csv_bytes
from opendata.catalogue import catalogue_graph, contact_email
from opendata.licences import licence_name
from opendata.selectors import DATASETS, dataset_table, published

def _open(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _dataset(slug: str):
    try:
        return DATASETS[slug]
    except KeyError:
        raise Http404 from None


@require_GET
def catalogue(request):
    source = published(with_content=False)
    return render(request, "opendata/catalogue.html", {
        "datasets": DATASETS.values(),
        "versions": source.versions,
        "municipality": source.municipality,
        "modified": source.modified,
        "licence_uri": settings.OPEN_DATA_LICENSE,
        "licence_name": licence_name(settings.OPEN_DATA_LICENSE),
        "contact_email": contact_email(),
    })


def _graph(request):
    return catalogue_graph(source=published(with_content=False), absolute=request.build_absolute_uri)


@require_GET
def catalogue_turtle(request):
    return _open(HttpResponse(_graph(request).serialize(format="turtle"), content_type="text/turtle; charset=utf-8"))


@require_GET
def catalogue_jsonld(request):
    return _open(HttpResponse(_graph(request).serialize(format="json-ld", auto_compact=True),
                              content_type="application/ld+json; charset=utf-8"))


@require_GET
def dataset_csv(request, slug):
    dataset = _dataset(slug)
    header, rows = dataset_table(dataset, published())
    response = HttpResponse(csv_bytes(header=header, rows=rows, swedish_excel=False),
                            content_type="text/csv; charset=utf-8; header=present")
    response["Content-Disposition"] = f'attachment; filename="{dataset.slug}.csv"'
    return _open(response)


@require_GET
def dataset_json(request, slug):
    dataset = _dataset(slug)
    source = published()
    header, rows = dataset_table(dataset, source)
    document = {
        "dataset": dataset.slug,
        "title": str(dataset.title),
        "license": settings.OPEN_DATA_LICENSE,
        "modified": source.modified.isoformat() if source.modified else None,
        "columns": [{"name": column.name, "description": str(column.description)} for column in dataset.columns],
        "rows": [dict(zip(header, row)) for row in rows],
    }
    return _open(HttpResponse(json.dumps(document, ensure_ascii=False, indent=1),
                              content_type="application/json; charset=utf-8"))
