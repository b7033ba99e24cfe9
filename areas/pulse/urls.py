"""An area's pulses, under /areas/<area>/pulse/ in the `areas` namespace."""

from django.urls import path

from areas.pulse import views

urlpatterns = [
    path("", views.pulses, name="pulses"),
    path("<int:pulse_id>/", views.pulse_detail, name="pulse-detail"),
    path("<int:pulse_id>/close/", views.pulse_close, name="pulse-close"),
    path("<int:pulse_id>/slips/", views.pulse_slips, name="pulse-slips"),
]
