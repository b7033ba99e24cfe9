"""The phone pages are ready for translation, without turning translation on elsewhere."""

import ast
import re
import struct
from array import array
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from tests.workshops.live.factories import RoomItemFactory
from workshops.live.models import RoomItem

pytestmark = pytest.mark.django_db

BASE = Path(settings.BASE_DIR)
CATALOGUE = BASE / "workshops/live/locale/en/LC_MESSAGES/django.po"
MARKED_CALLS = {"gettext", "gettext_lazy", "ngettext"}


def write_mo(folder: Path, language: str, messages: dict[str, str]) -> None:
    """A compiled catalogue (GNU .mo), written the way CPython's msgfmt.py writes one."""
    messages = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    keys = sorted(messages)
    ids = strs = b""
    offsets = []
    for key in keys:
        key_bytes, value_bytes = key.encode(), messages[key].encode()
        offsets.append((len(ids), len(key_bytes), len(strs), len(value_bytes)))
        ids += key_bytes + b"\0"
        strs += value_bytes + b"\0"
    key_start = 7 * 4 + 16 * len(keys)
    value_start = key_start + len(ids)
    key_offsets, value_offsets = [], []
    for id_at, id_length, str_at, str_length in offsets:
        key_offsets += [id_length, id_at + key_start]
        value_offsets += [str_length, str_at + value_start]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0)
    path = folder / language / "LC_MESSAGES"
    path.mkdir(parents=True)
    (path / "django.mo").write_bytes(
        header + array("i", key_offsets + value_offsets).tobytes() + ids + strs
    )


@pytest.fixture
def welsh_and_arabic(settings, tmp_path):
    write_mo(tmp_path, "cy", {"Have your say": "Dweud eich dweud", "Send": "Anfon"})
    write_mo(tmp_path, "ar", {"Have your say": "قل رأيك"})
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    settings.LIVE_LANGUAGES = ["en-gb", "cy", "ar"]


def test_a_phone_page_speaks_the_phones_language_when_there_is_a_catalogue(
    client, room, welsh_and_arabic
):
    url = reverse("workshops:live:phone-room", args=[room.code])

    welsh = client.get(url, HTTP_ACCEPT_LANGUAGE="cy-GB,cy;q=0.9,en;q=0.5").content.decode()
    assert '<html lang="cy" dir="ltr">' in welsh
    assert "Dweud eich dweud" in welsh
    # Words without a translation yet stay in English rather than going missing.
    assert "Something that gets in the way" in welsh

    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "قل رأيك" in arabic


def test_someone_can_choose_another_language_and_keep_it(client, room, welsh_and_arabic):
    url = reverse("workshops:live:phone-room", args=[room.code])
    page = client.get(url).content.decode()
    assert 'hreflang="cy"' in page
    client.get(f"{url}?lang=cy")
    assert "Dweud eich dweud" in client.get(url).content.decode()


def test_only_the_phone_pages_are_translated(client, world, room, welsh_and_arabic):
    client.get(reverse("workshops:live:phone-room", args=[room.code]), HTTP_ACCEPT_LANGUAGE="cy")
    assert not settings.USE_I18N
    assert trans_real.get_language() == settings.LANGUAGE_CODE
    assert translation.gettext("Have your say") == "Have your say"
    client.force_login(world.facilitator_a)
    controls = client.get(
        reverse("workshops:live:room", args=[world.area_a.slug, room.session.pk]),
        HTTP_ACCEPT_LANGUAGE="cy",
    ).content.decode()
    assert '<html lang="en">' in controls


def test_a_language_without_a_catalogue_falls_back_to_english(client, room):
    page = client.get(
        reverse("workshops:live:phone-room", args=[room.code]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert '<html lang="en-gb" dir="ltr">' in page


def test_words_in_any_language_are_kept_and_shown_in_their_own_direction(client, world, room):
    RoomItemFactory(room=room, text="ما قدرت أقرأ الرسالة")
    client.force_login(world.facilitator_a)
    queue = client.get(
        reverse("workshops:live:queue", args=[world.area_a.slug, room.session.pk])
    ).content.decode()
    assert RoomItem.objects.get().text == "ما قدرت أقرأ الرسالة"
    assert 'dir="auto">ما قدرت أقرأ الرسالة</p>' in queue


def _catalogue_ids() -> set[str]:
    ids, current = set(), None
    for line in CATALOGUE.read_text().splitlines():
        if line.startswith("msgid "):
            current = [ast.literal_eval(line[6:])]
        elif line.startswith('"') and current is not None:
            current.append(ast.literal_eval(line))
        else:
            if current is not None:
                ids.add("".join(current))
            current = None
    return ids - {""}


def _marked_in_python() -> set[str]:
    marked = set()
    for path in (BASE / "workshops/live").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            name = getattr(getattr(node, "func", None), "id", None)
            if isinstance(node, ast.Call) and name in MARKED_CALLS:
                marked |= {
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                }
    return marked


def _marked_in_templates() -> set[str]:
    marked = set()
    for path in (BASE / "templates/workshops/live").glob("*.html"):
        for token in Lexer(path.read_text()).tokenize():
            match = re.match(r'translate (["\'])(.*?)\1', token.contents)
            if token.token_type == TokenType.BLOCK and match:
                marked.add(match.group(2))
    return marked


def test_the_english_catalogue_holds_every_word_the_phone_pages_mark():
    """`make messages` keeps it so; this fails when a new word was not collected."""
    marked = _marked_in_python() | _marked_in_templates()
    assert len(marked) > 100
    assert marked - _catalogue_ids() == set()
