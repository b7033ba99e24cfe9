"""Numbers typed into forms are read one way only (partnerships.numbers, NumberField).

Hypothesis writes the input, against the fields the forms really use: an amount of money
(a budget line), a measure's figure (an indicator's measurement) and a head-count.
"""

import re
from decimal import Decimal

import pytest
from django import forms
from hypothesis import example, given, settings
from hypothesis import strategies as st

from areas.budgets.forms import SpendLineForm
from areas.outcomes.forms import MeasurementForm
from workshops.forms import HeadcountsForm

MONEY = SpendLineForm.base_fields["amount"]
FIGURE = MeasurementForm.base_fields["value"]
WHOLE = HeadcountsForm().fields["vcse"]
FIELDS = {"money": MONEY, "figure": FIGURE, "whole": WHOLE}
# Each field's noun: every refusal says which field it is about.
NOUNS = {"money": "the amount", "figure": "the value", "whole": "the number of people from"}

EXAMPLES = settings(max_examples=150, deadline=None, database=None)
SPACE = st.sampled_from(["", " ", "  ", "\t"])
NOT_ASCII_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())


def _refusal(field, text) -> str:
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(text)
    [message] = refused.value.messages
    return message


@st.composite
def _written(draw, value: Decimal, *, places: int, prefix: str = "", suffix: str = ""):
    """`value` written as people write it: with or without thousands commas, fewer
    decimals when the last are zeros, the currency or percent sign, space around."""
    whole, _, fraction = f"{value:.{places}f}".partition(".")
    if draw(st.booleans()):
        whole = f"{int(whole):,}"
    kept = draw(st.integers(min_value=len(fraction.rstrip("0")), max_value=len(fraction)))
    text = whole + (f".{fraction[:kept]}" if kept else "")
    if prefix and draw(st.booleans()):
        text = prefix + draw(SPACE) + text
    if suffix and draw(st.booleans()):
        text = text + draw(SPACE) + suffix
    return draw(SPACE) + text + draw(SPACE)


@EXAMPLES
@given(st.integers(min_value=1, max_value=1_000_000), st.data())
@example(pence=125050, data=None).via("the brief's £1,250.50")
def test_every_way_of_writing_an_amount_is_read_as_that_amount(pence, data):
    amount = Decimal(pence).scaleb(-2)
    text = data.draw(_written(amount, places=2, prefix="£")) if data else "£1,250.50"

    read = MONEY.clean(text)

    assert read == amount
    assert read.as_tuple().exponent == -2, "pounds and pence, two places"


@EXAMPLES
@given(st.integers(min_value=0, max_value=10**11), st.data())
def test_every_way_of_writing_a_figure_is_read_as_that_figure(hundredths, data):
    figure = Decimal(hundredths).scaleb(-2)
    assert FIGURE.clean(data.draw(_written(figure, places=2, suffix="%"))) == figure


@EXAMPLES
@given(st.integers(min_value=0, max_value=10_000), st.data())
def test_every_way_of_writing_a_head_count_is_read_as_that_count(count, data):
    assert WHOLE.clean(data.draw(_written(Decimal(count), places=0))) == count


# Characters that make up numbers, real or not.
SYMBOLS = st.sampled_from([*"0123456789", *",,,...", *"£%- eE_+", "١", "٣", "０", "²", "\u00a0"])


@st.composite
def _near_numbers(draw):
    """A number written correctly, then with a character or two put in, taken out or
    changed: the slips that sit closest to what the parser must refuse."""
    value = Decimal(draw(st.integers(min_value=0, max_value=10**9))).scaleb(
        -draw(st.integers(min_value=0, max_value=3))
    )
    text = draw(_written(value, places=3, prefix="£", suffix="%"))
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        cut = draw(st.integers(min_value=0, max_value=1))
        text = text[:at] + draw(st.sampled_from(["", draw(SYMBOLS)])) + text[at + cut :]
    return text


NUMBERISH = st.one_of(st.text(SYMBOLS, max_size=14), _near_numbers())
_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(,[0-9]{3})*|[0-9]+")


@EXAMPLES
@given(NUMBERISH)
def test_whatever_is_accepted_is_a_plainly_written_number(text):
    """The specification, read independently of the parser: if a field takes the text,
    its digits are 0 to 9, its commas separate thousands, it has no more decimals than
    the field keeps, and its value is its digits with the symbols taken away."""
    for name, field in FIELDS.items():
        try:
            value = field.clean(text)
        except forms.ValidationError:
            continue
        if value is None:
            assert not text.strip(), "only an optional field left empty gives nothing"
            continue
        assert all(c.isascii() for c in text if c.isdigit()), (name, text)
        assert not set(text) & set("eE_+"), (name, text)
        [number] = re.findall(r"[0-9][0-9,.]*", text)
        whole, _, fraction = number.partition(".")
        assert _THOUSANDS.fullmatch(whole), (name, text)
        assert len(fraction) <= field.places, (name, text)
        sign = "-" if text.strip().startswith("-") else ""
        assert value == Decimal(sign + number.replace(",", "")), (name, text)


@EXAMPLES
@given(st.integers(min_value=10, max_value=10**9), st.data())
@example(number=1250, data=None).via("the brief's 12,50")
def test_a_comma_that_does_not_separate_thousands_is_refused(number, data):
    digits = str(number)
    if data is None:
        text = "12,50"
    else:
        # A comma with a number of digits after it that is not a multiple of three.
        at = data.draw(
            st.integers(min_value=1, max_value=len(digits) - 1).filter(
                lambda i: (len(digits) - i) % 3
            )
        )
        text = digits[:at] + "," + digits[at:] + data.draw(st.sampled_from(["", ".5"]))
    for name, field in FIELDS.items():
        assert NOUNS[name] in _refusal(field, text), (name, text)


@EXAMPLES
@given(st.integers(min_value=1000, max_value=10**9), st.sampled_from(["", ".5", ".05"]))
@example(number=1000, fraction="")
def test_doubled_or_misplaced_grouping_commas_are_refused(number, fraction):
    grouped = f"{number:,}"
    for text in (
        grouped.replace(",", ",,", 1) + fraction,
        grouped + "," + fraction.lstrip("."),
        "," + grouped + fraction,
        # "0,500" is a half in much of Europe.
        "0" + grouped + fraction,
    ):
        for name, field in FIELDS.items():
            assert NOUNS[name] in _refusal(field, text), (name, text)


def test_the_briefs_examples_are_refused_with_a_message_saying_how_to_write_them():
    assert _refusal(MONEY, "12,50") == (
        "Enter the amount with a full stop, not a comma, before the pence, like 12.50"
    )
    assert _refusal(MONEY, "1,,0") == (
        "Enter the amount with commas only between thousands, like 1,250.50"
    )
    assert _refusal(FIGURE, "66,2") == (
        "Enter the value with a full stop, not a comma, before the decimals, like 42 or 71.5"
    )
    assert _refusal(WHOLE, "66,2") == (
        "Enter the number of people from VCSE / charity as a whole number, like 12"
    )


@EXAMPLES
@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["e", "E"]),
    st.sampled_from(["", "+", "-"]),
    st.integers(min_value=0, max_value=400),
)
@example(mantissa=1, e="e", sign="", exponent=3)
@example(mantissa=5, e="e", sign="-", exponent=2)
def test_exponents_are_refused(mantissa, e, sign, exponent):
    text = f"{mantissa}{e}{sign}{exponent}"
    for name, field in FIELDS.items():
        assert NOUNS[name] in _refusal(field, text), (name, text)


@EXAMPLES
@given(st.integers(min_value=10, max_value=10**9), st.data())
@example(number=1000, data=None).via("the brief's 1_000")
def test_underscores_between_digits_are_refused(number, data):
    digits = str(number)
    at = data.draw(st.integers(min_value=1, max_value=len(digits) - 1)) if data else 1
    text = digits[:at] + "_" + digits[at:]
    for name, field in FIELDS.items():
        assert NOUNS[name] in _refusal(field, text), (name, text)


@EXAMPLES
@given(st.integers(min_value=0, max_value=9999), st.data())
def test_digits_of_other_scripts_are_refused(number, data):
    digits = str(number)
    at = data.draw(st.integers(min_value=0, max_value=len(digits) - 1))
    text = digits[:at] + data.draw(NOT_ASCII_DIGITS) + digits[at + 1 :]
    arabic_indic = "".join(chr(0x660 + int(d)) for d in digits)
    for name, field in FIELDS.items():
        for written in (text, arabic_indic):
            message = _refusal(field, written)
            assert NOUNS[name] in message, (name, written)
            assert "using the digits 0 to 9" in message, (name, written)


@EXAMPLES
@given(
    st.integers(min_value=0, max_value=9999),
    st.text("0123456789", min_size=3, max_size=8),
)
@example(pounds=12, decimals="345")
@example(pounds=12, decimals="500").via("twelve thousand five hundred, in much of Europe")
def test_more_than_two_decimals_are_refused(pounds, decimals):
    text = f"{pounds}.{decimals}"
    assert "no more than 2 decimal places" in _refusal(MONEY, text)
    assert "no more than 2 decimal places" in _refusal(FIGURE, text)
    assert "as a whole number" in _refusal(WHOLE, text)


@pytest.mark.parametrize("text", ["1.0", "12.5", "3.25"])
def test_a_head_count_takes_no_decimals(text):
    assert "as a whole number" in _refusal(WHOLE, text)
