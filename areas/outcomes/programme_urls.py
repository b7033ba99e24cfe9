"""Every area's statements as of a date, in the areas namespace beside the dashboard.

Routed from areas/urls.py ahead of the area pages, as areas:statements-as-of(-pdf).
"""

from django.urls import path

from areas.outcomes.views import overview

urlpatterns = [
    path("statements/", overview.statements_as_of, name="statements-as-of"),
    path("statements.pdf", overview.statements_as_of_pdf, name="statements-as-of-pdf"),
]
