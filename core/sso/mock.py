"""The demo's identity provider (`make demo-sso`): oidc-provider-mock, a real OpenID Connect
provider for development, offering the demo's people with one click each, and one person
Uppsikt does not know, to show a refused login.

    python -m core.sso.mock [--port 8115]

For a demonstration on this machine only: it lets anyone in as anyone."""

import argparse
import os

UNKNOWN_PERSON = "okand.person@boras.example"


def demo_people() -> list[tuple[str, str]]:
    """(e-mail, name) of each demo login, as `load_demo` makes them."""
    from organizations.demo import DOMAIN, USERS

    return [(f"{local_part}@{DOMAIN}", full_name) for _role, local_part, full_name, _organization in USERS]


def provider_app():
    """The provider as a WSGI app, without the Werkzeug debugger the library turns on."""
    from oidc_provider_mock import User, app

    people = [*demo_people(), (UNKNOWN_PERSON, "Okänd Person")]
    flask_app = app(
        require_nonce=True,
        user_claims=[User(sub=email, claims={"email": email, "email_verified": True, "name": name}) for email, name in people],
    )
    flask_app.debug = False
    flask_app.wsgi_app = flask_app.wsgi_app.app
    return flask_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8115)
    port = parser.parse_args().port
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uppsikt.settings")
    # Plain http is allowed because it never leaves this machine (127.0.0.1).
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    import django

    django.setup()
    print(f"The demo's identity provider serves on http://127.0.0.1:{port}")
    provider_app().run(host="127.0.0.1", port=port)


if __name__ == "__main__":
    main()
