"""The apps depend in one direction: annotations, search and imports build on articles, and
articles knows none of them (nor do search and annotations know each other)."""

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
# Which project apps each app may import.
ALLOWED = {
    "people": set(),
    "articles": set(),
    "search": {"articles"},
    "annotations": {"articles", "people"},
    "imports": {"articles"},
}


def imported_apps(path: Path) -> set[str]:
    """The project apps a module imports, at any depth (function-level imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & set(ALLOWED)
    return found


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_an_app_imports_only_the_apps_below_it(app):
    wrong = {
        str(path.relative_to(PROJECT)): sorted(imported - ALLOWED[app] - {app})
        for path in sorted((PROJECT / app).rglob("*.py"))
        if (imported := imported_apps(path)) - ALLOWED[app] - {app}
    }

    assert wrong == {}


def test_the_check_sees_a_wrong_import(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from search.results import search_articles\n")

    assert imported_apps(module) == {"search"}
