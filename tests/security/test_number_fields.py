"""Every number a form takes is read by the one strict reader, found form by form.

Django's IntegerField, DecimalField and FloatField read "1_000", "١٢" and "1e3" as
numbers, and dropping commas first (as hand-written fields did) reads "12,50" as 1250.
Every form class the apps define (see catalogue) is built for area A and its fields
checked, so a number field added later is covered at once.
"""

from django import forms

from partnerships.forms import NumberField
from tests.security.catalogue import build_form, form_classes
from tests.security.figures import report

LOOSE = (forms.IntegerField, forms.DecimalField, forms.FloatField)
# What a loose reader takes as a number someone did not mean.
MISREAD = ["12,50", "66,2", "1,,0", "1e3", "5e-2", "1_000", "١٢", "１２", "12.345"]


def _number_fields(planted):
    for cls in form_classes():
        form = build_form(cls, planted)
        for name, field in form.fields.items():
            yield f"{cls.__name__}.{name}", field


def test_no_form_reads_numbers_loosely(planted):
    fields = dict(_number_fields(planted))
    loose = [name for name, field in fields.items() if isinstance(field, LOOSE)]
    strict = {name: field for name, field in fields.items() if isinstance(field, NumberField)}
    accepted = [
        (name, text)
        for name, field in strict.items()
        for text in MISREAD
        if not _refused(field, text)
    ]
    report(
        "number fields",
        f"{len(strict)} fields in {len(form_classes())} form classes read strictly, "
        f"{len(MISREAD)} misreadable inputs each, accepted {len(accepted)}, "
        f"loose Django number fields {len(loose)}",
    )
    assert not loose
    assert not accepted
    assert len(strict) >= 10, "the money, figure, head-count and version fields are found"


def _refused(field, text) -> bool:
    try:
        field.clean(text)
    except forms.ValidationError:
        return True
    return False
