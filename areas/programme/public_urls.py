"""The public programme page, outside the signed-in /areas/ URLs.

Routed from the project URLconf: path("programme/", include("areas.programme.public_urls")).
"""

from django.urls import path

from areas.programme import views

urlpatterns = [
    path("", views.public_programme, name="programme"),
]
