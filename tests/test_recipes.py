"""The hand-written TOML files (zone recipe, changes of ground, dated layers, evaluation sets)
share one reader: a broken file is one readable line naming it, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.build_zones import RecipeError, load_recipe
from geo.dated_layers import LayerError, load_layers
from geo.evaluate import EvalSetError, load_set
from geo.zone_versions import ChangeError, load_changes

LOADERS = [
    (load_recipe, RecipeError, "zones"),
    (load_changes, ChangeError, "changes"),
    (load_layers, LayerError, "layers"),
    (load_set, EvalSetError, "article"),
]


@pytest.mark.parametrize("load, error, table", LOADERS)
def test_a_broken_file_is_one_line_naming_it(tmp_path: Path, load, error, table) -> None:
    cases = {
        "windows-1256.toml": ("[[x]]\nname = \"إدلب\"\n".encode("cp1256"), "not UTF-8 text"),
        "syntax.toml": (b"[[" + table.encode() + b"]\nid = \n", "not valid TOML"),
        "empty.toml": (b"x = 1\n", f"no [[{table}]] tables"),
        "scalar.toml": (f"{table} = 3\n".encode(), f"no [[{table}]] tables"),
    }
    for name, (data, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(error) as info:
            load(path)
        text = str(info.value)
        assert name in text and message in text and "\n" not in text, (name, text)
    with pytest.raises(error, match="cannot be read"):
        load(tmp_path / "absent.toml")


@pytest.mark.parametrize("load, error, table, first_key", [
    (load_changes, ChangeError, "changes", "zone"),
    (load_layers, LayerError, "layers", "zone"),
])
def test_missing_keys_are_all_named(tmp_path: Path, load, error, table, first_key) -> None:
    path = tmp_path / "one.toml"
    path.write_text(f'[[{table}]]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(error) as info:
        load(path)
    assert f"missing {first_key}, " in str(info.value)
