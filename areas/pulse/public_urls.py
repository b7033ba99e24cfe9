"""The page people answer a pulse on, signed out: the single-use link is the credential."""

from django.urls import path

from areas.pulse import views

app_name = "pulse"

urlpatterns = [path("<str:token>/", views.answer, name="answer")]
