"""The safe fetcher: HTTP(S) GET with timeouts, a size cap, robots.txt, conditional requests, public addresses only.

Address filtering is requests-hardened's: its adapter resolves the host, refuses private,
loopback, link-local, multicast and other special ranges (the check runs on the resolved address,
IPv4-mapped IPv6 included) and then connects to that very address, so DNS cannot answer twice.
The adapter runs on every connection the session opens, hence on every redirect hop too; that is
why it is enough for the filtering. What it leaves to us, and this module adds: redirects are
followed by hand (at most MAX_REDIRECTS, http and https only) so that each hop is also checked
against its host's robots.txt; a total deadline and a byte cap on the streamed body (requests'
read timeout is per read, so a server dripping bytes would otherwise never end); and the errors,
each naming the URL and the reason.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import InvalidIPAddress

from triangulate.ingest.common import MAX_FILE_BYTES
from triangulate.ingest.errors import Code, problem
from triangulate.records import IngestError
from triangulate.version import __version__

# requests-hardened logs each refused address as a warning; the refusal is reported as an
# IngestError instead, so keep the library's record from reaching stderr unless logging is set up
logging.getLogger("requests_hardened").addHandler(logging.NullHandler())

# pyproject and the README name no project URL, so the agent names the tool and its version only
USER_AGENT = f"triangulate/{__version__} (news-report analysis; robots.txt respected)"
MAX_BYTES = MAX_FILE_BYTES
MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 20.0
TOTAL_TIMEOUT = 60.0
ROBOTS_TTL = 24 * 3600.0  # RFC 9309: a cached robots.txt should not be used for more than 24 hours
# small chunks: a compressed chunk is inflated whole before the cap can look at it
_CHUNK = 16 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_SCHEMES = ("http", "https")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def is_web_url(text: str) -> bool:
    """Whether an argument is an http(s) URL rather than a path."""
    return text.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Validators:
    """What a server said identifies its last answer: sent back to ask "has it changed?"."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        found = {}
        if self.etag:
            found["If-None-Match"] = self.etag
        if self.last_modified:
            found["If-Modified-Since"] = self.last_modified
        return found


@dataclass
class Fetched:
    """A fetched URL: 200 with its body, or 304 (not modified) with none."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str | None = None  # media type, lower case, without parameters
    charset: str | None = None
    validators: Validators = field(default_factory=Validators)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body decoded by its declared charset, else as UTF-8 if it is, else as Windows-1252;
        bad bytes are replaced, never raised."""
        if self.charset:
            try:
                return self.body.decode(self.charset, errors="replace").lstrip("\ufeff")
            except LookupError:  # an unknown charset name from the server
                pass
        try:
            return self.body.decode("utf-8-sig")
        except UnicodeDecodeError:
            return self.body.decode("cp1252", errors="replace")


class FetchError(Exception):
    """A URL that could not be fetched, with the ingest code and the reason."""

    def __init__(self, code: Code, url: str, reason: str, *, status: int | None = None) -> None:
        url = printable(url)
        super().__init__(f"{url}: {reason}")
        self.code = code
        self.url = url
        self.reason = reason
        self.status = status  # the HTTP status when the server answered with an error

    def as_error(self, source: str | None = None) -> IngestError:
        return problem(self.code, source or self.url, self.reason)


class Fetcher:
    """One polite, safe HTTP client for a run: robots.txt is read once per host and kept."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        allow_loopback: bool = False,
        max_bytes: int = MAX_BYTES,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        total_timeout: float = TOTAL_TIMEOUT,
        max_redirects: int = MAX_REDIRECTS,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.timeout = (connect_timeout, read_timeout)
        self.total_timeout = total_timeout
        self.max_redirects = max_redirects
        self.user_agent = user_agent
        self.session = HTTPSession(Config(
            ip_filter_enable=not allow_private,
            ip_filter_allow_loopback_ips=allow_loopback,
            never_redirect=True,  # followed by hand, hop by hop (see the module docstring)
            default_timeout=self.timeout,
            user_agent_override=user_agent,
        ))
        # no proxies, .netrc credentials or CA bundles from the environment: what is fetched, and
        # with what, depends on the arguments only
        self.session.trust_env = False
        self._robots: dict[str, tuple[RobotFileParser, float]] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    def get(self, url: str, validators: Validators | None = None, *, robots: bool = True) -> Fetched:
        """GET a URL (following redirects to public addresses); raises FetchError saying why not."""
        deadline = time.monotonic() + self.total_timeout
        current = url
        for _hop in range(self.max_redirects + 1):
            _check_url(url, current)
            if robots and not self._allowed(url, current):
                raise FetchError(Code.FETCH_ROBOTS, url, _via(url, current, "robots.txt does not allow fetching it"))
            response = self._send(url, current, validators)
            try:
                location = response.headers.get("Location")
                if response.status_code in _REDIRECTS and location:
                    current = urljoin(current, location)
                    continue
                return self._read(url, current, response, deadline)
            finally:
                response.close()
        raise FetchError(Code.FETCH_FAILED, url, f"more than {self.max_redirects} redirects")

    def _allowed(self, url: str, current: str) -> bool:
        try:
            return self.allowed(current)
        except FetchError as exc:  # robots.txt itself refused: say so for the URL asked for
            raise FetchError(exc.code, url, _via(url, current, exc.reason)) from exc

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets this tool fetch the URL (read once per host and day).

        As RFC 9309 says: a robots.txt that is missing (any 4xx) allows everything; one that cannot
        be fetched (5xx, no connection) allows nothing.
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        cached = self._robots.get(origin)
        if cached is None or time.monotonic() - cached[1] > ROBOTS_TTL:  # a long watch reads it again daily
            cached = (self._read_robots(origin), time.monotonic())
            self._robots[origin] = cached
        return cached[0].can_fetch(self.user_agent, url)

    def _read_robots(self, origin: str) -> RobotFileParser:
        parser = RobotFileParser(f"{origin}/robots.txt")
        try:
            fetched = self.get(f"{origin}/robots.txt", robots=False)
        except FetchError as exc:
            if exc.code == Code.FETCH_REFUSED:
                raise  # a refused host is refused, whatever its robots.txt would say
            missing = exc.status is not None and 400 <= exc.status < 500
            parser.parse([] if missing else ["User-agent: *", "Disallow: /"])
            return parser
        parser.parse(fetched.text().splitlines())
        return parser

    def _send(self, url: str, current: str, validators: Validators | None) -> requests.Response:
        headers = validators.headers() if validators else {}
        try:
            return self.session.get(current, headers=headers, stream=True, timeout=self.timeout,
                                    allow_redirects=False)
        except InvalidIPAddress as exc:
            host = urlsplit(current).hostname or current
            where = f"{host} is" if host == str(exc) else f"{host} resolves to {exc},"
            raise FetchError(
                Code.FETCH_REFUSED, url,
                _via(url, current, f"{where} a private, loopback or link-local address: refused"),
            ) from exc
        except requests.Timeout as exc:
            raise FetchError(Code.FETCH_FAILED, url, _via(url, current, f"timed out ({_timeout_kind(exc)})")) from exc
        except requests.RequestException as exc:
            raise FetchError(Code.FETCH_FAILED, url, _via(url, current, f"cannot fetch it ({_short(exc)})")) from exc

    def _read(self, url: str, current: str, response: requests.Response, deadline: float) -> Fetched:
        status = response.status_code
        if status not in (200, 304):
            raise FetchError(
                Code.FETCH_FAILED, url, _via(url, current, f"the server answered HTTP {status} {response.reason}"),
                status=status,
            )
        media, _, params = (response.headers.get("Content-Type") or "").partition(";")
        charset = None
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip('"')
        fetched = Fetched(
            url=url, final_url=current, status=status, content_type=media.strip().lower() or None, charset=charset,
            validators=Validators(response.headers.get("ETag"), response.headers.get("Last-Modified")),
        )
        if status == 304:
            return fetched
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(Code.FETCH_TOO_LARGE, url, _too_large(url, current, self.max_bytes, int(declared)))
        body = bytearray()
        try:
            for chunk in response.iter_content(_CHUNK):
                body += chunk
                if len(body) > self.max_bytes:  # stop reading at once: the rest is never downloaded
                    raise FetchError(Code.FETCH_TOO_LARGE, url, _too_large(url, current, self.max_bytes, None))
                if time.monotonic() > deadline:
                    raise FetchError(Code.FETCH_FAILED, url,
                                     _via(url, current, f"timed out (over {self.total_timeout:g} s in all)"))
        except requests.RequestException as exc:
            raise FetchError(Code.FETCH_FAILED, url, _via(url, current, f"the download broke off ({_short(exc)})")) from exc
        fetched.body = bytes(body)
        return fetched


def _check_url(url: str, current: str) -> None:
    if _CONTROL.search(current):
        raise FetchError(Code.FETCH_BAD_URL, url, _via(url, current, "the URL holds control characters"))
    parts = urlsplit(current)
    if parts.scheme.lower() not in _SCHEMES or not parts.hostname:
        raise FetchError(Code.FETCH_BAD_URL, url, _via(url, current, "not an http(s) URL with a host"))


def printable(url: str) -> str:
    """A URL safe to print: control characters (a server's Location header may hold terminal
    escapes) percent-encoded."""
    return _CONTROL.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)


def _via(url: str, current: str, reason: str) -> str:
    """A reason that names the redirect target when it is not the URL asked for."""
    return reason if current == url else f"redirected to {printable(current)}: {reason}"


def _too_large(url: str, current: str, cap: int, size: int | None) -> str:
    what = f"{size:,} bytes" if size is not None else "the response"
    return _via(url, current, f"{what} is over the {cap:,}-byte cap; nothing was kept")


def _timeout_kind(exc: requests.Timeout) -> str:
    return "no connection" if isinstance(exc, requests.ConnectTimeout) else "no answer in time"


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
