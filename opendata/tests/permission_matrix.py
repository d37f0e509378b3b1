"""This app's rows in the permission matrix: everything is open to everyone, logged in or
not, and nothing takes a POST."""

from core.tests.permission_matrix import PUBLIC, Row

ROWS = {
    "opendata:catalogue": Row(PUBLIC),
    "opendata:catalogue_turtle": Row(PUBLIC),
    "opendata:catalogue_jsonld": Row(PUBLIC),
    "opendata:dataset_csv": Row(PUBLIC, lambda town: {"slug": "indikatorer"}),
    "opendata:dataset_json": Row(PUBLIC, lambda town: {"slug": "svar"}),
}
