"""The layout is the architecture: imports run downward through the stages, no cycles, each library behind its stage.

The import graph is read from the source with ast, function-level (lazy) and TYPE_CHECKING imports included, so
the rules hold for every line that could ever run. docs/architecture.md explains the stages.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "slp_agreements"

# The stages, lowest first: a module may import its own stage and the stages below it, never one above.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("slp_agreements", "slp_agreements.errors", "slp_agreements.resources")),
    ("model", ("slp_agreements.model",)),
    ("files", ("slp_agreements.files",)),
    ("library", ("slp_agreements.library",)),
    ("build", ("slp_agreements.build",)),
    ("render", ("slp_agreements.render",)),
    ("pipeline", ("slp_agreements.pipeline",)),
    ("console", ("slp_agreements.console",)),
    ("questionnaire", ("slp_agreements.questionnaire",)),
    ("web", ("slp_agreements.web",)),
    ("cli", ("slp_agreements.cli", "slp_agreements.__main__")),
]

# Third-party libraries that only these modules (or packages) may import: each heavy library behind one stage.
ONLY_IN: dict[str, tuple[str, ...]] = {
    "typer": ("slp_agreements.cli",),
    "click": ("slp_agreements.cli",),
    "docxtpl": ("slp_agreements.render",),
    "docx": ("slp_agreements.render",),
    "lxml": ("slp_agreements.render",),
    "rich": ("slp_agreements.console",),
    "prompt_toolkit": ("slp_agreements.questionnaire.prompts",),
    "yaml": ("slp_agreements.files.yamlfile",),
    "openpyxl": ("slp_agreements.files.tables",),
    "platformdirs": ("slp_agreements.files.cache",),
    "babel": ("slp_agreements.model.formatting",),
    "jinja2": ("slp_agreements.library", "slp_agreements.render.templates", "slp_agreements.web.app"),
    "starlette": ("slp_agreements.web.app",),
    "uvicorn": ("slp_agreements.web.server",),
    "pyshacl": ("slp_agreements.render.shacl",),
    "rdflib": ("slp_agreements.render.shacl",),
}


@dataclass(frozen=True)
class Import:
    """One import statement: which module, which line, what it names, and the module it reaches."""

    module: str
    file: Path
    line: int
    text: str
    target: str


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(name: str) -> str:
    """The module a dotted name stands for: the name itself, or the module it is an attribute of."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def _imports() -> list[Import]:
    found = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [(a.name, f"import {a.name}") for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = ", ".join(a.name for a in node.names)
                # `from slp_agreements.cli import build` imports the module slp_agreements.cli.build.
                targets = [(f"{node.module}.{a.name}", f"from {node.module} import {names}") for a in node.names]
                targets = [(t if _resolve(t) == t else node.module, text) for t, text in targets]
            else:
                continue
            found += [Import(module, path, node.lineno, text, target) for target, text in targets]
    return found


IMPORTS = _imports()


def _layer(module: str) -> int | None:
    best: tuple[int, int] | None = None  # (length of the matching prefix, layer)
    for n, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if prefix == "slp_agreements" and module != prefix:
                    continue  # the package itself is base, its subpackages are not
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), n)
    return best[1] if best else None


def _where(imp: Import) -> str:
    return f"{imp.file.relative_to(ROOT)}:{imp.line}: {imp.text}"


def test_every_module_belongs_to_a_stage() -> None:
    lost = [m for m in MODULES if _layer(m) is None]
    assert not lost, f"modules in no stage (add them to a subpackage or to LAYERS): {lost}"


def test_imports_run_downward_only() -> None:
    order = " ← ".join(name for name, _ in LAYERS)
    wrong = []
    for imp in IMPORTS:
        target = _resolve(imp.target)
        if not target.startswith("slp_agreements"):
            continue
        here, there = _layer(imp.module), _layer(target)
        assert here is not None and there is not None
        if there > here:
            wrong.append(
                f"{_where(imp)}\n    {imp.module} is stage '{LAYERS[here][0]}', {target} is stage '{LAYERS[there][0]}'"
                " above it"
            )
    assert not wrong, f"imports must run downward ({order}):\n" + "\n".join(wrong)


def test_there_is_no_import_cycle() -> None:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for imp in IMPORTS:
        target = _resolve(imp.target)
        if target in graph and target != imp.module:
            graph[imp.module].add(target)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for nxt in sorted(graph[module]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(c) for c in cycles)


def test_each_third_party_library_is_imported_only_by_its_stage() -> None:
    wrong = []
    for imp in IMPORTS:
        allowed = ONLY_IN.get(imp.target.split(".")[0])
        if allowed is None:
            continue
        if not any(imp.module == a or imp.module.startswith(a + ".") for a in allowed):
            wrong.append(f"{_where(imp)}\n    only {', '.join(allowed)} may import {imp.target.split('.')[0]}")
    assert not wrong, "\n".join(wrong)


def test_package_init_files_only_describe_their_stage() -> None:
    # Importing a submodule runs its package's __init__: anything there would load with every module of the stage.
    for module, path in MODULES.items():
        if path.name == "__init__.py" and module != "slp_agreements":
            body = ast.parse(path.read_text(encoding="utf-8")).body
            assert len(body) == 1 and isinstance(body[0], ast.Expr), f"{path.relative_to(ROOT)}: only a docstring"


def test_the_licence_enum_lists_the_publication_rows_of_the_licence_table() -> None:
    from slp_agreements.model.licences import LICENCES, Licence

    assert [lic.value for lic in Licence] == [row.id for row in LICENCES.values() if row.publication]


def test_the_architecture_test_sees_lazy_imports() -> None:
    # pipeline/agreement.py imports the renderer at module level and the CLI imports its stages inside commands.
    lazy = [i for i in IMPORTS if i.module == "slp_agreements.cli.build" and i.target.startswith("slp_agreements.")]
    assert any(i.target == "slp_agreements.pipeline.agreement" for i in lazy)
