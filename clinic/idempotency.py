"""Double-submit protection: one token per rendered form, used at most once.

A form that creates something carries a hidden random token (``SubmissionTokenMixin``). When
the submission is valid, the view claims the token inside its transaction (``claim``): the first
request inserts it and goes on; a second request with the same token (a double click, a resent
POST, a second tab) finds it taken and is sent to what the first one made. Concurrent requests
meet at the table's primary key: on PostgreSQL the second insert waits for the first
transaction and then fails; SQLite runs one writing transaction at a time.

A rejected submission does not use its token: the form comes back with the same token.
Tokens are kept for KEEP (a week): each claim removes its user's older ones, so the table holds
about a week of each therapist's creating submissions, not every form ever sent.
"""

import datetime
import secrets

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from clinic.models import SubmissionToken

TOKEN_FIELD = "submission_token"
#: How long a used token still stops a repeat: a form left open for more than a week and then
#: sent twice would create twice.
KEEP = datetime.timedelta(days=7)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SubmissionTokenMixin(forms.Form):
    """Add the hidden per-render token to a form (a new one on each unbound render)."""

    submission_token = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=64, strip=True
    )

    submission_token_value = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(TOKEN_FIELD, new_token())

    def full_clean(self):
        """Validate, then take the token out of cleaned_data (it is no field of the model)."""
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            self.submission_token_value = self.cleaned_data.pop(TOKEN_FIELD, "") or ""


def claim(user, token: str) -> SubmissionToken | None:
    """Take ``token`` for this submission. Return None when it is new (go ahead), or the
    earlier submission's record (do not create again)."""
    if not token:
        return None
    try:
        with transaction.atomic():
            SubmissionToken.objects.create(token=token, user=user)
    except IntegrityError:
        return SubmissionToken.objects.filter(token=token).first() or SubmissionToken(token=token)
    SubmissionToken.objects.filter(user=user, created_at__lt=timezone.now() - KEEP).delete()
    return None


def done(token: str, url: str) -> None:
    """Remember where the submission's result is, for a repeated submission."""
    if token:
        SubmissionToken.objects.filter(token=token).update(result_url=url)


def release(token: str) -> None:
    """Give a token back when its submission was refused after all (nothing was made)."""
    if token:
        SubmissionToken.objects.filter(token=token, result_url="").delete()
