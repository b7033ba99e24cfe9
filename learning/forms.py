"""Forms of the learning pages: the explorer's filters, tagging, and the themes."""

from django import forms

from areas.models import Stage
from learning.models import Theme
from workshops.models import Action, Insight, InsightKind

_FULL = {"class": "nhsuk-u-width-full nhsuk-u-font-size-16"}
COUNT_BY = [("barrier_type", "Barrier type"), ("theme", "Theme")]
# The heat map's columns: groups of areas by default, so it stays as wide as the page.
ACROSS = [("cohort", "Cohort"), ("stage", "Stage"), ("area", "Area (a page at a time)")]
LEARNING_KIND_CHOICES = [
    (InsightKind.BARRIER, "Barriers"),
    (InsightKind.IDEA, "Ideas"),
    (InsightKind.QUOTE, "Quotes"),
]
FILTER_NAMES = (
    "theme",
    "barrier_type",
    "area",
    "cohort",
    "stage",
    "kind",
    "date_from",
    "date_to",
)


class ExplorerFilterForm(forms.Form):
    """The explorer's filters. Read from the query string; never saved."""

    theme = forms.ChoiceField(label="Theme", required=False, widget=forms.Select(attrs=_FULL))
    barrier_type = forms.ChoiceField(
        label="Barrier type", required=False, widget=forms.Select(attrs=_FULL)
    )
    area = forms.ChoiceField(label="Area", required=False, widget=forms.Select(attrs=_FULL))
    cohort = forms.ChoiceField(label="Cohort", required=False, widget=forms.Select(attrs=_FULL))
    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=[("", "All stages"), *Stage.choices],
        widget=forms.Select(attrs=_FULL),
    )
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "Barriers, ideas and quotes"), *LEARNING_KIND_CHOICES],
        widget=forms.Select(attrs=_FULL),
    )
    date_from = forms.DateField(
        label="Heard from",
        required=False,
        widget=forms.DateInput(attrs={**_FULL, "type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label="Heard until",
        required=False,
        widget=forms.DateInput(attrs={**_FULL, "type": "date"}, format="%Y-%m-%d"),
    )
    count_by = forms.ChoiceField(
        label="Count by", required=False, choices=COUNT_BY, widget=forms.Select(attrs=_FULL)
    )
    across = forms.ChoiceField(
        label="Compare across", required=False, choices=ACROSS, widget=forms.Select(attrs=_FULL)
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", "All themes"),
            *((str(theme.pk), theme.name) for theme in options["themes"]),
        ]
        self.fields["barrier_type"].choices = [
            ("", "All barrier types"),
            *((kind.slug, kind.name) for kind in options["barrier_types"]),
        ]
        self.fields["area"].choices = [
            ("", "All areas"),
            *((area.slug, area.name) for area in options["areas"]),
        ]
        self.fields["cohort"].choices = [
            ("", "All cohorts"),
            *((cohort.slug, cohort.name) for cohort in options["cohorts"]),
        ]


def read_filters(params, *, options) -> tuple[dict, ExplorerFilterForm]:
    """The filters in `params` that make sense, and an unbound form showing them.

    A value we do not offer (an area out of reach, a mistyped date) is dropped rather than
    shown as an error: these are links people share, not a form to fix.
    """
    bound = ExplorerFilterForm(params, options=options)
    bound.is_valid()
    filters = {name: bound.cleaned_data.get(name) or "" for name in FILTER_NAMES}
    filters["count_by"] = bound.cleaned_data.get("count_by") or COUNT_BY[0][0]
    filters["across"] = bound.cleaned_data.get("across") or ACROSS[0][0]
    return filters, ExplorerFilterForm(initial=filters, options=options)


def filters_query(filters: dict, **changes) -> dict:
    """The filters as query parameters, leaving out empty ones and the default counts."""
    merged = {**filters, **changes}
    defaults = {"count_by": COUNT_BY[0][0], "across": ACROSS[0][0]}
    return {
        name: str(value) for name, value in merged.items() if value and defaults.get(name) != value
    }


class TagForm(forms.Form):
    """Ticked insights and actions, and the theme to add to them or take off."""

    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=Theme.objects.all(),
        empty_label="Choose a theme",
        error_messages={"required": "Choose the theme to tag them with."},
    )
    insights = forms.ModelMultipleChoiceField(queryset=Insight.objects.none(), required=False)
    actions = forms.ModelMultipleChoiceField(queryset=Action.objects.none(), required=False)

    def __init__(self, *args, insights, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["insights"].queryset = insights
        self.fields["actions"].queryset = actions

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("insights") and not cleaned.get("actions"):
            raise forms.ValidationError("Tick at least one item to tag.")
        return cleaned


ThemeFormSet = forms.modelformset_factory(
    Theme,
    fields=["name"],
    labels={"name": "Theme"},
    extra=1,
    widgets={"name": forms.TextInput(attrs={"class": "nhsuk-input--width-30"})},
)
