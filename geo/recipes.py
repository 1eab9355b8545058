"""Reading the project's hand-written TOML files: the zone recipe, the changes of ground, the
dated layers and the labelled evaluation sets. One place for the messages a broken file gets,
each naming the file and what is wrong, never a traceback (an unreadable file, text that is not
UTF-8, a TOML syntax error, a missing table, a missing key)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


def read_tables(path: Path, table: str, error: type[Exception], label: str | None = None
                ) -> list[dict[str, Any]]:
    """The ``[[table]]`` entries of the TOML file ``path`` (at least one). Raises ``error`` with
    a message that starts with ``label`` (default: the path)."""
    label = label or str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{label}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise error(f"{label}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as "
                    "UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{label}: not valid TOML ({exc})") from None
    rows = data.get(table)
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise error(f"{label}: no [[{table}]] tables")
    return rows


def require_keys(where: str, row: dict[str, Any], keys: tuple[str, ...],
                 error: type[Exception]) -> None:
    """Raise ``error`` naming every key of ``keys`` that ``row`` lacks."""
    missing = [k for k in keys if k not in row]
    if missing:
        raise error(f"{where}: missing {', '.join(missing)}")
