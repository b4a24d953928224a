"""Who may write and read: the bearer token (from TRIANGULATE_TOKEN or a 0600 file kept for the database).

Writes always need the token. Reads are open while the server listens on loopback only; bound to any
other address, reads need the token too, since anyone on the network could otherwise read the record.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import re
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from fastapi import HTTPException, Request

from triangulate.store import is_url, shown

TOKEN_ENV = "TRIANGULATE_TOKEN"
_SCHEME = "bearer"


class TokenError(Exception):
    """The token file cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class Token:
    """The server's token and where it came from (said at start-up; the token itself never is)."""

    value: str
    where: str  # "$TRIANGULATE_TOKEN" or the token file's path


def token_path(db_path: str | Path) -> Path:
    """Where the token file of a database lives: beside it, `<db>.token`; for a PostgreSQL URL, under the
    user's config folder (`$XDG_CONFIG_HOME` or ~/.config), `triangulate/tokens/<user@host:port/db>.token`."""
    if is_url(db_path):
        config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        name = re.sub(r"[^A-Za-z0-9._@-]+", "_", shown(db_path).removeprefix("postgresql://"))
        return config / "triangulate" / "tokens" / f"{name[:150]}.token"
    db = Path(db_path)
    return db.with_name(db.name + ".token")


def load_token(db_path: str | Path, environ: dict[str, str] | None = None) -> Token:
    """The token from TRIANGULATE_TOKEN, else from the database's token file, made (mode 0600) if missing."""
    env = os.environ if environ is None else environ
    given = env.get(TOKEN_ENV, "").strip()
    if given:
        return Token(given, f"${TOKEN_ENV}")
    path = token_path(db_path)
    try:
        return Token(_read_token_file(path), str(path))
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    try:
        # O_EXCL: never write through a file (or link) someone else put there; 0600 from the start
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another server made it just now
        return Token(_read_token_file(path), str(path))
    except OSError as exc:
        raise TokenError(f"cannot create the token file {path} ({exc.strerror}); set {TOKEN_ENV} instead") from exc
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    return Token(value, str(path))


def _read_token_file(path: Path) -> str:
    mode = path.stat().st_mode  # FileNotFoundError: the caller makes the file
    if not stat.S_ISREG(mode):
        raise TokenError(f"the token file {path} is not a regular file; remove it or set {TOKEN_ENV}")
    if mode & 0o077:
        raise TokenError(f"the token file {path} can be read by others (mode {stat.S_IMODE(mode):04o});"
                         f" run `chmod 600 {path}`, or remove it to have a new one made")
    value = path.read_text(encoding="utf-8").strip()
    if not value:
        raise TokenError(f"the token file {path} is empty; remove it to have a new one made")
    return value


def is_loopback(host: str) -> bool:
    """Whether a listening address reaches this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == _SCHEME and value.strip() else None


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def require_token(request: Request) -> None:
    """Let the request through only with `Authorization: Bearer <the server's token>`."""
    token: Token = request.app.state.token
    given = _bearer(request)
    if given is None:
        # no path in the answer: the server's start-up line tells its operator where the token is
        raise _unauthorized("this needs the header `Authorization: Bearer TOKEN`, with the server's token")
    if not hmac.compare_digest(given.encode("utf-8"), token.value.encode("utf-8")):
        raise _unauthorized("the bearer token is wrong")


def require_read_access(request: Request) -> None:
    """Reads are open on loopback; on any other address they need the token like writes."""
    if not request.app.state.reads_open:
        require_token(request)
