"""The session page's rows, written in Python: the markup of the partials they replaced,
every value escaped."""

import datetime as dt

from django.template import Context, Template
from django.utils import timezone

from tests.factories import PersonFactory
from tests.workshops.factories import ActionFactory, InsightFactory, QuoteFactory, SessionFactory
from tests.workshops.live.factories import RoomItemFactory
from workshops import selectors
from workshops.live.models import ItemStatus
from workshops.models import ActionStatus, Consent, InsightKind

WORDS = "Letters <b>in</b> \"English\" & 'only' are sent to every household in the town"
ESCAPED = (
    "Letters &lt;b&gt;in&lt;/b&gt; &quot;English&quot; &amp; &#x27;only&#x27; are sent to "
    "every household in the town"
)
LABEL = "Letters &lt;b&gt;in&lt;/b&gt; &quot;English&quot; &amp; &#x27;only&#x27; are sent to …"


def _render(source, **context):
    return Template("{% load session_items %}" + source).render(Context(context))


def _linked(item, kind):
    item.page_url = f"/{kind}/{item.pk}/?a=1&b=2"
    item.edit_url = f"/{kind}/{item.pk}/edit/"
    item.delete_url = f"/{kind}/{item.pk}/delete/"
    return item


def test_an_action_row_names_its_owner_sub_group_due_date_and_status(world):
    owner = world.steering_a.person
    action = ActionFactory(
        session=SessionFactory(area=world.area_a),
        description=WORDS,
        owner=owner,
        sub_group=world.sub_group_a,
        due_on=dt.date(2027, 3, 9),
        status=ActionStatus.BLOCKED,
    )
    _linked(action, "action")

    html = _render("{% action_rows actions True %}", actions=[action])

    assert html == (
        f'\n<tr id="action-{action.pk}" class="app-item">'
        f'\n  <td><a href="/action/{action.pk}/?a=1&amp;b=2">{ESCAPED}</a><br>'
        '<span class="nhsuk-body-s nhsuk-u-secondary-text-colour">'
        f"{world.sub_group_a.name}</span></td>"
        f'\n  <td>{owner.full_name}<br><span class="nhsuk-body-s nhsuk-u-secondary-text-colour">'
        f"{owner.organisation.name}</span></td>"
        "\n  <td>9 Mar 2027</td>"
        '\n  <td><strong class="nhsuk-tag nhsuk-tag--red">Blocked</strong></td>'
        '\n  <td><div class="app-item__actions">'
        f'\n    <a href="/action/{action.pk}/edit/" data-hx-get="/action/{action.pk}/edit/"'
        f' data-hx-target="#action-{action.pk}" data-hx-swap="outerHTML">Edit'
        f'<span class="nhsuk-u-visually-hidden"> action: {LABEL}</span></a>'
        f'\n    <form method="get" action="/action/{action.pk}/delete/"'
        f' data-hx-post="/action/{action.pk}/delete/" data-hx-target="#actions"'
        ' data-hx-swap="outerHTML" data-hx-confirm="Delete this action?">'
        '\n      <button class="app-link-button" type="submit">Delete'
        f'<span class="nhsuk-u-visually-hidden"> action: {LABEL}</span></button>'
        "\n    </form>\n  </div></td>\n</tr>"
    )


def test_an_action_row_for_a_reader_has_no_changes_and_says_when_there_is_no_date(world):
    owner = PersonFactory(full_name="Ann <O'Neil>", organisation=None)
    action = _linked(
        ActionFactory(session=SessionFactory(area=world.area_a), owner=owner, due_on=None),
        "action",
    )

    html = _render("{% action_rows actions False %}", actions=[action])

    assert "<td>Ann &lt;O&#x27;Neil&gt;</td>" in html
    assert "<td>No date</td>" in html
    assert '<strong class="nhsuk-tag nhsuk-tag--grey">Not started</strong>' in html
    assert "Edit" not in html
    assert "<form" not in html


def _section(session, kind, *, team=True):
    items = selectors.session_insights(session, team=team, kind=kind)[kind]
    return selectors.InsightSection(
        kind=kind,
        heading=selectors.SECTION_HEADINGS[kind],
        items=[_linked(item, "insight") for item in items],
    )


def test_a_barrier_item_has_its_type_where_it_came_from_and_its_changes(world):
    session = SessionFactory(area=world.area_a)
    barrier = InsightFactory(session=session, kind=InsightKind.BARRIER, text=WORDS)
    sent = timezone.make_aware(dt.datetime(2026, 12, 1, 14, 5))
    RoomItemFactory(
        room__session=session, insight=barrier, status=ItemStatus.ACCEPTED, table=4, sent_at=sent
    )

    html = _render(
        "{% insight_items section True True %}", section=_section(session, InsightKind.BARRIER)
    )

    assert html == (
        f'\n<li id="insight-{barrier.pk}" class="app-item">'
        f'\n  <p class="app-item__text">{ESCAPED}</p>'
        '\n  <p class="app-item__meta"><strong class="nhsuk-tag nhsuk-tag--grey">'
        f"{barrier.barrier_type.name}</strong></p>"
        '\n  <p class="app-item__meta app-provenance">From the room, table 4, 14:05</p>'
        '\n  <div class="app-item__actions">'
        f'\n    <a href="/insight/{barrier.pk}/edit/" data-hx-get="/insight/{barrier.pk}/edit/"'
        f' data-hx-target="#insight-{barrier.pk}" data-hx-swap="outerHTML">Edit'
        f'<span class="nhsuk-u-visually-hidden"> barrier: {LABEL}</span></a>'
        f'\n    <form method="get" action="/insight/{barrier.pk}/delete/"'
        f' data-hx-post="/insight/{barrier.pk}/delete/" data-hx-target="#barriers"'
        ' data-hx-swap="outerHTML" data-hx-confirm="Delete this barrier?">'
        '\n      <button class="app-link-button" type="submit">Delete'
        f'<span class="nhsuk-u-visually-hidden"> barrier: {LABEL}</span></button>'
        "\n    </form>\n  </div>\n</li>"
    )


def test_a_quote_item_names_its_speaker_to_the_area_team_and_shows_its_consent(world):
    session = SessionFactory(area=world.area_a)
    speaker = world.steering_a.person
    quote = QuoteFactory(
        session=session,
        text=WORDS,
        speaker=speaker,
        attribution="",
        consent_on=dt.date(2026, 11, 2),
    )
    QuoteFactory(session=session, consent=Consent.NONE, consent_on=None, text="Off the record")

    team = _render(
        "{% insight_items section True True %}", section=_section(session, InsightKind.QUOTE)
    )
    reader = _render(
        "{% insight_items section False False %}",
        section=_section(session, InsightKind.QUOTE, team=False),
    )

    assert (
        f'<li id="insight-{quote.pk}" class="app-item">'
        f'\n  <blockquote class="app-item__quote">“{ESCAPED}”</blockquote>'
        '\n  <p class="app-item__meta">\n    Speaker not named'
        ' <span class="nhsuk-u-secondary-text-colour">(said by '
        f'<a href="/people/{speaker.pk}/consent/">{speaker.full_name}'
        '<span class="nhsuk-u-visually-hidden">: consent and personal data</span></a>)</span>'
        '\n    <strong class="nhsuk-tag nhsuk-tag--green">Written consent</strong>'
        ' <span class="nhsuk-u-secondary-text-colour">2 Nov 2026</span>\n  </p>'
    ) in team
    assert '<strong class="nhsuk-tag nhsuk-tag--red">No consent: area team only</strong>' in team
    assert "Off the record" not in reader
    assert "said by" not in reader
    assert "Edit" not in reader
