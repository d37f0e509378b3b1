from opendata.licences import licence_name


def test_a_known_licence_is_named_and_any_other_shown_as_its_address():
    assert licence_name("http://creativecommons.org/publicdomain/zero/1.0/") == "CC0 1.0"
    assert licence_name("https://creativecommons.org/licenses/by/4.0/") == "CC BY 4.0"
    assert licence_name("https://data.kommun.example/licens") == "https://data.kommun.example/licens"
