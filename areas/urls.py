from django.urls import include, path

from areas.views import area, steering, structures

app_name = "areas"

urlpatterns = [
    path("", include("areas.programme.urls")),
    path("", include("areas.outcomes.programme_urls")),
    path("<slug:area_slug>/", area.area_detail, name="detail"),
    path("<slug:area_slug>/stage/", area.stage_change, name="stage-change"),
    path("<slug:area_slug>/invitations/new/", area.invitation_new, name="invitation-new"),
    path(
        "<slug:area_slug>/invitations/<int:invitation_id>/withdraw/",
        area.invitation_revoke,
        name="invitation-revoke",
    ),
    path("<slug:area_slug>/steering-group/", steering.steering_group, name="steering-group"),
    path(
        "<slug:area_slug>/steering-group/add/",
        steering.steering_member_add,
        name="steering-member-add",
    ),
    path(
        "<slug:area_slug>/steering-group/invite/",
        steering.steering_member_invite,
        name="steering-member-invite",
    ),
    path(
        "<slug:area_slug>/steering-group/<int:member_id>/",
        steering.steering_member_edit,
        name="steering-member-edit",
    ),
    path(
        "<slug:area_slug>/steering-group/<int:member_id>/leave/",
        steering.steering_member_leave,
        name="steering-member-leave",
    ),
    path("<slug:area_slug>/sub-groups/new/", structures.sub_group_edit, name="sub-group-new"),
    path(
        "<slug:area_slug>/sub-groups/<int:sub_group_id>/",
        structures.sub_group_edit,
        name="sub-group-edit",
    ),
    path("<slug:area_slug>/lcos/new/", structures.lco_new, name="lco-new"),
    path("<slug:area_slug>/lcos/<int:lco_id>/remove/", structures.lco_remove, name="lco-remove"),
    path("<slug:area_slug>/outcomes/", include("areas.outcomes.urls")),
    path("<slug:area_slug>/budgets/", include("areas.budgets.urls")),
    path("<slug:area_slug>/pulse/", include("areas.pulse.urls")),
]
