"""Tokens for links that work without an account (a dispatch's acknowledgement, a
respondent's one-time link): random, and only their SHA-256 kept in the database, so
that a copy of the database opens no link. A token may also be signed with the
SECRET_KEY for one purpose (`salt`): a forged or mistyped one is then refused before
the database is asked, and a token made for one purpose never opens another."""

import hashlib
import secrets

from django.core import signing

TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    """What is stored of a token: its SHA-256, 64 hex digits."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_new(*, salt: str = "") -> tuple[str, str]:
    """A fresh token and its hash. With `salt` the token carries a signature for that
    purpose (check it with `token_hash_signed`)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    if salt:
        token = signing.Signer(salt=salt).sign(token)
    return token, token_hash(token)


def token_hash_signed(token: str, *, salt: str) -> str | None:
    """The hash to look a signed token up by, or None when its signature is not ours
    for `salt` (forged, mistyped, cut short, or made for another purpose)."""
    try:
        signing.Signer(salt=salt).unsign(token or "")
    except signing.BadSignature:
        return None
    return token_hash(token)
