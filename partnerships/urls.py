from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from partnerships import audit_views, resubmit, views
from partnerships.privacy import views as privacy_views
from partnerships.review import views as review_views

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Health Partnerships administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("resume/", resubmit.resume_post, name="resume-post"),
    path("audit/", audit_views.audit_log, name="audit-log"),
    path("people/<int:person_id>/consent/", privacy_views.person_consent, name="person-consent"),
    path("people/<int:person_id>/data.zip", privacy_views.person_export, name="person-export"),
    path("people/<int:person_id>/erase/", privacy_views.person_erase, name="person-erase"),
    path("suggestions/", review_views.your_suggestions, name="suggestions"),
    path("my-data/", privacy_views.my_data, name="my-data"),
    path("my-data/data.zip", privacy_views.my_data_export, name="my-data-export"),
    path("invitations/funder/new/", views.funder_invite, name="funder-invite"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("sign-in/<str:token>/", views.sign_in_link, name="sign-in-link"),
    path("programme/", include("areas.programme.public_urls")),
    path("areas/<slug:area_slug>/case-studies/", include("resources.casestudies.urls")),
    path("areas/", include("areas.urls")),
    path("pulse/", include("areas.pulse.public_urls")),
    path("", include("workshops.urls")),
    path("directory/", include("areas.directory.urls")),
    path("learning/", include("learning.urls")),
    path("reports/", include("resources.urls")),
    path("case-studies/", include("resources.public_case_study_urls")),
    path("library/", include("resources.library_urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCH_MODE:
    from scale import bench

    urlpatterns += [
        path("bench/baseline/", bench.baseline, name="bench-baseline"),
        path("bench/floor/", bench.floor, name="bench-floor"),
    ]
