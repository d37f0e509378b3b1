"""The names of the licences open data is usually published under, for the page; any
other licence URI is shown as its address."""

KNOWN = {
    "http://creativecommons.org/publicdomain/zero/1.0/": "CC0 1.0",
    "https://creativecommons.org/publicdomain/zero/1.0/": "CC0 1.0",
    "http://creativecommons.org/licenses/by/4.0/": "CC BY 4.0",
    "https://creativecommons.org/licenses/by/4.0/": "CC BY 4.0",
}


def licence_name(uri: str) -> str:
    return KNOWN.get(uri, uri)
