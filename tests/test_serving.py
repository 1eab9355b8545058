"""Serving the atlas: the modes (open, read-only, editors), the editors' password and sign-in
back-off, session time-out and upload quotas (geo.access), the write functions refusing in
read-only mode whoever calls them, the pages in each mode (AppTest).
The container recipe and the served headers: tests/test_container.py and the browser tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from geo import access, atlas, paths
from geo.ingest import ingest_items, ingest_text, ingest_zip_bytes
from tests.app_helpers import ROOT, run

GOOD = "عنوان عن إدلب\nقالت مصادر إن منطقة خفض التصعيد في إدلب شهدت هدوءا.\n".encode()
PASSWORD = "correct horse battery staple"
# Made once: scrypt costs about 50 ms a time on purpose.
HASH = access.hash_password(PASSWORD)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test states its own mode; a developer's own settings never leak in."""
    for var in ("ATLAS_MODE", "ATLAS_EDITOR_PASSWORD_HASH", "ATLAS_SESSION_TIMEOUT_MINUTES",
                "ATLAS_SESSION_MAX_UPLOADS", "ATLAS_SESSION_MAX_MB"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ATLAS_SECRETS_FILE", str(tmp_path / "no-secrets.toml"))
    access.reset_gate()


@pytest.fixture
def seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    for f in (ROOT / "seeds").iterdir():
        if f.is_file() and not f.name.startswith("."):  # not an index the app left there
            shutil.copy2(f, d / f.name)
    monkeypatch.setattr(paths, "SEEDS_DIR", d)
    monkeypatch.setenv("ATLAS_SEEDS_DIR", str(d))
    return d


def snapshot(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir()) if p.is_file()
            and ".atlas" not in p.parts}


def _zip(*texts: bytes) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i, t in enumerate(texts):
            zf.writestr(f"a{i}.txt", t)
    return buf.getvalue()


# --- settings ---------------------------------------------------------------------------------

def test_nothing_set_is_open_as_a_local_run_always_was() -> None:
    s = access.load_settings({})
    assert s.mode == access.OPEN and s.writable and not s.needs_sign_in and not s.problems


@pytest.mark.parametrize(("env", "mode"), [
    ({"ATLAS_MODE": "read-only"}, access.READ_ONLY),
    ({"ATLAS_MODE": "READ-ONLY "}, access.READ_ONLY),
    ({"ATLAS_MODE": "open"}, access.OPEN),
    ({"ATLAS_EDITOR_PASSWORD_HASH": HASH}, access.EDITORS),  # a password alone means editors
    ({"ATLAS_MODE": "editors", "ATLAS_EDITOR_PASSWORD_HASH": HASH}, access.EDITORS),
    ({"ATLAS_MODE": "read-only", "ATLAS_EDITOR_PASSWORD_HASH": HASH}, access.READ_ONLY),
    # Fail closed: a typo or a missing/broken hash never opens the archive.
    ({"ATLAS_MODE": "readonly"}, access.READ_ONLY),
    ({"ATLAS_MODE": "editors"}, access.READ_ONLY),
    ({"ATLAS_MODE": "editors", "ATLAS_EDITOR_PASSWORD_HASH": "hunter2"}, access.READ_ONLY),
])
def test_mode_from_the_environment(env: dict[str, str], mode: str) -> None:
    s = access.load_settings(env)
    assert s.mode == mode
    if env.get("ATLAS_MODE", "").strip().lower() not in ("", s.mode):
        assert s.problems  # said in the server's log


def test_settings_from_secrets_toml_and_the_environment_wins(tmp_path: Path) -> None:
    f = tmp_path / "secrets.toml"
    f.write_text(f'[atlas]\nmode = "editors"\neditor_password_hash = "{HASH}"\n'
                 "session_timeout_minutes = 5\nsession_max_uploads = 3\nsession_max_mb = 7\n")
    s = access.load_settings({}, f)
    assert (s.mode, s.password_hash, s.timeout_minutes, s.session_uploads, s.session_mb) == (
        access.EDITORS, HASH, 5.0, 3, 7)
    assert access.load_settings({"ATLAS_MODE": "read-only"}, f).mode == access.READ_ONLY


def test_an_unreadable_secrets_file_is_read_only(tmp_path: Path) -> None:
    f = tmp_path / "secrets.toml"
    f.write_text("[atlas\nmode = open")
    s = access.load_settings({}, f)
    assert s.mode == access.READ_ONLY and "cannot be read" in s.problems[0]


def test_bad_numbers_fall_back_to_the_defaults() -> None:
    s = access.load_settings({"ATLAS_SESSION_TIMEOUT_MINUTES": "-1",
                              "ATLAS_SESSION_MAX_UPLOADS": "many"})
    assert s.timeout_minutes == access.DEFAULT_TIMEOUT_MINUTES
    assert s.session_uploads == access.DEFAULT_SESSION_UPLOADS and len(s.problems) == 2


# --- the password -----------------------------------------------------------------------------

def test_password_hash_is_salted_and_verifies() -> None:
    other = access.hash_password(PASSWORD)
    assert other != HASH and other.startswith("scrypt:16384:8:1:")
    assert "$" not in HASH  # safe in env files and shells
    assert access.verify_password(PASSWORD, HASH) and access.verify_password(PASSWORD, other)
    assert not access.verify_password(PASSWORD + " ", HASH)
    assert not access.verify_password("", HASH)


@pytest.mark.parametrize("line", ["", "hunter2", "scrypt:16384:8:1:x:y",
                                  "scrypt:3:8:1:AAAAAAAAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA",
                                  "scrypt:1073741824:8:1:AAAAAAAAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAA"
                                  "AAAA", "pbkdf2:1:2:3:4:5"])
def test_a_malformed_hash_verifies_nothing(line: str) -> None:
    assert access.parse_hash(line) is None
    assert not access.verify_password(PASSWORD, line)


def test_password_command_prints_a_line_that_verifies() -> None:
    out = subprocess.run([sys.executable, "-m", "geo", "password"], input=PASSWORD + "\n",
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    line = out.stdout.splitlines()[0]
    assert line.startswith("ATLAS_EDITOR_PASSWORD_HASH=scrypt:")
    assert PASSWORD not in out.stdout
    assert access.verify_password(PASSWORD, line.split("=", 1)[1])
    short = subprocess.run([sys.executable, "-m", "geo", "password"], input="short\n",
                           capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert short.returncode == 1 and short.stdout == ""


# --- back-off, sessions, quotas -----------------------------------------------------------------

class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_backoff_doubles_per_failure_up_to_the_cap_and_resets_on_success() -> None:
    clock = Clock()
    b = access.Backoff(base=1.0, cap=8.0, clock=clock)
    assert [b.failure("s") for _ in range(6)] == [1, 2, 4, 8, 8, 8]
    assert b.retry_after("s") == 8 and b.retry_after("other") == 0
    clock.now += 8
    assert b.retry_after("s") == 0
    b.success("s")
    assert b.failure("s") == 1


def test_backoff_forgets_old_failures_and_bounds_its_memory() -> None:
    clock = Clock()
    b = access.Backoff(forget_after=60, max_keys=3, clock=clock)
    b.failure("a")
    b.failure("a")
    clock.now += 61
    assert b.failure("a") == 1
    for k in "bcdef":
        clock.now += 1
        b.failure(k)
    assert len(b._keys) == 3


def test_sign_in_backoff_per_session_says_the_same_and_skips_the_check() -> None:
    clock = Clock()
    gate = access.reset_gate(clock)
    first = gate.attempt("tab1", "wrong", HASH)
    assert first == access.SignIn(False, 1.0)
    # Too soon: refused without checking, even with the right password; same answer shape.
    assert gate.attempt("tab1", PASSWORD, HASH) == access.SignIn(False, 1.0)
    clock.now += 1
    assert gate.attempt("tab1", "wrong again", HASH).retry_after == 2.0
    clock.now += 2
    assert gate.attempt("tab1", PASSWORD, HASH).ok
    # Another tab was never slowed down by this one's first failures.
    assert gate.attempt("tab2", PASSWORD, HASH).ok


def test_sign_in_backoff_is_global_across_sessions() -> None:
    clock = Clock()
    gate = access.reset_gate(clock)
    waits = []
    for i in range(8):  # a guesser opening a new tab per guess, each time as soon as allowed
        waits.append(gate.attempt(f"tab{i}", "guess", HASH).retry_after)
        clock.now += waits[-1] if i < 7 else 0
    # Five free (a new tab waits only its own second), then the whole server waits 1, 2, 4 s.
    assert waits == [1, 1, 1, 1, 1, 1, 2, 4]
    assert gate.attempt("fresh tab", PASSWORD, HASH) == access.SignIn(False, 4.0)
    clock.now += 4
    assert gate.attempt("fresh tab", PASSWORD, HASH).ok


def test_editor_session_times_out_without_use() -> None:
    ed = access.EditorSession(last_seen=100.0)
    assert ed.active(1.0, now=159.0)
    ed.touch(now=159.0)
    assert ed.active(1.0, now=219.0) and not ed.active(1.0, now=219.5)


def test_upload_quota_counts_files_and_bytes() -> None:
    q = access.UploadQuota(max_count=2, max_bytes=100)
    assert q.refusal(60) == ""
    q.record(60)
    assert q.refusal(41) == "bytes" and q.refusal(40) == ""
    q.record(40)
    assert q.refusal(0) == "count" and q.left_count == 0


# --- the write functions refuse, whoever calls them -----------------------------------------------

WRITES = {
    "atlas.save_article": lambda: atlas.save_article(GOOD, "a.txt", outlet="x"),
    "atlas.import_archive": lambda: atlas.import_archive(_zip(GOOD), "a.zip"),
    "ingest.ingest_text": lambda: ingest_text(GOOD, "a.txt", seeds_dir=paths.SEEDS_DIR),
    "ingest.ingest_zip_bytes": lambda: ingest_zip_bytes(_zip(GOOD), "a.zip", paths.SEEDS_DIR),
    "ingest.ingest_items": lambda: ingest_items([], paths.SEEDS_DIR),
}


@pytest.mark.parametrize("name", WRITES)
def test_read_only_mode_refuses_every_write_function(name: str, seeds: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_MODE", "read-only")
    before = snapshot(seeds)
    with pytest.raises(access.AccessDenied) as err, access.granted("even with a grant"):
        WRITES[name]()
    assert err.value.code == "read_only"
    assert snapshot(seeds) == before


@pytest.mark.parametrize("name", WRITES)
def test_editors_mode_writes_only_with_a_grant(name: str, seeds: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD_HASH", HASH)
    before = snapshot(seeds)
    with pytest.raises(access.AccessDenied) as err:
        WRITES[name]()
    assert err.value.code == "sign_in" and snapshot(seeds) == before
    with access.granted("editor"):
        WRITES[name]()


def test_open_mode_writes_as_before(seeds: Path) -> None:
    assert atlas.save_article(GOOD, "a.txt", outlet="x").ok


def test_cli_ingest_refuses_in_read_only_mode_and_writes_in_editors_mode(
        seeds: Path, tmp_path: Path) -> None:
    article = tmp_path / "new.txt"
    article.write_bytes(GOOD)
    base = {"PATH": "/usr/bin:/bin", "ATLAS_SEEDS_DIR": str(seeds),
            "ATLAS_SECRETS_FILE": str(tmp_path / "none.toml"),
            "ATLAS_INDEX_DIR": str(tmp_path / "index")}
    before = snapshot(seeds)
    ro = subprocess.run([sys.executable, "-m", "geo", "ingest", str(article)], cwd=ROOT,
                        env={**base, "ATLAS_MODE": "read-only"}, capture_output=True,
                        text=True, timeout=120)
    assert ro.returncode == 1 and "read-only" in ro.stderr and snapshot(seeds) == before
    ed = subprocess.run([sys.executable, "-m", "geo", "ingest", str(article)], cwd=ROOT,
                        env={**base, "ATLAS_EDITOR_PASSWORD_HASH": HASH}, capture_output=True,
                        text=True, timeout=120)
    assert ed.returncode == 0, ed.stderr
    assert len(snapshot(seeds)) == len(before) + 1


# --- the pages in each mode (AppTest) -------------------------------------------------------------

def _open_add_by_hash(at) -> None:
    """What a forged request for the Add page does: ask to run the page with its hash."""
    hashes = [h for h, i in at._registered_pages.items() if i.get("url_pathname") == "add"]
    assert len(hashes) == 1
    at._page_hash = hashes[0]
    at.run()
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_read_only_app_has_no_add_page_and_its_url_says_so(
        lang: str, seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.i18n import t

    monkeypatch.setenv("ATLAS_MODE", "read-only")
    at = run(lang=lang)
    add = next(p for p in at._registered_pages.values() if p.get("url_pathname") == "add")
    assert add["script_path"] == ""  # the page file is not even registered
    _open_add_by_hash(at)
    assert [i.value for i in at.info] == [t("msg.read_only", lang)]
    assert len(at.get("file_uploader")) == 0 and len(at.text_area) == 0
    assert t("ui.read_only_badge", lang) in [c.value for c in at.sidebar.caption]


def test_local_run_is_unchanged_add_page_and_no_sign_in(seeds: Path) -> None:
    at = run()
    add = next(p for p in at._registered_pages.values() if p.get("url_pathname") == "add")
    assert add["script_path"].endswith("pages/add.py")
    at.switch_page("pages/add.py")
    at.run()
    assert len(at.get("file_uploader")) == 1 and len(at.sidebar.expander) == 0
    assert any("50 MB" in c.value for c in at.caption)  # the limit the server applies


def _sign_in(at, password: str) -> None:
    at.text_input(key="atlas_password").input(password)
    next(b for b in at.sidebar.button if b.label == "Sign in").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def _save(at) -> None:
    """Press the Add page's Save (the form's submit button, not the sidebar's)."""
    from geo.i18n import t

    labels = {t("ui.save", lang) for lang in ("en", "ar")}
    next(b for b in at.get("form_submit_button") if b.label in labels).click().run()


def test_editors_sign_in_opens_the_add_page_and_a_save_lands(
        seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD_HASH", HASH)
    at = run()
    _open_add_by_hash(at)
    assert [i.value for i in at.info] == ["Adding articles needs an editor's sign-in (in the "
                                          "sidebar)."]
    _sign_in(at, "wrong password")
    assert [e.value for e in at.sidebar.error] == ["Sign-in failed. You can try again in 1 s."]
    assert "_atlas_editor" not in at.session_state
    access.reset_gate()  # the back-off is tested above; here the next try may come at once
    _sign_in(at, PASSWORD)
    assert "_atlas_editor" in at.session_state
    at.switch_page("pages/add.py")
    at.run()
    assert any("can still save 20 uploads, 100 MB" in c.value for c in at.caption)
    before = snapshot(seeds)
    at.radio(key="add_source").set_value("paste_text").run()
    at.text_area[0].input(GOOD.decode()).run()
    _save(at)
    assert not at.exception, [e.value for e in at.exception]
    assert next(s.value for s in at.success).startswith("Saved as")
    assert len(snapshot(seeds)) == len(before) + 1


def test_editor_session_times_out_and_the_page_goes(seeds: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD_HASH", HASH)
    monkeypatch.setenv("ATLAS_SESSION_TIMEOUT_MINUTES", "1")
    at = run()
    _sign_in(at, PASSWORD)
    at.switch_page("pages/add.py")
    at.run()
    assert len(at.get("file_uploader")) == 1
    at.session_state["_atlas_editor"].last_seen -= 61  # a minute without use
    at.run()
    assert "_atlas_editor" not in at.session_state
    assert [w.value for w in at.sidebar.warning] == [
        "Your editor session timed out. Sign in again to add articles."]
    assert len(at.get("file_uploader")) == 0


def sign_in_button(at: Any) -> Any:
    """The sidebar's sign-in button, by its words (the date steps are sidebar buttons too)."""
    from geo.i18n import t

    return next(b for b in at.sidebar.button if b.label in (t("ui.sign_in", "en"),
                                                           t("ui.sign_in", "ar")))


def test_upload_quota_refuses_in_the_interface_language(
        seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD_HASH", HASH)
    monkeypatch.setenv("ATLAS_SESSION_MAX_UPLOADS", "1")
    at = run(lang="ar")
    at.text_input(key="atlas_password").input(PASSWORD)
    sign_in_button(at).click()
    at.run()
    at.switch_page("pages/add.py")
    at.run()
    at.radio(key="add_source").set_value("paste_text").run()
    before = snapshot(seeds)
    for text in (GOOD, GOOD.replace("هدوءا".encode(), "قصفا".encode())):
        at.text_area[0].input(text.decode()).run()
        _save(at)
    assert len(snapshot(seeds)) == len(before) + 1
    assert [e.value for e in at.error][-1].startswith("لم يُحفظ شيء: يحق للجلسة")


def test_sign_in_and_read_only_words_are_arabic_in_the_arabic_interface(
        seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_arabic_interface import english_words

    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD_HASH", HASH)
    at = run(lang="ar")
    _open_add_by_hash(at)
    at.text_input(key="atlas_password").input("wrong password")
    sign_in_button(at).click()
    at.run()
    shown = [at.sidebar.expander[0].label, at.text_input(key="atlas_password").label,
             sign_in_button(at).label, *[e.value for e in at.sidebar.error],
             *[i.value for i in at.info], *[t.value for t in at.title]]
    assert len(shown) == 6
    assert [(s, english_words(s)) for s in shown if english_words(s)] == []
    monkeypatch.setenv("ATLAS_MODE", "read-only")
    at.run()
    shown = [*[c.value for c in at.sidebar.caption], *[i.value for i in at.info]]
    assert [(s, english_words(s)) for s in shown if english_words(s)] == []
