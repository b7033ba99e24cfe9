from datetime import date

from areas.models import CaoStatus
from areas.outcomes.diff import ADDED, REMOVED, SAME, compare_content, diff_words


def _marked(pieces, change):
    return [piece.text for piece in pieces if piece.change == change]


def test_a_changed_word_is_removed_on_one_side_and_added_on_the_other():
    diff = diff_words(
        "Train 20 receptionists at four practices.", "Train 40 receptionists at four practices."
    )

    assert _marked(diff.before, REMOVED) == ["20"]
    assert _marked(diff.after, ADDED) == ["40"]
    assert "".join(_marked(diff.after, SAME)) == "Train  receptionists at four practices."
    assert (diff.words_removed, diff.words_added) == (1, 1)


def test_unchanged_words_between_changes_stay_unmarked():
    diff = diff_words("the cat sat on the mat", "the dog sat on the rug")

    assert _marked(diff.before, REMOVED) == ["cat", "mat"]
    assert _marked(diff.after, ADDED) == ["dog", "rug"]
    assert " sat on the " in _marked(diff.after, SAME)


def test_neighbouring_changed_words_read_as_one_change():
    diff = diff_words("a brown fox jumps", "a red dog jumps")

    assert _marked(diff.before, REMOVED) == ["brown fox"]
    assert _marked(diff.after, ADDED) == ["red dog"]


def test_insertions_and_punctuation_are_their_own_changes():
    diff = diff_words("Four practices.", "Four GP practices, with leaders.")

    assert _marked(diff.before, REMOVED) == []
    assert _marked(diff.after, ADDED) == ["GP ", ", with leaders"]
    assert diff.words_added == 3


def test_marks_are_ins_and_del_with_words_for_screen_readers():
    diff = diff_words("Train 20 receptionists", "Train 40 receptionists")

    assert diff.before_html == (
        'Train <del class="app-diff__removed"><span class="nhsuk-u-visually-hidden">'
        '[removed: </span>20<span class="nhsuk-u-visually-hidden">]</span></del> receptionists'
    )
    assert (
        '<ins class="app-diff__added"><span class="nhsuk-u-visually-hidden">[added: </span>40'
        in (diff.after_html)
    )
    # The inline view carries both, old words first.
    assert diff.inline_html.index("<del") < diff.inline_html.index("<ins")


def test_spaces_around_a_change_stay_outside_its_mark():
    diff = diff_words("four practices", "four GP practices")
    assert "four <ins" in diff.after_html
    assert "GP<span" in diff.after_html
    assert "</ins> practices" in diff.after_html


def test_text_is_escaped():
    diff = diff_words("A <b>bold</b> plan", "A <script>alert(1)</script> plan")
    assert "<script" not in diff.after_html
    assert "&lt;" in diff.after_html
    assert "<b>" not in diff.before_html


def test_identical_texts_have_no_changes():
    diff = diff_words("Same words.", "Same words.")
    assert not diff.changed
    assert diff.before_html == diff.after_html == "Same words."


def test_statements_are_compared_field_by_field_in_words_people_read():
    old = {
        "title": "Letters",
        "challenge": "Hard to read.",
        "actions": "Rewrite them.",
        "outcome": "More bookings.",
        "status": CaoStatus.DRAFT,
        "as_of": date(2024, 1, 15),
    }
    new = {**old, "status": CaoStatus.CURRENT, "as_of": date(2024, 3, 1)}

    diffs = {field.label: field.diff for field in compare_content(old, new)}

    assert list(diffs) == ["Title", "Challenge", "Actions", "Expected outcome", "Status", "As of"]
    assert not diffs["Challenge"].changed
    assert _marked(diffs["Status"].before, REMOVED) == ["Draft"]
    assert _marked(diffs["Status"].after, ADDED) == ["Current"]
    assert _marked(diffs["As of"].before, REMOVED) == ["15 January"]
    assert _marked(diffs["As of"].after, ADDED) == ["1 March"]
