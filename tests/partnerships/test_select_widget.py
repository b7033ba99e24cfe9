from django import forms
from django.forms.renderers import DjangoTemplates

from partnerships.forms import NHSFormRenderer


class PickerForm(forms.Form):
    single = forms.ChoiceField(
        choices=[
            ("", "---------"),
            ("x", "Tea & <biscuits>"),
            ("Partners", [("1", "Grace Mensah"), ("2", 'Sam "Sammy" Okafor')]),
        ],
        initial="2",
    )
    several = forms.MultipleChoiceField(
        choices=[("p", "Pharmacy"), ("q", "Queen's Park")],
        initial=["p", "q"],
        widget=forms.SelectMultiple(attrs={"data-filter": "on", "disabled": False}),
    )
    numbers = forms.TypedChoiceField(choices=[(1, 1), (2, 2)], initial=1, coerce=int)


def _lines(html):
    return [line for line in html.splitlines() if line.strip()]


def test_selects_are_written_as_djangos_own_templates_write_them():
    """The same markup, less the blank line Django's template leaves after each option."""
    for name in PickerForm.base_fields:
        ours = PickerForm(renderer=NHSFormRenderer())[name].as_widget()
        djangos = PickerForm(renderer=DjangoTemplates())[name].as_widget()
        assert _lines(ours) == _lines(djangos)
        assert "\n\n" not in ours
