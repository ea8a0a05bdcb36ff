"""Reading hand-edited YAML safely: same data, lines and messages with the C loader (libyaml) and without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from slp_agreements import yamlio
from slp_agreements.errors import UserError

LOADERS = ["c", "python"]


@pytest.fixture(params=LOADERS)
def load(request, monkeypatch, tmp_path):
    """load(text) -> (data, lines) with the C loader (when PyYAML has libyaml) and the pure-Python one."""
    if request.param == "python":
        monkeypatch.setattr(yamlio, "_Loader", yamlio._PyLoader)

    def run(text: str) -> tuple[object, dict]:
        path = tmp_path / "datei.yaml"
        path.write_text(text, encoding="utf-8")
        return yamlio.load_yaml(path)

    return run


def _message(load, text: str) -> str:
    with pytest.raises(UserError) as info:
        load(text)
    return str(info.value)


def test_leading_zeros_stay_text_and_numbers_stay_numbers(load) -> None:
    data, _ = load('ags: 03355000\nplz: "01067"\nn: 12\nzero: 0\nneg: -3\nok: true\n')
    assert data == {"ags": "03355000", "plz": "01067", "n": 12, "zero": 0, "neg": -3, "ok": True}


def test_lines_are_known_for_every_field(load) -> None:
    _, lines = load("a: 1\nb:\n  - x\n  - c: 2\n")
    assert lines[("a",)] == 1 and lines[("b", 0)] == 3 and lines[("b", 1, "c")] == 4


def test_duplicate_key_names_both_lines(load) -> None:
    message = _message(load, "a: 1\nb: 2\na: 3\n")
    assert "Zeile 3" in message and "'a' kommt doppelt vor (zuerst in Zeile 1)" in message


def test_python_objects_are_never_constructed(load) -> None:
    message = _message(load, "a: !!python/object/apply:os.system ['echo boom']\n")
    assert "YAML-Tags wie !!python/… sind nicht erlaubt" in message


def test_billion_laughs_is_refused_by_expanded_size(load) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 6):
        prev = chr(ord("a") + n - 1)
        levels.append(f"{chr(ord('a') + n)}: &{chr(ord('a') + n)} [{', '.join([f'*{prev}'] * 10)}]")
    assert "zu groß" in _message(load, "\n".join(levels) + "\n")


def test_more_than_a_hundred_aliases_are_refused_and_a_hundred_are_fine(load) -> None:
    refs = lambda n: "v: &v 1\nl: [" + ", ".join(["*v"] * n) + "]\n"  # noqa: E731
    data, _ = load(refs(100))
    assert data["l"] == [1] * 100
    assert "mehr als 100 YAML-Verweise" in _message(load, refs(101))


def test_a_node_that_contains_itself_is_refused(load) -> None:
    assert "auf sich selbst" in _message(load, "a: &a [1, *a]\n")


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("a:\n\tb: 1\n", "Tabulatoren sind in YAML nicht erlaubt"),
        ("a: b: c\n", "fehlt ein Leerzeichen nach dem Doppelpunkt"),
    ],
)
def test_syntax_errors_name_the_line_and_give_a_hint(load, text, hint) -> None:
    message = _message(load, text)
    assert "Zeile" in message and hint in message


def test_the_c_loader_is_used_when_libyaml_is_there() -> None:
    import yaml

    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml")
    assert issubclass(yamlio._Loader, yaml.CSafeLoader)


def test_every_clause_file_reads_the_same_with_both_loaders(monkeypatch) -> None:
    from slp_agreements import resources

    files = sorted(Path(resources.clauses_dir()).rglob("*.yaml"))
    fast = [yamlio.load_yaml(p) for p in files]
    monkeypatch.setattr(yamlio, "_Loader", yamlio._PyLoader)
    assert fast == [yamlio.load_yaml(p) for p in files]
