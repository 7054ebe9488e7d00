"""A deny-by-default URL fetcher: the PDF renderer reads only the application's own files.

WeasyPrint fetches every stylesheet, image and SVG sub-resource through the fetcher it is given.
Ours serves exactly two kinds of URL under the fake origin ``https://rugadem.invalid/``
(``.invalid`` never resolves, so a URL that somehow escaped us would go nowhere):

- ``/static/<path>``: a CSS or SVG file found by Django's staticfiles finders (the app's own
  bundled files, the same in development and production);
- URLs handed to this fetcher explicitly as bytes (the requesting clinic's logo).

Everything else (http, https to any other host, file:, data:, ftp:, path traversal, other file
types) is refused and logged on the "rugadem.pdf" logger.
"""

import logging
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger("rugadem.pdf")

ORIGIN = "https://rugadem.invalid"
BASE_URL = ORIGIN + "/"
STATIC_PREFIX = "/static/"
STATIC_TYPES = {".css": "text/css", ".svg": "image/svg+xml"}
MAX_STATIC_BYTES = 512 * 1024


class RefusedURL(ValueError):
    """A URL the PDF renderer may not fetch."""


def static_url(path: str) -> str:
    """Return the URL under which the fetcher serves the static file ``path``."""
    return ORIGIN + STATIC_PREFIX + path.lstrip("/")


def private_url(name: str) -> str:
    """Return the URL for a file handed to the fetcher as bytes (e.g. a clinic's logo)."""
    return f"{ORIGIN}/private/{name}"


class SafeFetcher(URLFetcher):
    """Serve the app's static CSS/SVG files and explicitly given files; refuse everything else."""

    def __init__(self, files: dict[str, tuple[bytes, str]] | None = None):
        super().__init__(timeout=1, allowed_protocols=(), allow_redirects=False)
        self._files = dict(files or {})

    def fetch(self, url, headers=None):
        """Return the file behind ``url``, or raise RefusedURL (which WeasyPrint logs and skips)."""
        if url in self._files:
            body, mime_type = self._files[url]
            return URLFetcherResponse(url, body, {"Content-Type": mime_type})
        path = static_path(url)
        if path is None:
            logger.warning("PDF renderer refused to fetch %.200r", url)
            raise RefusedURL("refused")
        suffix = path.suffix.lower()
        return URLFetcherResponse(url, _read(path), {"Content-Type": STATIC_TYPES[suffix]})


def static_path(url: str) -> Path | None:
    """Return the static file behind an allowed URL, or None if the URL is not allowed."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if (parts.scheme, parts.netloc) != ("https", "rugadem.invalid") or parts.query:
        return None
    if not parts.path.startswith(STATIC_PREFIX):
        return None
    relative = unquote(parts.path[len(STATIC_PREFIX) :])
    if not _clean(relative) or posixpath.splitext(relative)[1].lower() not in STATIC_TYPES:
        return None
    found = finders.find(relative)
    return Path(found) if found else None


def _clean(relative: str) -> bool:
    """Return whether a static path is plain: no traversal, no absolute path, no odd bytes."""
    if not relative or "\\" in relative or "\x00" in relative or relative.startswith("/"):
        return False
    return all(part not in ("", ".", "..") for part in relative.split("/"))


def _read(path: Path) -> bytes:
    """Return a static file's bytes (static files are small; a huge one is refused)."""
    if path.stat().st_size > MAX_STATIC_BYTES:
        logger.warning("PDF renderer refused an oversized static file %s", path.name)
        raise RefusedURL("too large")
    return path.read_bytes()


def guess_type(name: str) -> str:
    """Return the MIME type for a file name (used for the clinic logo)."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
