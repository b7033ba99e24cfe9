from learning.similar import similar_to_area, similar_to_session
from learning.similarity import significant_words, word_overlap
from tests.learning.conftest import SECRET_QUOTE
from tests.workshops.factories import InsightFactory, SessionFactory
from workshops.models import Consent, InsightKind


def test_word_overlap_counts_meaningful_words_shared():
    words = significant_words("The screening letters are confusing and the letters come late")
    assert words == {"screening", "letters", "confusing", "come", "late"}
    assert word_overlap(words, "Discharge letters come too late") == 3
    assert word_overlap(words, "The bus does not run on Sundays") == 0


def test_session_panel_shows_other_areas_barriers_and_actions_without_people(heard):
    similar = similar_to_session(heard["session_a"])
    assert similar.barriers == [heard["barrier_b"]]
    assert similar.actions == [heard["action_b"]]


def test_same_barrier_type_comes_before_words_in_common(world, heard):
    close_words = InsightFactory(
        session=heard["session_b"],
        text="Screening letters use words nobody reads",
        barrier_type=None,
    )
    similar = similar_to_area(world.area_a)
    assert similar.barriers[:2] == [heard["barrier_b"], close_words]


def test_a_quote_without_consent_never_shows_as_similar_work(world, heard):
    other = SessionFactory(area=world.area_b)
    InsightFactory(session=other, kind=InsightKind.QUOTE, text=SECRET_QUOTE, consent=Consent.NONE)
    assert SECRET_QUOTE not in str(similar_to_area(world.area_a).barriers)


def test_area_and_session_pages_show_similar_work_to_every_member(client, world, heard):
    other_quote = SessionFactory(area=world.area_b)
    InsightFactory(
        session=other_quote,
        kind=InsightKind.BARRIER,
        text="Letters arrive late " + "and " + "cost us",
    )
    InsightFactory(
        session=other_quote, kind=InsightKind.QUOTE, text="Letters scare me", consent=Consent.NONE
    )
    for user in (world.steering_a, world.facilitator_a, world.lco_a):
        client.force_login(user)
        area_page = client.get(world.area_a.get_absolute_url()).content.decode()
        session_url = heard["session_a"].get_absolute_url()
        # The session page fetches its panel as it scrolls into view, or shows it on asking.
        lazy = client.get(session_url).content.decode()
        panel_request = f'data-hx-get="{session_url}?section=similar-work"'
        assert f'{panel_request} data-hx-trigger="intersect once"' in lazy
        assert f'href="{session_url}?similar=1#similar-work"' in lazy
        panel = client.get(session_url, {"section": "similar-work"}, HTTP_HX_REQUEST="true")
        asked = client.get(session_url, {"similar": "1"}).content.decode()
        for html in (area_page, panel.content.decode(), asked):
            assert "Similar work in other areas" in html
            assert "Discharge letters arrive after the patient is home" in html
            assert "Rewrite the discharge letters with carers" in html
            assert heard["action_b"].owner.full_name not in html
            assert "Letters scare me" not in html
    client.force_login(world.steering_b)
    html = client.get(heard["session_b"].get_absolute_url(), {"similar": "1"}).content.decode()
    assert SECRET_QUOTE not in html
    outsider = client.get(session_url, {"section": "similar-work"}, HTTP_HX_REQUEST="true")
    assert outsider.status_code == 404


def test_similar_work_is_ranked_among_the_newest_items_only(monkeypatch, world, heard):
    """However large the programme, only the newest RANKING_POOL items are ranked."""
    from learning import similar
    from tests.workshops.factories import ActionFactory

    newer = ActionFactory(session=heard["session_b"], description="Print the letters larger")
    monkeypatch.setattr(similar, "RANKING_POOL", 1)
    found = similar_to_session(heard["session_a"])
    assert found.actions == [newer]
    assert found.barriers == [heard["barrier_b"]]


def test_similar_work_is_reused_until_what_it_is_matched_against_changes(
    world, heard, django_assert_num_queries
):
    from django.db import connection
    from django.db.models import F
    from django.test.utils import CaptureQueriesContext

    from learning.models import InsightTheme, Theme
    from tests.workshops.factories import ActionFactory
    from workshops.models import Insight

    session_a = heard["session_a"]
    first = similar_to_session(session_a)
    with django_assert_num_queries(2):  # the session's own barriers and actions, in figures
        assert similar_to_session(session_a) == first

    # Work recorded in another area shows once the panel is next worked out...
    newer = ActionFactory(session=heard["session_b"], description="Send the letters by text")
    assert newer not in similar_to_session(session_a).actions
    # ...which an edit, a new action or a theme tag on the session's own work brings about.
    Insight.objects.filter(pk=heard["barrier_a"].pk).update(version=F("version") + 1)
    assert newer in similar_to_session(session_a).actions
    for change in (
        lambda: ActionFactory(session=session_a, description="Ask the practice"),
        lambda: InsightTheme.objects.create(
            insight=heard["barrier_a"], theme=Theme.objects.create(name="Letters")
        ),
    ):
        similar_to_session(session_a)
        change()
        with CaptureQueriesContext(connection) as worked_out:
            similar_to_session(session_a)
        assert len(worked_out) > 2  # ranked afresh, not reused


def test_a_warm_area_page_shows_similar_work_again_once_its_own_work_changes(client, world, heard):
    from django.db.models import F

    from tests.workshops.factories import ActionFactory
    from workshops.models import Insight

    client.force_login(world.facilitator_a)
    client.get(world.area_a.get_absolute_url())
    newer = ActionFactory(session=heard["session_b"], description="Send the letters by text")
    # Another area's new work waits for the panel to be worked out again...
    assert newer.description not in client.get(world.area_a.get_absolute_url()).content.decode()
    # ...which an edit to the area's own barriers brings about, on the page as cached.
    Insight.objects.filter(pk=heard["barrier_a"].pk).update(version=F("version") + 1)
    assert newer.description in client.get(world.area_a.get_absolute_url()).content.decode()
