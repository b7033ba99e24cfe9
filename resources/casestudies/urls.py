from django.urls import path

from resources.casestudies import views

app_name = "casestudies"

urlpatterns = [
    path("", views.case_study_list, name="list"),
    path("new/", views.case_study_new, name="new"),
    path("<int:case_study_id>/", views.case_study_detail, name="detail"),
    path("<int:case_study_id>/edit/", views.case_study_edit, name="edit"),
    path("<int:case_study_id>/submit/", views.case_study_submit, name="submit"),
    path("<int:case_study_id>/approve/", views.case_study_approve, name="approve"),
    path("<int:case_study_id>/return/", views.case_study_return, name="return"),
    path("<int:case_study_id>/new-draft/", views.case_study_new_draft, name="new-draft"),
    path("<int:case_study_id>/comments/", views.comment_add, name="comment-add"),
    path(
        "<int:case_study_id>/comments/<int:comment_id>/resolve/",
        views.comment_resolve,
        name="comment-resolve",
    ),
    path("<int:case_study_id>/versions/<int:number>/pdf/", views.case_study_pdf, name="pdf"),
]
