from core.sso.mock import UNKNOWN_PERSON, demo_people, provider_app


def test_the_demo_provider_offers_every_demo_login_and_one_unknown_person():
    emails = [email for email, _name in demo_people()]
    assert "samordnare@boras.example" in emails and len(emails) == 7
    client = provider_app().test_client()
    page = client.get(
        "/oauth2/authorize?response_type=code&client_id=uppsikt-demo&scope=openid+email"
        "&redirect_uri=http://127.0.0.1:8105/konto/sso/callback/&nonce=n&state=s"
    ).get_data(as_text=True)
    for email in [*emails, UNKNOWN_PERSON]:
        assert email in page


def test_the_demo_provider_runs_without_the_werkzeug_debugger():
    app = provider_app()
    assert not app.debug
    assert type(app.wsgi_app).__name__ != "DebuggedApplication"
