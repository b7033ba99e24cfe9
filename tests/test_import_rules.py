"""The apps' import rules (docs/ARCHITECTURE.md), read from the source so a wrong-way
import fails the suite rather than waiting for a reviewer to spot it."""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

# Lower layers never import higher ones; apps on one layer do not import each other.
LAYERS = {"partnerships": 0, "areas": 1, "workshops": 2, "resources": 3, "learning": 3}
# The bench sits above every app, and only the project's own wiring may name it.
BENCH = "scale"
PROJECT_WIRING = {"partnerships/urls.py", "partnerships/settings.py", "partnerships/celery.py"}
# What another app offers: never its pages, its URLs or its template tags.
NOT_OFFERED = {"views", "urls", "templatetags", "admin", "apps"}
# Modules that still query another app's models directly instead of asking its selectors.
# Move them to the other app's selectors and take them off this list; it only shrinks.
QUERIES_TO_MOVE = {
    "learning/demo.py",
    "learning/forms.py",
    "resources/casestudies/demo.py",
    "resources/casestudies/figures.py",
    "resources/demo.py",
    "resources/forms.py",
    "resources/outputs/demo.py",
    "resources/reports/documents.py",
    "resources/reports/selectors.py",
    "resources/selectors.py",
    "workshops/actions/forms.py",
    "workshops/demo.py",
    "workshops/demo_cascades.py",
    "workshops/forms.py",
    "workshops/reach/demo.py",
    "workshops/reportback/services.py",
    "workshops/selectors.py",
    "workshops/views/sessions.py",
}


@dataclass(frozen=True)
class Import:
    module: str  # the importing file, relative to the project
    target: str  # the dotted module imported from
    names: tuple[str, ...]  # the names taken from it

    @property
    def app(self) -> str:
        return self.module.split("/")[0]

    @property
    def target_app(self) -> str:
        return self.target.split(".")[0]


def _source_files():
    root = Path(settings.BASE_DIR)
    for app in [*LAYERS, BENCH]:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield str(path.relative_to(root)), ast.parse(path.read_text())


def _imports(module: str, tree) -> list[Import]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(Import(module, node.module, tuple(a.name for a in node.names)))
        elif isinstance(node, ast.Import):
            found.extend(Import(module, alias.name, ()) for alias in node.names)
    return found


SOURCES = dict(_source_files())
CROSS_APP = [
    imported
    for module, tree in SOURCES.items()
    for imported in _imports(module, tree)
    if imported.target_app in {*LAYERS, BENCH} and imported.target_app != imported.app
]


def wrong_way(imports) -> list[str]:
    return [
        f"{i.module} imports {i.target}"
        for i in imports
        if i.module not in PROJECT_WIRING
        and (i.target_app == BENCH or (i.app in LAYERS and LAYERS[i.target_app] >= LAYERS[i.app]))
    ]


def reached_into(imports) -> list[str]:
    return [
        f"{i.module} imports {i.target} {', '.join(i.names)}".strip()
        for i in imports
        if i.module not in PROJECT_WIRING
        and any(
            part.startswith("_") or part in NOT_OFFERED
            for part in [*i.target.split(".")[1:], *i.names]
        )
    ]


def test_imports_point_down_the_layers():
    assert wrong_way(CROSS_APP) == []


def test_no_app_imports_another_apps_private_modules_or_pages():
    assert reached_into(CROSS_APP) == []


@pytest.mark.parametrize(
    ("source", "rule"),
    [
        ("from learning import selectors", wrong_way),
        ("import scale.generate", wrong_way),
        ("from areas.views import _common", reached_into),
        ("from areas.outcomes.views.statements import statement_new", reached_into),
    ],
)
def test_the_rules_catch_a_wrong_way_import(source, rule):
    imports = _imports("workshops/views/wrong_way.py", ast.parse(source))
    assert rule(imports) != []


def _queries_of_other_apps(module: str, tree) -> set[str]:
    """The models of other apps (not the core's) that `module` runs queries on."""
    foreign = {
        name
        for i in _imports(module, tree)
        if i.target_app in LAYERS
        and i.target_app not in {i.app, "partnerships"}
        and i.target.endswith("models")
        for name in i.names
    }
    return {
        node.value.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr == "objects"
        and isinstance(node.value, ast.Name)
        and node.value.id in foreign
    }


def test_other_apps_are_read_through_their_selectors():
    querying = {
        module
        for module, tree in SOURCES.items()
        if module.split("/")[0] in LAYERS and _queries_of_other_apps(module, tree)
    }
    assert querying - QUERIES_TO_MOVE == set(), "read these through the app's selectors"
    assert QUERIES_TO_MOVE - querying == set(), "these were moved: take them off the list"
