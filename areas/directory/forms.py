from django import forms

from partnerships.models import Organisation, Sector


class SearchInput(forms.TextInput):
    input_type = "search"


class DirectorySearchForm(forms.Form):
    """The search box and sector filter above both directory lists (a GET form)."""

    q = forms.CharField(
        label="Name",
        required=False,
        max_length=200,
        widget=SearchInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    sector = forms.ChoiceField(
        label="Sector", required=False, choices=[("", "All sectors"), *Sector.choices]
    )

    def __init__(self, *args, q_label="Name", sector_label="Sector", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].label = q_label
        self.fields["sector"].label = sector_label

    def filters(self) -> dict:
        """The search and sector to apply; an unknown sector in the address is ignored."""
        if not self.is_bound:
            return {"q": "", "sector": ""}
        self.is_valid()
        return {
            "q": self.cleaned_data.get("q", "").strip(),
            "sector": self.cleaned_data.get("sector", ""),
        }


class OrganisationMergeForm(forms.Form):
    """Choose the duplicate to merge into `keep`, from the organisations the user can see."""

    duplicate = forms.ModelChoiceField(
        label="Which organisation is the duplicate?",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={
            "required": "Choose the organisation that is a duplicate",
            "invalid_choice": "Choose an organisation from the list",
        },
    )

    def __init__(self, *args, keep: Organisation, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep = keep
        field = self.fields["duplicate"]
        field.help_text = (
            f"Its people, steering group seats and LCO roles will move to {keep.name}, "
            "and then it will be deleted."
        )
        # `keep` stays in the queryset so choosing it gets a clear message rather than
        # "not a valid choice"; it is left out of the options offered.
        field.queryset = organisations.order_by("name")
        field.choices = [
            ("", field.empty_label),
            *(
                (organisation.pk, f"{organisation.name} ({organisation.get_sector_display()})")
                for organisation in field.queryset.exclude(pk=keep.pk)
            ),
        ]

    def clean_duplicate(self):
        duplicate = self.cleaned_data["duplicate"]
        if duplicate.pk == self.keep.pk:
            raise forms.ValidationError(
                f"You cannot merge {self.keep.name} into itself. "
                "Choose the other organisation, the duplicate."
            )
        return duplicate
