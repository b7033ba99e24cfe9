"""An area's plan and progress, under /areas/<area_slug>/outcomes/."""

from django.urls import path

from areas.outcomes.views import evidence, indicators, overview, proposals, statements

app_name = "outcomes"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("statements/new/", statements.statement_new, name="statement-new"),
    path("statements/<int:statement_id>/", statements.statement_detail, name="statement"),
    path("statements/<int:statement_id>/edit/", statements.statement_edit, name="statement-edit"),
    path(
        "statements/<int:statement_id>/compare/",
        statements.statement_compare,
        name="statement-compare",
    ),
    path(
        "statements/<int:statement_id>/revisions/<int:revision_number>/",
        statements.revision_detail,
        name="revision",
    ),
    path(
        "statements/<int:statement_id>/revisions/<int:revision_number>/restore/",
        statements.revision_restore,
        name="revision-restore",
    ),
    path(
        "statements/<int:statement_id>/propose/",
        proposals.proposal_new,
        name="proposal-new",
    ),
    path(
        "statements/<int:statement_id>/proposals/<int:proposal_id>/",
        proposals.proposal_detail,
        name="proposal",
    ),
    path("indicators/new/", indicators.indicator_new, name="indicator-new"),
    path("indicators/<int:indicator_id>/", indicators.indicator_detail, name="indicator"),
    path("indicators/<int:indicator_id>/edit/", indicators.indicator_edit, name="indicator-edit"),
    path(
        "indicators/<int:indicator_id>/measurements/",
        indicators.measurement_add,
        name="measurement-add",
    ),
    path("evidence/new/", evidence.evidence_edit, name="evidence-new"),
    path("evidence/<int:evidence_id>/", evidence.evidence_edit, name="evidence-edit"),
]
