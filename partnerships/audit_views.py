"""The audit log page: programme leads search who did what, and when."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnerships import access
from partnerships.models import AuditAction, AuditEvent

EVENTS_PER_PAGE = 50


class AuditSearchForm(forms.Form):
    who = forms.CharField(label="Email address of the person", required=False, max_length=254)
    action = forms.ChoiceField(
        label="What happened", choices=[("", "Anything"), *AuditAction.choices], required=False
    )
    record = forms.CharField(
        label="Record",
        required=False,
        max_length=300,
        help_text="Words from the record’s name, for example a session title or a person.",
    )
    start = forms.DateField(label="From", required=False)
    end = forms.DateField(label="To", required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", "The “to” date must be the same as or after the “from” date.")
        return cleaned

    def events(self):
        events = AuditEvent.objects.all()
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data["who"]:
            events = events.filter(actor_email__icontains=data["who"].strip())
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["record"]:
            events = events.filter(target_label__icontains=data["record"].strip())
        if data["start"]:
            events = events.filter(at__date__gte=data["start"])
        if data["end"]:
            events = events.filter(at__date__lte=data["end"])
        return events


@login_required
@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    if not access.is_programme_lead(request.user):
        raise PermissionDenied("Only programme leads read the audit log.")
    form = AuditSearchForm(request.GET or None)
    page = Paginator(form.events(), EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "partnerships/audit_log.html", {"form": form, "page_obj": page, "events": page}
    )
