"""The facts of a clause text (what loading and lint read from it) are what its parsed tree says."""

from __future__ import annotations

import pytest
from jinja2 import TemplateSyntaxError

from slp_agreements.files import cache
from slp_agreements.library import templating, text_facts
from slp_agreements.library.clauses import template_fields
from slp_agreements.library.context import TEXT_FUNCTIONS
from slp_agreements.library.loading import load_library


def _texts() -> list[tuple[str, bool]]:
    lib = load_library()
    found = {(source, expression) for c in lib.clauses.values() for _, source, expression in template_fields(c.clause)}
    return sorted(found)


TEXTS = _texts()


def test_the_facts_of_every_built_in_text_agree_with_its_tree() -> None:
    assert len(TEXTS) > 300
    for source, expression in TEXTS:
        tree = templating.parse(source, expression)
        found = text_facts._derive(tree)
        assert dict(found.reads).keys() == templating.variables(source, expression), source
        assert all(line == templating.first_line(tree, name) for name, line in found.reads), source
        assert list(found.paths) == list(templating.paths_in(tree)), source
        calls = [c for c in found.calls if c[0] in TEXT_FUNCTIONS]
        assert calls == list(templating.calls_in(tree, TEXT_FUNCTIONS)), source
        assert list(found.unsafe) == templating.unsafe_nodes(tree) == []
        assert found.unknown == ()


def test_internals_and_unknown_filters_are_facts_with_their_line() -> None:
    found = text_facts.facts("{{ x.__class__ }}\n{{ y | gibtsnicht }}{% if a is komisch %}{% endif %}")
    assert found.unsafe == (("__class__", 1),)
    assert found.unknown == (("filter", "gibtsnicht", 2), ("test", "komisch", 2))
    problem = text_facts.first_problem(found)
    assert isinstance(problem, TemplateSyntaxError) and problem.lineno == 2


def test_a_syntax_error_has_no_facts() -> None:
    with pytest.raises(TemplateSyntaxError):
        text_facts.facts("{% if x %}ohne Ende")


def test_a_cached_entry_of_another_shape_is_derived_anew(monkeypatch) -> None:
    source = "{{ agreement.project }} – eigener Text für diesen Test"
    monkeypatch.setattr(cache, "get", lambda entry: ("etwas", "anderes"))
    monkeypatch.setattr(cache, "put", lambda entry, value: None)
    text_facts._KNOWN.pop((source, False), None)
    assert text_facts.facts(source).paths == ((("agreement", "project"), 1),)
