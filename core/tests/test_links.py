from core.links import absolute_url, email_link_context


def test_a_path_is_put_on_the_site_url(settings):
    settings.SITE_URL = "https://uppsikt.kommun.example"
    assert absolute_url("/rapporter/kvittera/abc/") == "https://uppsikt.kommun.example/rapporter/kvittera/abc/"


def test_password_reset_emails_get_the_scheme_and_host_apart(settings):
    settings.SITE_URL = "http://127.0.0.1:8101"
    assert email_link_context() == {"protocol": "http", "domain": "127.0.0.1:8101"}
