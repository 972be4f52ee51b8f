"""The apps' layering, read from the source: which module imports which.

- `documents` and `indices` are siblings: neither imports the other (what both need, such as
  the open-data tables, lives in `core`).
- The modules of `indices/models/` depend one way: their imports form no circle. Every import
  counts, at the top of a module or inside a function: a local import only hides a circle
  from Python at import time, it is still a circle in the design.

The imports are read with `ast`, not by importing, so that an import inside a function that
no test runs is seen all the same.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path) -> set[str]:
    """Every module `path` imports, anywhere in it (module level, functions, classes,
    `if TYPE_CHECKING:`), as absolute dotted names. `from a import b` counts as importing
    `a` and, if `b` is itself a module, `a.b`."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            found.add(source)
            for alias in node.names:
                candidate = f"{source}.{alias.name}"
                if is_module(candidate, root):
                    found.add(candidate)
    return found


def is_module(name: str, root: Path) -> bool:
    path = root.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def python_files(folder: Path):
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def imports_of_package(package: str, root: Path = ROOT) -> dict[str, set[str]]:
    """Each module under `package` (a folder below `root`) with the modules it imports."""
    return {
        module_name(path, root): imported_modules(path, root)
        for path in python_files(root.joinpath(*package.split(".")))
    }


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A circle of imports among the graph's own modules, as a path that ends where it
    starts, or None."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" when cleared
    path: list[str] = []

    def visit(node):
        state[node] = "open"
        path.append(node)
        for target in sorted(graph[node]):
            if target not in graph or target == node:
                continue
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def imports_across(source: str, forbidden: str) -> list[str]:
    return sorted(
        f"{module} imports {target}"
        for module, targets in imports_of_package(source).items()
        for target in targets
        if within(target, forbidden)
    )


def test_documents_do_not_import_indices():
    assert imports_across("documents", "indices") == []


def test_indices_do_not_import_documents():
    assert imports_across("indices", "documents") == []


def test_indices_models_import_each_other_one_way():
    graph = imports_of_package("indices.models")
    assert len(graph) >= 10  # the package's modules were all read (and the test reads them)
    assert find_cycle(graph) is None, " → ".join(find_cycle(graph))


def test_indices_models_import_nothing_above_them():
    """The models import nothing else from their app (views, tables, charts sit above)."""
    upward = sorted(
        f"{module} imports {target}"
        for module, targets in imports_of_package("indices.models").items()
        for target in targets
        if within(target, "indices") and not within(target, "indices.models")
    )
    assert upward == []


def test_a_circle_through_a_function_level_import_is_found(tmp_path):
    """The check itself: a circle that only a function's import closes is reported, and so is
    one through the package's `__init__`."""
    package = tmp_path / "app" / "models"
    package.mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("from .a import A\nfrom .b import B\n")
    (package / "a.py").write_text("def f():\n    from .b import B\n\n\nclass A:\n    pass\n")
    (package / "b.py").write_text("from .a import A\n\n\nclass B(A):\n    pass\n")
    graph = imports_of_package("app.models", root=tmp_path)
    assert graph["app.models.b"] == {"app.models.a"}
    assert find_cycle(graph) == ["app.models.a", "app.models.b", "app.models.a"]

    (package / "a.py").write_text("class A:\n    pass\n")
    assert find_cycle(imports_of_package("app.models", root=tmp_path)) is None

    (package / "a.py").write_text("from app.models import B\n\n\nclass A:\n    pass\n")
    assert find_cycle(imports_of_package("app.models", root=tmp_path)) == [
        "app.models",
        "app.models.a",
        "app.models",
    ]


def test_sibling_imports_are_found_in_any_form(tmp_path):
    """`import x`, `from x import y`, `from x.y import z`, inside a function too."""
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("")
    (tmp_path / "two" / "tables.py").write_text("")
    (tmp_path / "one" / "views.py").write_text(
        "def view():\n    from two.tables import Table\n    return Table\n"
    )
    assert imported_modules(tmp_path / "one" / "views.py", tmp_path) == {"two.tables"}
    (tmp_path / "one" / "views.py").write_text("from two import tables\nimport two\n")
    assert imported_modules(tmp_path / "one" / "views.py", tmp_path) == {"two", "two.tables"}
