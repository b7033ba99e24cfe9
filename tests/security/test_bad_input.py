"""No input, however odd, makes a form or a page fail with a server error.

Hypothesis writes the input: for each form class the apps define (see catalogue), and for
each POST form area A's team is offered, posted as that team member would post it.
"""

from django import forms
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import from_form, register_field_strategy

from areas.budgets.forms import PoundsField
from partnerships.forms import NumberField, VersionField
from tests.security.catalogue import FORM_ARGUMENTS, build_form, constructor_arguments, form_classes
from tests.security.figures import report
from tests.security.submitting import filled, forms_offered, rolled_back

# Words that have broken forms elsewhere: empty, huge, negative, impossible dates, NUL,
# markup, SQL, non-Latin and right-to-left text.
AWKWARD = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999",
    "£12.345",
    "31",
    "2026-02-30",
    "30/02/2026",
    "\x00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s%s%n",
    "Zoë Ødegård – ŁÓDŹ",
    "\u202eevil",
    "10:00+05:00",
    "2026-01-01T10:00:00+05:00",
    "x" * 5000,
]
VALUES = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=40))

# The project's number fields take text as people type it; from_form learns to write it.
TYPED_NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10_000).map(str),
    st.decimals(min_value=0, max_value=10_000, places=2).map(lambda number: f"{number:,}"),
)
for number_field in (NumberField, VersionField, PoundsField):
    register_field_strategy(number_field, TYPED_NUMBERS)
FORM_EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
VIEW_EXAMPLES = settings(
    max_examples=3, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)


def _html_names(name, field):
    widget = field.widget
    if isinstance(widget, forms.MultiWidget):
        return [f"{name}{suffix}" for suffix in widget.widgets_names]
    return [name]


def _field_values(field):
    choices = [str(value) for value, _ in getattr(field, "choices", []) if value != ""]
    one = st.one_of(VALUES, st.sampled_from(choices)) if choices else VALUES
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.lists(one, max_size=3)
    return st.one_of(st.none(), one.map(lambda value: [value]))


def _fallback(form):
    """Data for the form's fields, by their names on the page, or missing."""
    entries = {
        html_name: _field_values(field)
        for name, field in form.fields.items()
        if not isinstance(field, forms.FileField)
        for html_name in _html_names(name, field)
    }
    return st.fixed_dictionaries(entries).map(
        lambda data: MultiValueDict(
            {key: value for key, value in data.items() if value is not None}
        )
    )


def _strategies(cls, world):
    """from_form first; our own field strategies if Hypothesis cannot draw every field."""
    kwargs = {name: FORM_ARGUMENTS[name](world) for name in constructor_arguments(cls)}
    # from_form draws times with a time zone, which no posted text can produce (TimeField
    # reads "10:00", never an offset; AWKWARD tries one), so those forms get text.
    if not any(isinstance(field, forms.TimeField) for field in cls.base_fields.values()):
        yield "from_form", from_form(cls, form_kwargs=kwargs)
    unbound = cls(**kwargs)
    yield "fallback", _fallback(unbound).map(lambda data: build_form(cls, world, data=data))


def _try_form(strategy, tally):
    """Run the examples; exceptions from the form are tallied, from drawing are raised."""

    @FORM_EXAMPLES
    @given(strategy)
    def run(form):
        tally["tried"] += 1
        try:
            form.is_valid()
            str(form)  # the errors and the kept input are rendered too
        except Exception as error:
            tally["errors"].append(f"{type(form).__name__}: {error!r}")

    run()


def test_every_form_copes_with_any_input(planted):
    tally = {"tried": 0, "errors": [], "from_form": 0, "fallback": 0}
    for cls in form_classes():
        for kind, strategy in _strategies(cls, planted):
            try:
                _try_form(strategy, tally)
            except Exception:
                if kind == "fallback":
                    raise
                continue
            tally[kind] += 1
            break
    report(
        "bad input (forms)",
        f"{tally['from_form'] + tally['fallback']} form classes ({tally['from_form']} by "
        f"from_form, {tally['fallback']} by field strategies), inputs tried {tally['tried']}, "
        f"exceptions {len(tally['errors'])}",
    )
    assert not tally["errors"], tally["errors"][:5]


def _try_page(client, form, fields, tally):
    @VIEW_EXAMPLES
    @given(st.fixed_dictionaries(fields))
    def run(data):
        tally["tried"] += 1
        with rolled_back():
            status = client.post(form.action, data).status_code
        if status >= 500:
            tally["failures"].append(f"{form.action} {data!r}")

    run()


def test_every_post_copes_with_any_input(client, planted):
    offered = forms_offered(client, planted)
    client.raise_request_exception = False
    tally = {"tried": 0, "failures": []}
    for persona, form in offered:
        client.force_login(getattr(planted, persona))
        plausible = filled(form)
        fields = {
            name: st.one_of(st.just(plausible.get(name, "")), VALUES)
            for name in form.names
            if name != "csrfmiddlewaretoken"
        }
        _try_page(client, form, fields, tally)
    report(
        "bad input (pages)",
        f"{len(offered)} POST forms, posts tried {tally['tried']}, 5xx {len(tally['failures'])}",
    )
    assert not tally["failures"], tally["failures"][:5]
