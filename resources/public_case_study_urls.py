from django.urls import path

from resources.views import public_case_studies

app_name = "public-case-studies"

urlpatterns = [
    path("<str:token>/", public_case_studies.public_case_study, name="detail"),
    path("<str:token>/pdf/", public_case_studies.public_case_study_pdf, name="pdf"),
]
