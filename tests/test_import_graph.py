"""laml's modules import each other without a cycle, lazy imports inside functions included.

The graph is read from the source with ``ast``: every ``import`` and ``from ... import``
anywhere in a module (at the top, inside functions, inside ``try``) is an edge, except
the ones under ``if TYPE_CHECKING:``, which never run. Importing ``a.b.c`` runs the
packages ``a`` and ``a.b`` first, so each is an edge too, except a module's own
ancestors: Python has always started those before the module itself, whichever module
a program imports first, so no import order can find one half-built.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "laml"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that can run, at any depth."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            pending.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        pending.extend(ast.iter_child_nodes(node))
    return found


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    if node.level > 1:
        base = base[: len(base) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def import_graph() -> dict[str, set[str]]:
    """laml module -> the laml modules it imports (a package counts as its __init__)."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = _resolve(name, is_package, node)
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    targets.append(submodule if submodule in modules else base)
            for target in targets:
                # Importing a.b.c runs a and a.b first: each is an edge.
                parts = target.split(".")
                for end in range(1, len(parts) + 1):
                    prefix = ".".join(parts[:end])
                    if prefix in modules and not name.startswith(prefix + ".") and prefix != name:
                        graph[name].add(prefix)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a list of modules (the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle:
                return cycle
    return None


def test_laml_has_no_import_cycle() -> None:
    """No module of laml reaches itself through its imports, lazy ones included."""
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle or [])


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": set()}, None),
        ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
        ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
        ({"a": {"a"}}, ["a", "a"]),
        ({"a": {"b", "c"}, "b": {"d"}, "c": {"d"}, "d": set()}, None),
    ],
)
def test_the_cycle_finder_finds_cycles(
    graph: dict[str, set[str]], expected: list[str] | None
) -> None:
    """The finder itself, on small graphs with and without a cycle."""
    assert find_cycle(graph) == expected


def test_the_walker_sees_lazy_imports_and_skips_type_checking(tmp_path: Path) -> None:
    """An import inside a function is an edge; one under ``if TYPE_CHECKING:`` is not."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from . import hidden\n"
        "def f():\n    from .lazy import thing\n"
    )
    found = [
        (node.module, node.level)
        for node in _imports(ast.parse(source))
        if isinstance(node, ast.ImportFrom)
    ]
    assert sorted(found, key=str) == sorted([("typing", 0), ("lazy", 1)], key=str)


def test_the_graph_holds_the_known_edges() -> None:
    """The walker reads the real package: a few edges every layout keeps, lazy ones too,
    and no edge from a module to its own package."""
    graph = import_graph()
    assert "laml.checking" in graph["laml"]
    assert "laml._model.node" in graph["laml.voice"]
    assert "laml.errors" in graph["laml._model.node"]
    assert "laml._xml.writer" in graph["laml._model.node"]  # inside to_xml
    assert "laml.template.check" in graph["laml.cli"]  # inside a command
    assert "laml.template" not in graph["laml.template.render"]


# Layers, first to last: a module imports only from its own layer and the ones before.
LAYERS: list[tuple[str, ...]] = [
    ("laml.errors", "laml.diagnostics"),
    ("laml._model", "laml.voice", "laml.ssml", "laml.messaging", "laml.fax"),
    ("laml._xml",),
    ("laml.parsing", "laml.format"),
    ("laml.validation",),
    ("laml.template",),
    ("laml.bins", "laml.checking", "laml.twiml"),
    ("laml.cli", "laml.__main__", "laml"),
]
# Node.to_xml and to_element hand the tree to the writer, which needs nothing of the
# model at run time (it reads nodes through their attributes).
ALLOWED_UPWARD = {("laml._model.node", "laml._xml"), ("laml._model.node", "laml._xml.writer")}


def layer_of(module: str) -> int:
    """The index in LAYERS of the longest prefix that names the module's layer."""
    best, found = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), index
    assert found >= 0, f"{module} is in no layer"
    return found


def test_every_module_has_a_layer() -> None:
    """A new module must be given its place in LAYERS."""
    for module in import_graph():
        layer_of(module)


def test_imports_only_go_to_earlier_layers() -> None:
    """Data flows one way: the model, XML, parsing, validation, templates, bins, the CLI."""
    upward = sorted(
        (module, target)
        for module, targets in import_graph().items()
        for target in targets
        if layer_of(target) > layer_of(module) and (module, target) not in ALLOWED_UPWARD
    )
    assert upward == []


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("laml.errors", 0),
        ("laml._model.vocabulary", 1),
        ("laml.voice", 1),
        ("laml._xml.reader", 2),
        ("laml.parsing", 3),
        ("laml.validation.rules", 4),
        ("laml.template.check", 5),
        ("laml.twiml.voice_response", 6),
        ("laml", 7),
    ],
)
def test_layer_of(module: str, layer: int) -> None:
    """The longest matching prefix decides (``laml`` itself is the last layer)."""
    assert layer_of(module) == layer
