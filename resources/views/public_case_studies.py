"""Published case studies on the open web: no sign-in, found by their unguessable token.

Only a published version is ever shown here; a case study still being written answers
404, as if its address did not exist.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from resources.casestudies import selectors
from resources.reports import documents
from resources.reports.responses import document_response


@require_safe
def public_case_study(request: HttpRequest, token: str) -> HttpResponse:
    version = selectors.get_published_by_token(token)
    return render(
        request,
        "resources/casestudies/public.html",
        {
            "version": version,
            "area": version.case_study.area,
            "sections": selectors.rendered_sections(version),
            "figures": selectors.display_figures(version),
            "authors": list(version.authors.all()),
        },
    )


@require_safe
def public_case_study_pdf(request: HttpRequest, token: str) -> HttpResponse:
    version = selectors.get_published_by_token(token)
    return document_response(
        request,
        documents.case_study_document(version),
        target=version,
        area=version.case_study.area,
        back_url=version.case_study.get_public_url(),
    )
