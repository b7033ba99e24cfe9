"""Reach and inclusion, in the "workshops" namespace."""

from django.urls import path

from workshops.reach import views

SESSION = "areas/<slug:area_slug>/sessions/<int:session_id>/"

urlpatterns = [
    path("my-needs/", views.my_needs, name="my-needs"),
    path(f"{SESSION}needs/", views.session_needs, name="session-needs"),
    path(f"{SESSION}needs/<int:attendance_id>/", views.attendee_needs, name="attendee-needs"),
    path(
        f"{SESSION}needs/costs/<int:cost_id>/remove/",
        views.support_cost_remove,
        name="support-cost-remove",
    ),
    path(
        "areas/<slug:area_slug>/budgets/lines/<int:line_id>/support/",
        views.line_support,
        name="line-support",
    ),
    path(f"{SESSION}communities/", views.community_counts, name="community-counts"),
    path("areas/<slug:area_slug>/communities/", views.communities, name="communities"),
    path(
        "areas/<slug:area_slug>/communities/<int:community_id>/retire/",
        views.community_retire,
        name="community-retire",
    ),
]
