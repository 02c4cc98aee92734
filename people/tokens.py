"""Personal API tokens: made, revoked, and looked up from what a program sends.

A token is `ea_` and 43 URL-safe characters (256 random bits). Only its SHA-256 is stored: a
slow password hash would add nothing against guessing a token that long, and a fast one lets
each request find its token through the unique index.
"""

import hashlib
import secrets
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from people.models import ApiToken

TOKEN_PREFIX = "ea_"
# "ea_" and seven characters: enough to tell a person's tokens apart, far too few to guess with.
SHOWN_CHARS = 10
# last_used_at is written at most this often per token, not on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


def token_hash(plaintext: str) -> str:
    """The SHA-256 of a token, in hexadecimal, as stored in ApiToken.key_hash."""
    return hashlib.sha256(plaintext.encode()).hexdigest()


def api_token_create(*, user, name: str, read_only: bool = False) -> tuple[ApiToken, str]:
    """A new token for `user`: the stored row, and the token itself (shown once, never kept)."""
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        key_hash=token_hash(plaintext),
        prefix=plaintext[:SHOWN_CHARS],
        read_only=read_only,
    )
    return token, plaintext


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke the token from now on; revoking it again keeps the first date."""
    if token.revoked_at is None:
        now = timezone.now()
        # A conditional UPDATE, so that two revocations at once keep the first date.
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
        token.refresh_from_db(fields=["revoked_at"])
    return token


def api_token_lookup(plaintext: str) -> ApiToken | None:
    """The active token (with its user) that `plaintext` is, or None: unknown, revoked, or of
    an account that is no longer active."""
    return (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=token_hash(plaintext))
        .first()
    )


def api_token_refusal(plaintext: str) -> str:
    """Why `plaintext` signs nothing in, in words for the program's author."""
    if not plaintext.startswith(TOKEN_PREFIX):
        return f"The token is malformed: archive tokens begin with “{TOKEN_PREFIX}”."
    token = ApiToken.objects.select_related("user").filter(key_hash=token_hash(plaintext)).first()
    if token is None:
        return "The token is not known: it may be mistyped or incomplete."
    if token.revoked_at is not None:
        return "The token was revoked; make a new one on your API tokens page."
    if not token.user.is_active:
        return "The token's account is no longer active."
    return "The token is not valid."


def api_token_touch(*, token: ApiToken, now=None) -> None:
    """Note that the token was used now, unless that was already noted within the minute."""
    now = now or timezone.now()
    stale = now - LAST_USED_PRECISION
    if token.last_used_at is not None and token.last_used_at > stale:
        return  # no query at all on most requests
    # Conditional, so that concurrent requests with one token write it once.
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale), pk=token.pk
    ).update(last_used_at=now)
    token.last_used_at = now
