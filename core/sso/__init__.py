"""Single sign-on with OpenID Connect (mozilla-django-oidc), off unless OIDC_CLIENT_ID is set.

A person signs in at the municipality's identity provider (Entra ID or any standard one) and
is let in only as the active Uppsikt account with the same e-mail address: accounts and roles
are given in Uppsikt alone, never taken from the provider's claims. Password login stays."""
