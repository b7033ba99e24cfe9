"""Every form class the apps define, and how to build each for area A.

Forms are collected from each project app's `forms` modules (and `forms` modules of its
sub-packages), so a form added later is covered at once. A form whose constructor takes
an argument not in FORM_ARGUMENTS fails the battery until it is added here.
"""

import importlib
import inspect
import pkgutil
from datetime import date

from django import forms
from django.apps import apps
from django.conf import settings

from areas.models import Area, Budget, CaoStatement, Cohort, Indicator, SpendLine
from learning.models import Theme
from partnerships.models import Organisation, Person
from resources.models import Theme as LibraryTheme
from workshops.cascades import selectors as cascade_selectors
from workshops.models import Action, BarrierType, FollowUpKind, Insight, Session
from workshops.reach.models import NamedCommunity

# How to build each constructor argument a form takes, for area A's world.
FORM_ARGUMENTS = {
    "area": lambda world: world.area_a,
    "areas": lambda world: Area.objects.all(),
    "cohorts": lambda world: Cohort.objects.all(),
    "organisations": lambda world: Organisation.objects.all(),
    "people": lambda world: Person.objects.all(),
    "keep": lambda world: world.organisation_a,
    "email": lambda world: "new.person@example.org",
    "themes": lambda world: LibraryTheme.objects.all(),
    "options": lambda world: {
        "themes": Theme.objects.all(),
        "barrier_types": BarrierType.objects.all(),
        "areas": Area.objects.all(),
        "cohorts": Cohort.objects.all(),
    },
    "insights": lambda world: Insight.objects.all(),
    "actions": lambda world: Action.objects.all(),
    "sessions": lambda world: Session.objects.all(),
    "session": lambda world: Session.objects.filter(area=world.area_a).first(),
    "kind": lambda world: "quote",
    "kinds": lambda world: list(FollowUpKind),
    "current_year": lambda world: date.today().year,
    "budget": lambda world: Budget.objects.filter(area=world.area_a).first(),
    "line": lambda world: SpendLine.objects.filter(budget__area=world.area_a).first(),
    "statements": lambda world: CaoStatement.objects.filter(area=world.area_a),
    "indicator": lambda world: Indicator.objects.filter(area=world.area_a).first(),
    "revisions": lambda world: (
        CaoStatement.objects.filter(area=world.area_a).first().revisions.all()
    ),
    "action": lambda world: Action.objects.filter(area=world.area_a).first(),
    "lists": lambda world: cascade_selectors.contact_lists(world.area_a),
    # The live room's forms: what phones send and what its facilitators choose from.
    "barrier_types": lambda world: BarrierType.objects.all(),
    "place": lambda world: world.area_a.name,
    "ideas": lambda world: Insight.objects.filter(session__area=world.area_a, kind="idea"),
    "votes": lambda world: 3,
    "theme_choices": lambda world: list(Theme.objects.values_list("pk", "name")),
    "targets": lambda world: Insight.objects.filter(session__area=world.area_a),
    # The communities area A names, and the budget lines that could pay for support there.
    "communities": lambda world: [
        NamedCommunity.objects.get_or_create(area=world.area_a, name="Tetum speakers")[0]
    ],
    "lines": lambda world: SpendLine.objects.filter(budget__area=world.area_a),
}
# Arguments with a default the form works without.
_OPTIONAL = inspect.Parameter.empty


def _form_modules():
    base = str(settings.BASE_DIR)
    for config in apps.get_app_configs():
        if not config.path.startswith(base) or "/.venv/" in config.path:
            continue
        package = importlib.import_module(config.name)
        names = [config.name] + [
            info.name
            for info in pkgutil.walk_packages(package.__path__, f"{config.name}.")
            if info.ispkg
        ]
        for name in names:
            try:
                yield importlib.import_module(f"{name}.forms")
            except ModuleNotFoundError as error:
                if error.name != f"{name}.forms":
                    raise


def form_classes() -> list[type[forms.BaseForm]]:
    """Each concrete form class defined in a project `forms` module, once."""
    found = {}
    for module in _form_modules():
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]


def constructor_arguments(cls) -> list[str]:
    """The keyword-only arguments the form needs (those without a default)."""
    needed = set()
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None or klass.__module__.startswith("django."):
            continue
        for parameter in inspect.signature(init).parameters.values():
            if parameter.kind == parameter.KEYWORD_ONLY and parameter.default is _OPTIONAL:
                needed.add(parameter.name)
    return sorted(needed)


def build_form(cls, world, **binding):
    """`cls` bound to `binding` (data=…, files=…), its arguments naming area A's objects."""
    missing = [name for name in constructor_arguments(cls) if name not in FORM_ARGUMENTS]
    assert not missing, f"Add {missing} to FORM_ARGUMENTS so {cls.__name__} is tested"
    kwargs = {name: FORM_ARGUMENTS[name](world) for name in constructor_arguments(cls)}
    return cls(**binding, **kwargs)
