"""Routed from areas/urls.py under <area_slug>/budgets/, in the "areas" namespace."""

from django.urls import path

from areas.budgets import views

urlpatterns = [
    path("", views.budget_list, name="budget-list"),
    path("new/", views.budget_new, name="budget-new"),
    path("<int:budget_id>/", views.budget_detail, name="budget-detail"),
    path("<int:budget_id>/allocation/", views.budget_allocation, name="budget-allocation"),
    path("<int:budget_id>/export.csv", views.budget_csv, name="budget-csv"),
    path("<int:budget_id>/lines/new/", views.line_new, name="line-new"),
    path("lines/<int:line_id>/", views.line_edit, name="line-edit"),
    path("lines/<int:line_id>/approve/", views.line_approve, name="line-approve"),
    path("lines/<int:line_id>/reject/", views.line_reject, name="line-reject"),
    path("lines/<int:line_id>/payment/", views.line_payment, name="line-payment"),
    path("lines/<int:line_id>/receipt/", views.line_receipt, name="line-receipt"),
]
