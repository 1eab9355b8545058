"""Who may write to the archive: the serving mode, the editors' password, sign-in back-off,
editor sessions that time out and per-session upload quotas. Plain Python (no Streamlit).

Three modes, from ``ATLAS_MODE`` or ``[atlas] mode`` in ``.streamlit/secrets.toml``:

* ``open``: anyone who can open the page may add articles. The default when nothing is set,
  so a local ``streamlit run dashboard.py`` works as it always has.
* ``read-only``: nothing is written, from the browser or through the write functions.
* ``editors``: readers see a read-only atlas; an editor signs in with the editors' password
  to add articles. The default when only a password hash is configured.

Fail closed: an unknown mode, or ``editors`` without a usable password hash, is read-only.

The write functions (``geo.atlas.save_article``/``import_archive`` and, under them,
``geo.ingest.ingest_text``/``ingest_items``) call :func:`check_write`, so the mode holds even
for a call the page never makes. In ``editors`` mode they also need a grant for this call
(:func:`granted`), which ``geo.ui`` gives only to a signed-in, unexpired editor session and the
command line gives to its operator.
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import getpass
import hashlib
import hmac
import math
import os
import secrets
import sys
import threading
import time
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from geo.paths import ROOT

OPEN, READ_ONLY, EDITORS = "open", "read-only", "editors"
MODES = (OPEN, READ_ONLY, EDITORS)

# One uploaded file (a .txt article or a .zip of them), in MB. Streamlit's own
# ``server.maxUploadSize`` (``.streamlit/config.toml`` and ``scripts/serve``) is set to the same
# number and a test checks that they agree, so the page never promises more than the server takes.
MAX_UPLOAD_MB = 50
DEFAULT_TIMEOUT_MINUTES = 30.0
DEFAULT_SESSION_UPLOADS = 20
DEFAULT_SESSION_MB = 100

SECRETS_FILE = ROOT / ".streamlit" / "secrets.toml"

# scrypt cost: 16 MiB and about 50 ms per check here, so a guess costs the guesser too; the
# parameters are stored in the hash line, so they can be raised later without breaking old lines.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2 ** 14, 8, 1
_MIN_PASSWORD = 12


class AccessDenied(PermissionError):
    """A write refused by the serving mode. ``code`` names the reason for the interface
    (``msg.write_refused_<code>``); the message says it in English."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Settings:
    mode: str = OPEN  # the mode in force (after failing closed)
    password_hash: str = ""
    timeout_minutes: float = DEFAULT_TIMEOUT_MINUTES
    session_uploads: int = DEFAULT_SESSION_UPLOADS
    session_mb: int = DEFAULT_SESSION_MB
    problems: tuple[str, ...] = ()  # why the mode was made stricter than asked (English)

    @property
    def writable(self) -> bool:
        """Some writes may happen in this mode (open, or editors after a sign-in)."""
        return self.mode != READ_ONLY

    @property
    def needs_sign_in(self) -> bool:
        return self.mode == EDITORS


def _secrets(path: Path) -> Mapping[str, object]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        # Unreadable secrets must not silently open the archive: the caller fails closed.
        return {"__error__": f"{path.name} cannot be read ({exc})"}
    atlas = data.get("atlas", {})
    return atlas if isinstance(atlas, dict) else {}


def _number(raw: object, default: float, name: str, problems: list[str]) -> float:
    if raw is None or raw == "":
        return default
    try:
        value = float(str(raw))
    except ValueError:
        problems.append(f"{name}={raw!r} is not a number; using {default:g}")
        return default
    if not math.isfinite(value) or value <= 0:
        problems.append(f"{name}={raw!r} must be above 0; using {default:g}")
        return default
    return value


def load_settings(env: Mapping[str, str] | None = None,
                  secrets_file: Path | None = None) -> Settings:
    """The settings in force: environment variables first, then ``[atlas]`` in the secrets
    file (``ATLAS_SECRETS_FILE``, else ``.streamlit/secrets.toml`` of the project)."""
    env = os.environ if env is None else env
    path = secrets_file or Path(env.get("ATLAS_SECRETS_FILE") or SECRETS_FILE)
    sec = _secrets(path)
    problems: list[str] = []
    if "__error__" in sec:
        problems.append(str(sec["__error__"]))

    def get(var: str, key: str) -> object:
        value = env.get(var)
        return value if value not in (None, "") else sec.get(key)

    password_hash = str(get("ATLAS_EDITOR_PASSWORD_HASH", "editor_password_hash") or "").strip()
    asked = str(get("ATLAS_MODE", "mode") or "").strip().lower()
    if not asked:
        asked = EDITORS if password_hash else OPEN
    mode = asked
    if problems:
        mode = READ_ONLY
    elif asked not in MODES:
        problems.append(f"unknown ATLAS_MODE {asked!r} (use one of {', '.join(MODES)}); "
                        "serving read-only")
        mode = READ_ONLY
    elif asked == EDITORS and not parse_hash(password_hash):
        problems.append("editors mode needs an editors' password hash "
                        "(python -m geo password); serving read-only")
        mode = READ_ONLY
    timeout = _number(get("ATLAS_SESSION_TIMEOUT_MINUTES", "session_timeout_minutes"),
                      DEFAULT_TIMEOUT_MINUTES, "session timeout", problems)
    uploads = _number(get("ATLAS_SESSION_MAX_UPLOADS", "session_max_uploads"),
                      DEFAULT_SESSION_UPLOADS, "uploads per session", problems)
    mb = _number(get("ATLAS_SESSION_MAX_MB", "session_max_mb"), DEFAULT_SESSION_MB,
                 "MB per session", problems)
    return Settings(mode, password_hash, timeout, int(uploads), int(mb), tuple(problems))


# --- the write check -------------------------------------------------------------------------

_grant: contextvars.ContextVar[str] = contextvars.ContextVar("atlas_write_grant", default="")


@contextlib.contextmanager
def granted(who: str) -> Iterator[None]:
    """Writes inside this block are made on behalf of ``who`` (a signed-in editor session, or
    the operator at the command line). Needed in ``editors`` mode; never enough in read-only."""
    token = _grant.set(who)
    try:
        yield
    finally:
        _grant.reset(token)


def check_write(settings: Settings | None = None) -> None:
    """Raise :class:`AccessDenied` unless a write may happen here and now."""
    s = settings or load_settings()
    if s.mode == READ_ONLY:
        raise AccessDenied("read_only", "this atlas is served read-only (ATLAS_MODE); nothing "
                                        "was written")
    if s.mode == EDITORS and not _grant.get():
        raise AccessDenied("sign_in", "adding articles needs an editor's sign-in; nothing was "
                                      "written")


# --- the editors' password --------------------------------------------------------------------

def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, *, n: int = _SCRYPT_N, r: int = _SCRYPT_R,
                  p: int = _SCRYPT_P) -> str:
    """``scrypt:N:r:p:salt:hash`` (URL-safe base64). Colons, not ``$``: the line goes into
    environment files and shells, where ``$`` is expanded."""
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                         maxmem=_maxmem(n, r, p))
    return f"scrypt:{n}:{r}:{p}:{_b64(salt)}:{_b64(key)}"


def _maxmem(n: int, r: int, p: int) -> int:
    return 128 * r * (n + p + 2) + 1024 * 1024


def parse_hash(line: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = (line or "").strip().split(":")
    if len(parts) != 6 or parts[0] != "scrypt":
        return None
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt, key = _unb64(parts[4]), _unb64(parts[5])
    except ValueError:
        return None
    # Bounds keep a hostile or mistyped line from costing the server gigabytes.
    if not (2 ** 10 <= n <= 2 ** 20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16
            and len(salt) >= 16 and len(key) >= 16):
        return None
    return n, r, p, salt, key


def verify_password(password: str, line: str) -> bool:
    parsed = parse_hash(line)
    if parsed is None:
        # Same work as a real check, so timing does not tell a missing hash from a wrong one.
        hashlib.scrypt(password.encode("utf-8"), salt=b"\0" * 16, n=_SCRYPT_N, r=_SCRYPT_R,
                       p=_SCRYPT_P, dklen=32, maxmem=_maxmem(_SCRYPT_N, _SCRYPT_R, _SCRYPT_P))
        return False
    n, r, p, salt, key = parsed
    got = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(key),
                         maxmem=_maxmem(n, r, p))
    return hmac.compare_digest(got, key)


# --- sign-in back-off -------------------------------------------------------------------------

@dataclass
class _Record:
    failures: int = 0
    last: float = 0.0
    until: float = 0.0


class Backoff:
    """Exponential back-off per key: after the k-th failure beyond ``free``, the key waits
    ``base * 2**(k - free - 1)`` seconds, at most ``cap``. A key with no failure for
    ``forget_after`` seconds starts again; at most ``max_keys`` keys are remembered (the oldest
    go first), so many sessions cannot grow it without bound."""

    def __init__(self, base: float = 1.0, cap: float = 300.0, free: int = 0,
                 forget_after: float = 3600.0, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic):
        self.base, self.cap, self.free = base, cap, free
        self.forget_after, self.max_keys, self.clock = forget_after, max_keys, clock
        self._keys: dict[str, _Record] = {}

    def _get(self, key: str, now: float) -> _Record:
        rec = self._keys.get(key)
        if rec is not None and now - rec.last > self.forget_after:
            rec = None
        if rec is None:
            rec = _Record()
            self._keys[key] = rec
            if len(self._keys) > self.max_keys:
                oldest = min(self._keys, key=lambda k: self._keys[k].last)
                del self._keys[oldest]
        return rec

    def retry_after(self, key: str) -> float:
        now = self.clock()
        rec = self._keys.get(key)
        return max(0.0, rec.until - now) if rec else 0.0

    def failure(self, key: str) -> float:
        """Count a failure; returns the seconds this key must now wait."""
        now = self.clock()
        rec = self._get(key, now)
        rec.failures += 1
        rec.last = now
        beyond = rec.failures - self.free
        wait = min(self.cap, self.base * 2 ** (beyond - 1)) if beyond > 0 else 0.0
        rec.until = now + wait
        return wait

    def success(self, key: str) -> None:
        self._keys.pop(key, None)


@dataclass(frozen=True)
class SignIn:
    ok: bool
    retry_after: float = 0.0  # seconds before this session may try again (after a failure)


class SignInGate:
    """Checks the editors' password with back-off per session and for the whole server.

    Per session: 1, 2, 4 … s up to 5 min after each failure. Globally (every session together,
    so opening new tabs does not help a guesser): the first five failures are free, then 1, 2,
    4 … s up to one minute. While a wait runs, the password is not even checked, and the
    answer is the same as for a wrong one. One check at a time: scrypt's cost is a limit too."""

    GLOBAL = "*"

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.per_session = Backoff(base=1.0, cap=300.0, clock=clock)
        self.everyone = Backoff(base=1.0, cap=60.0, free=5, forget_after=900.0, clock=clock)
        self._lock = threading.Lock()

    def attempt(self, session_key: str, password: str, password_hash: str) -> SignIn:
        with self._lock:
            wait = max(self.per_session.retry_after(session_key),
                       self.everyone.retry_after(self.GLOBAL))
            if wait > 0:
                return SignIn(False, wait)
            if password and verify_password(password, password_hash):
                self.per_session.success(session_key)
                return SignIn(True)
            wait = max(self.per_session.failure(session_key),
                       self.everyone.failure(self.GLOBAL))
            return SignIn(False, wait)


_GATE = SignInGate()


def gate() -> SignInGate:
    """The server's one gate (module state lives as long as the server process)."""
    return _GATE


def reset_gate(clock: Callable[[], float] = time.monotonic) -> SignInGate:
    """A fresh gate (tests)."""
    global _GATE
    _GATE = SignInGate(clock)
    return _GATE


# --- editor sessions and upload quotas --------------------------------------------------------

@dataclass
class EditorSession:
    """A signed-in editor in one browser session. It ends after ``timeout_minutes`` without a
    run (any click or key that reaches the server)."""

    key: str = field(default_factory=lambda: secrets.token_hex(16))
    last_seen: float = field(default_factory=time.monotonic)

    def active(self, timeout_minutes: float, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        return now - self.last_seen <= timeout_minutes * 60

    def touch(self, now: float | None = None) -> None:
        self.last_seen = time.monotonic() if now is None else now


@dataclass
class UploadQuota:
    """What one browser session may still save: a number of saves and imports, and bytes."""

    max_count: int
    max_bytes: int
    count: int = 0
    used: int = 0

    def refusal(self, nbytes: int) -> str:
        """"" when ``nbytes`` more may be saved; else the reason code (``count``/``bytes``)."""
        if self.count >= self.max_count:
            return "count"
        if self.used + nbytes > self.max_bytes:
            return "bytes"
        return ""

    def record(self, nbytes: int) -> None:
        self.count += 1
        self.used += nbytes

    @property
    def left_count(self) -> int:
        return max(0, self.max_count - self.count)

    @property
    def left_mb(self) -> int:
        return max(0, (self.max_bytes - self.used) // (1024 * 1024))


def quota_for(settings: Settings) -> UploadQuota:
    return UploadQuota(settings.session_uploads, settings.session_mb * 1024 * 1024)


# --- python -m geo password -------------------------------------------------------------------

def main(argv: list[str]) -> int:
    """Print the hash line of a new editors' password, for the environment or secrets.toml.
    The password is read without echo (or from standard input when it is not a terminal)."""
    if argv and argv[0] in ("-h", "--help"):
        print("usage: python -m geo password\n  asks for the editors' password twice and prints "
              "the lines to configure it (the password itself is never stored)")
        return 0
    if argv:
        print("usage: python -m geo password (no arguments: the password is asked for)",
              file=sys.stderr)
        return 2
    if sys.stdin.isatty():
        first = getpass.getpass("Editors' password: ")
        again = getpass.getpass("Again: ")
        if first != again:
            print("the two passwords differ; nothing printed", file=sys.stderr)
            return 1
    else:
        first = sys.stdin.readline().rstrip("\r\n")
    if len(first) < _MIN_PASSWORD:
        print(f"use at least {_MIN_PASSWORD} characters; nothing printed", file=sys.stderr)
        return 1
    line = hash_password(first)
    print(f"ATLAS_EDITOR_PASSWORD_HASH={line}")
    print("# or, in .streamlit/secrets.toml (never committed):")
    print("# [atlas]")
    print(f'# editor_password_hash = "{line}"')
    return 0
