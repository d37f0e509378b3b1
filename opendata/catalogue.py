"""The DCAT-AP-SE catalogue of the open datasets, the description that Sweden's data portal
(dataportal.se) harvests: one dcat:Catalog published by the municipality, one
dcat:Dataset per table with a CSV and a JSON dcat:Distribution each. Built as an RDF graph
with rdflib and serialised as Turtle or JSON-LD.

Every title and description is given in Swedish and English, whatever the request's
language. URIs are the site's own addresses, so they stay as long as the site does."""

from __future__ import annotations

from collections.abc import Callable
from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from opendata.selectors import DATASETS, Dataset, Published

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
THEME_GOVERNMENT = URIRef(EU + "data-theme/GOVE")
SWEDISH = URIRef(EU + "language/SWE")
PUBLIC_ACCESS = URIRef(EU + "access-right/PUBLIC")
LOCAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
FORMATS = {
    "csv": (URIRef(EU + "file-type/CSV"), URIRef("https://www.iana.org/assignments/media-types/text/csv")),
    "json": (URIRef(EU + "file-type/JSON"), URIRef("https://www.iana.org/assignments/media-types/application/json")),
}
LANGUAGES = ("sv", "en")

CATALOGUE_TITLE = _("Öppna data från uppföljningen av kommunens program")
CATALOGUE_DESCRIPTION = _(
    "Datamängder ur kommunens publicerade uppföljningsrapporter: indikatorer med målvärden och "
    "måluppfyllelse, och vilka nämnder och bolag som svarade på uppföljningen."
)
DISTRIBUTION_TITLE = _("%(dataset)s (%(format)s)")


def _texts(graph: Graph, subject, predicate, text) -> None:
    for language in LANGUAGES:
        with translation.override(language):
            graph.add((subject, predicate, Literal(str(text), lang=language)))


def _date(value) -> Literal:
    return Literal(value.date().isoformat(), datatype=XSD.date)


def contact_email() -> str:
    return settings.OPEN_DATA_CONTACT_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def catalogue_graph(*, source: Published, absolute: Callable[[str], str]) -> Graph:
    """The catalogue of every dataset; `absolute` turns a path into the site's full URL."""
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    page = absolute(reverse("opendata:catalogue"))
    catalogue = URIRef(page + "#katalog")
    licence = URIRef(settings.OPEN_DATA_LICENSE)

    graph.add((catalogue, RDF.type, DCAT.Catalog))
    _texts(graph, catalogue, DCTERMS.title, CATALOGUE_TITLE)
    _texts(graph, catalogue, DCTERMS.description, CATALOGUE_DESCRIPTION)
    graph.add((catalogue, FOAF.homepage, URIRef(page)))
    graph.add((catalogue, DCTERMS.language, SWEDISH))
    graph.add((catalogue, DCTERMS.license, licence))
    publisher = _publisher(graph, source, page)
    graph.add((catalogue, DCTERMS.publisher, publisher))
    if source.modified:
        graph.add((catalogue, DCTERMS.issued, _date(source.issued)))
        graph.add((catalogue, DCTERMS.modified, _date(source.modified)))
    contact = _contact(graph, source, page)
    for dataset in DATASETS.values():
        node = _dataset(graph, dataset, source=source, page=page, absolute=absolute, licence=licence,
                        publisher=publisher, contact=contact)
        graph.add((catalogue, DCAT.dataset, node))
    return graph


def _publisher(graph: Graph, source: Published, page: str) -> URIRef:
    publisher = URIRef(settings.OPEN_DATA_PUBLISHER_URI or page + "#utgivare")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, DCTERMS.type, LOCAL_AUTHORITY))
    municipality = source.municipality
    if municipality is not None:
        graph.add((publisher, FOAF.name, Literal(municipality.name, lang="sv")))
    return publisher


def _contact(graph: Graph, source: Published, page: str) -> URIRef:
    contact = URIRef(page + "#kontakt")
    graph.add((contact, RDF.type, VCARD.Organization))
    municipality = source.municipality
    if municipality is not None:
        graph.add((contact, VCARD.fn, Literal(municipality.name)))
    graph.add((contact, VCARD.hasEmail, URIRef("mailto:" + contact_email())))
    return contact


def _dataset(graph: Graph, dataset: Dataset, *, source, page, absolute, licence, publisher, contact) -> URIRef:
    node = URIRef(page + "#" + dataset.slug)
    graph.add((node, RDF.type, DCAT.Dataset))
    _texts(graph, node, DCTERMS.title, dataset.title)
    _texts(graph, node, DCTERMS.description, dataset.description)
    for keyword in dataset.keywords:
        _texts(graph, node, DCAT.keyword, keyword)
    graph.add((node, DCAT.theme, THEME_GOVERNMENT))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((node, DCAT.landingPage, URIRef(page + "#" + dataset.slug)))
    graph.add((node, DCTERMS.accessRights, PUBLIC_ACCESS))
    graph.add((node, DCTERMS.language, SWEDISH))
    if source.modified:
        graph.add((node, DCTERMS.issued, _date(source.issued)))
        graph.add((node, DCTERMS.modified, _date(source.modified)))
    years = source.years
    if years:
        period = BNode()
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((period, DCAT.startDate, Literal(f"{years[0]}-01-01", datatype=XSD.date)))
        graph.add((period, DCAT.endDate, Literal(f"{years[-1]}-12-31", datatype=XSD.date)))
        graph.add((node, DCTERMS.temporal, period))
    for fmt, (file_type, media_type) in FORMATS.items():
        download = URIRef(absolute(reverse(f"opendata:dataset_{fmt}", kwargs={"slug": dataset.slug})))
        distribution = URIRef(f"{page}#{dataset.slug}-{fmt}")
        graph.add((distribution, RDF.type, DCAT.Distribution))
        for language in LANGUAGES:
            with translation.override(language):
                title = str(DISTRIBUTION_TITLE) % {"dataset": dataset.title, "format": fmt.upper()}
            graph.add((distribution, DCTERMS.title, Literal(title, lang=language)))
        graph.add((distribution, DCAT.accessURL, URIRef(page + "#" + dataset.slug)))
        graph.add((distribution, DCAT.downloadURL, download))
        graph.add((distribution, DCTERMS.format, file_type))
        graph.add((distribution, DCAT.mediaType, media_type))
        graph.add((distribution, DCTERMS.license, licence))
        if source.modified:
            graph.add((distribution, DCTERMS.issued, _date(source.issued)))
            graph.add((distribution, DCTERMS.modified, _date(source.modified)))
        graph.add((node, DCAT.distribution, distribution))
    return node
