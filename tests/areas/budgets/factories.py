from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from areas.budgets.money import financial_year_of
from areas.models import Budget, BudgetKind, SpendCategory, SpendLine, SpendStatus
from tests.factories import AreaFactory, PersonFactory

# The first bytes of each accepted format, and of two kinds of executable.
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32
ELF_BYTES = b"\x7fELF\x02\x01\x01" + b"\x00" * 32
MZ_BYTES = b"MZ\x90\x00\x03" + b"\x00" * 32


def this_financial_year() -> int:
    return financial_year_of(timezone.localdate())


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    area = factory.SubFactory(AreaFactory)
    kind = BudgetKind.COMMUNITY_INVOLVEMENT
    financial_year = factory.LazyFunction(this_financial_year)
    allocated = Decimal("1000.00")


class SpendLineFactory(factory.django.DjangoModelFactory):
    """A claim waiting for approval, paid to a participant not on the platform."""

    class Meta:
        model = SpendLine

    class Params:
        with_receipt = factory.Trait(
            receipt=factory.django.FileField(filename="receipt.pdf", data=PDF_BYTES),
            receipt_type="application/pdf",
        )

    budget = factory.SubFactory(BudgetFactory)
    spent_on = factory.LazyAttribute(lambda line: line.budget.starts_on + timedelta(days=20))
    category = SpendCategory.TRAVEL
    payee_name = factory.Sequence(lambda n: f"Participant {n}")
    amount = Decimal("12.50")
    description = "Return bus fare to the partnership day"
    status = SpendStatus.PENDING
    recorded_by = factory.SubFactory(PersonFactory)
