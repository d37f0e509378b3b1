"""The catalogue read back with rdflib, checked against what DCAT-AP-SE requires of a
catalogue, its datasets and their distributions."""

import pytest
from django.urls import reverse
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

from opendata import catalogue as dcat_ap_se
from opendata.selectors import DATASETS, published
from opendata.tests.factories import published_report

# rdflib's namespaces are used through their module: pytest looks every module global up as
# a possible test, and a namespace warns of every name it does not define.
VCARD = dcat_ap_se.VCARD
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")


@pytest.fixture
def graph(client, town):
    published_report(municipality=town.municipality)
    response = client.get(reverse("opendata:catalogue_turtle"))
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    return Graph().parse(data=response.content.decode("utf-8"), format="turtle")


def _one(graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, f"{subject} has {len(values)} {predicate}"
    return values[0]


def _languages(graph, subject, predicate) -> set[str]:
    return {value.language for value in graph.objects(subject, predicate) if isinstance(value, Literal)}


def test_the_catalogue_is_published_by_the_municipality(graph, town):
    catalogue = next(graph.subjects(ns.RDF.type, ns.DCAT.Catalog))
    assert _languages(graph, catalogue, ns.DCTERMS.title) == {"sv", "en"}
    assert _languages(graph, catalogue, ns.DCTERMS.description) == {"sv", "en"}
    publisher = _one(graph, catalogue, ns.DCTERMS.publisher)
    assert (publisher, ns.RDF.type, ns.FOAF.Agent) in graph
    assert str(_one(graph, publisher, ns.FOAF.name)) == town.municipality.name
    assert _one(graph, catalogue, ns.DCTERMS.license) == CC0
    assert {str(d).rsplit("#", 1)[1] for d in graph.objects(catalogue, ns.DCAT.dataset)} == set(DATASETS)


def test_every_dataset_has_what_dcat_ap_se_requires(graph, town):
    datasets = list(graph.subjects(ns.RDF.type, ns.DCAT.Dataset))
    assert len(datasets) == len(DATASETS)
    for dataset in datasets:
        assert _languages(graph, dataset, ns.DCTERMS.title) == {"sv", "en"}
        assert _languages(graph, dataset, ns.DCTERMS.description) == {"sv", "en"}
        assert _one(graph, dataset, ns.DCAT.theme) == dcat_ap_se.THEME_GOVERNMENT
        assert _one(graph, dataset, ns.DCTERMS.publisher) is not None
        assert _one(graph, dataset, ns.DCTERMS.issued).datatype is not None
        assert _one(graph, dataset, ns.DCTERMS.modified).toPython() is not None
        contact = _one(graph, dataset, ns.DCAT.contactPoint)
        assert (contact, ns.RDF.type, VCARD.Organization) in graph
        assert str(_one(graph, contact, VCARD.hasEmail)).startswith("mailto:")
        assert str(_one(graph, contact, VCARD.fn)) == town.municipality.name
        distributions = list(graph.objects(dataset, ns.DCAT.distribution))
        assert len(distributions) == 2
        formats = set()
        for distribution in distributions:
            assert (distribution, ns.RDF.type, ns.DCAT.Distribution) in graph
            assert _one(graph, distribution, ns.DCAT.accessURL)
            download = str(_one(graph, distribution, ns.DCAT.downloadURL))
            assert download.startswith("http://testserver/oppna-data/")
            assert _one(graph, distribution, ns.DCTERMS.license) == CC0
            assert str(_one(graph, distribution, ns.DCAT.mediaType)).startswith("https://www.iana.org/assignments/")
            formats.add(str(_one(graph, distribution, ns.DCTERMS.format)).rsplit("/", 1)[1])
        assert formats == {"CSV", "JSON"}


def test_the_download_addresses_in_the_catalogue_answer(graph, client):
    for download in graph.objects(None, ns.DCAT.downloadURL):
        assert client.get(str(download).removeprefix("http://testserver")).status_code == 200


def test_the_json_ld_says_the_same_as_the_turtle(client, town):
    published_report()
    turtle = Graph().parse(data=client.get(reverse("opendata:catalogue_turtle")).content, format="turtle")
    response = client.get(reverse("opendata:catalogue_jsonld"))
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    jsonld = Graph().parse(data=response.content, format="json-ld")
    assert len(jsonld) == len(turtle)
    assert set(jsonld.subjects(ns.RDF.type, ns.DCAT.Dataset)) == set(turtle.subjects(ns.RDF.type, ns.DCAT.Dataset))


def test_the_licence_and_contact_come_from_the_settings(town, settings):
    settings.OPEN_DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
    settings.OPEN_DATA_CONTACT_EMAIL = "oppnadata@sjostad.example"
    settings.OPEN_DATA_PUBLISHER_URI = "https://dataportal.se/organisation/SE2120001637"
    graph = dcat_ap_se.catalogue_graph(source=published(), absolute=lambda path: "https://sjostad.example" + path)
    assert set(graph.objects(None, ns.DCTERMS.license)) == {URIRef(settings.OPEN_DATA_LICENSE)}
    assert set(graph.objects(None, VCARD.hasEmail)) == {URIRef("mailto:oppnadata@sjostad.example")}
    assert set(graph.objects(None, ns.DCTERMS.publisher)) == {URIRef(settings.OPEN_DATA_PUBLISHER_URI)}
    assert (URIRef(settings.OPEN_DATA_PUBLISHER_URI), ns.FOAF.name, Literal("Sjöstad", lang="sv")) in graph


def test_the_english_texts_are_english(graph):
    catalogue = next(graph.subjects(ns.RDF.type, ns.DCAT.Catalog))
    titles = {value.language: str(value) for value in graph.objects(catalogue, ns.DCTERMS.title)}
    assert titles["sv"] != titles["en"]
