from django import forms

from areas.models import Stage
from areas.programme.selectors import ATTENTION, DEFAULT_SORT, SORT_COLUMNS, parse_sort

SORT_CHOICES = [
    (f"{prefix}{column.key}", f"{column.label} ({words})")
    for column in SORT_COLUMNS.values()
    for prefix, words in (("", column.ascending), ("-", column.descending))
]

# The fields sit side by side in columns: each fills its column, in 16px
# text so a select's minimum width (23ex) still fits one.
_FULL = {"class": "nhsuk-u-width-full nhsuk-u-font-size-16"}


class ProgrammeFilterForm(forms.Form):
    """The dashboard's filters. Read from the query string; never saved."""

    q = forms.CharField(
        label="Area name",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={**_FULL, "type": "search", "autocomplete": "off"}),
    )
    cohort = forms.ChoiceField(label="Cohort", required=False, widget=forms.Select(attrs=_FULL))
    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=[("", "All stages"), *Stage.choices],
        widget=forms.Select(attrs=_FULL),
    )
    attention = forms.ChoiceField(
        label="Needing attention",
        required=False,
        choices=[("", "All areas"), *((key, label) for key, (label, *_) in ATTENTION.items())],
        widget=forms.Select(attrs=_FULL),
    )
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=SORT_CHOICES, widget=forms.Select(attrs=_FULL)
    )

    def __init__(self, *args, cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [
            ("", "All cohorts"),
            *((cohort.slug, cohort.name) for cohort in cohorts),
        ]


def read_filters(params, *, cohorts) -> tuple[dict, ProgrammeFilterForm]:
    """The filters in `params` that make sense, and an unbound form showing them.

    A value we do not offer (an old cohort link, a hand-edited sort) is dropped rather
    than shown as an error: these are links people bookmark and share, not a form to fix.
    """
    bound = ProgrammeFilterForm(params, cohorts=cohorts)
    bound.is_valid()
    filters = {
        "q": (bound.cleaned_data.get("q") or "").strip(),
        "cohort": bound.cleaned_data.get("cohort") or "",
        "stage": bound.cleaned_data.get("stage") or "",
        "attention": bound.cleaned_data.get("attention") or "",
        "sort": parse_sort(params.get("sort")),
    }
    return filters, ProgrammeFilterForm(initial=filters, cohorts=cohorts)


def filters_query(filters: dict, **changes) -> dict:
    """The filters as query parameters, leaving out empty ones and the default sort."""
    merged = {**filters, **changes}
    return {
        name: value
        for name, value in merged.items()
        if value and not (name == "sort" and value == DEFAULT_SORT)
    }
