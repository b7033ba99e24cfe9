"""One versioning rule for every edited record: saves land only on the version seen."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

from partnerships.versioning import EditConflict, lock_versioned, save_versioned
from tests.factories import PersonFactory
from tests.workshops.factories import SessionFactory
from workshops.models import Session

pytestmark = pytest.mark.django_db

APPS = ("areas", "learning", "partnerships", "resources", "scale", "workshops")


def test_a_save_from_the_version_seen_moves_the_record_on():
    session = SessionFactory(title="Before")
    editor = PersonFactory()

    save_versioned(session, version=session.version, by=editor, title="After")

    saved = Session.objects.get(pk=session.pk)
    assert (saved.title, saved.version, saved.updated_by) == ("After", 2, editor)
    assert (session.title, session.version) == ("After", 2)


def test_the_second_of_two_saves_from_one_version_gets_what_the_first_saved():
    session = SessionFactory(title="Before")
    first, second = PersonFactory(), PersonFactory()
    save_versioned(Session.objects.get(pk=session.pk), version=1, by=first, title="Mine")

    with pytest.raises(EditConflict) as conflict:
        save_versioned(session, version=1, by=second, title="Theirs")

    assert (conflict.value.current.title, conflict.value.current.updated_by) == ("Mine", first)
    assert Session.objects.get(pk=session.pk).title == "Mine"


def test_saving_without_a_version_keeps_the_words_over_anything_saved_since():
    session = SessionFactory(title="Before")
    Session.objects.filter(pk=session.pk).update(version=5, title="Someone else's")

    save_versioned(session, version=None, title="Mine on purpose")

    assert (session.title, session.version) == ("Mine on purpose", 6)


def test_a_lock_from_an_older_version_is_refused_with_what_is_saved():
    session = SessionFactory()
    Session.objects.filter(pk=session.pk).update(version=3)

    with pytest.raises(EditConflict) as conflict:
        lock_versioned(Session, session.pk, version=2)

    assert conflict.value.current.version == 3
    assert lock_versioned(Session, session.pk, version=3).pk == session.pk


def test_no_app_defines_its_own_edit_conflict():
    """Every service raises the one EditConflict, so every view catches one shape."""
    root = Path(settings.BASE_DIR)
    defined = [
        str(path.relative_to(root))
        for app in APPS
        for path in (root / app).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ClassDef) and node.name == "EditConflict"
    ]
    assert defined == ["partnerships/versioning.py"]
