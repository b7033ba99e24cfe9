"""Tagging what areas heard and agreed with themes, and the themes themselves.

Facilitators tag the items of the areas they facilitate, many at once from a list;
programme leads tag anywhere and keep the list of themes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from learning import selectors, services
from learning.forms import LEARNING_KIND_CHOICES, TagForm, ThemeFormSet
from learning.models import Theme
from partnerships import access

LIST_ID = "tagging-list"
PER_PAGE = 50
TAGGING_KIND_CHOICES = [*LEARNING_KIND_CHOICES, ("action", "Actions")]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tagging(request):
    """The list of items to tag; a POST tags (or untags) the ticked ones and shows it again."""
    if not selectors.may_tag(request.user):
        raise PermissionDenied("Only facilitators and programme leads can tag insights.")
    areas = list(selectors.tagging_areas(request.user))
    area = request.GET.get("area", "")
    area = area if area in {choice.slug for choice in areas} else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in dict(TAGGING_KIND_CHOICES) else ""

    form = TagForm(
        request.POST or None,
        insights=selectors.taggable_insights(request.user),
        actions=selectors.taggable_actions(request.user),
    )
    if request.method == "POST" and form.is_valid():
        theme = form.cleaned_data["theme"]
        items = {
            "theme": theme,
            "insights": form.cleaned_data["insights"],
            "actions": form.cleaned_data["actions"],
        }
        if request.POST.get("untag"):
            changed = services.items_untag(**items)
            note = f"Took “{theme}” off {changed} item{'s' if changed != 1 else ''}."
        else:
            changed = services.items_tag(**items, by=access.person_for(request.user))
            note = f"Tagged {changed} more item{'s' if changed != 1 else ''} with “{theme}”."
        messages.success(request, note)
        if not request.htmx:
            return redirect(request.get_full_path())
        form = TagForm(
            insights=form.fields["insights"].queryset,
            actions=form.fields["actions"].queryset,
            initial={"theme": theme},
        )

    items = selectors.tagging_list(request.user, area=area, kind=kind)
    context = {
        "form": form,
        "page_obj": Paginator(items, PER_PAGE).get_page(request.GET.get("page")),
        "areas": areas,
        "area": area,
        "kind": kind,
        "kind_choices": TAGGING_KIND_CHOICES,
        "list_id": LIST_ID,
        "ticked_insights": set(request.POST.getlist("insights")) if form.is_bound else set(),
        "ticked_actions": set(request.POST.getlist("actions")) if form.is_bound else set(),
    }
    template = "learning/tagging.html"
    if request.htmx and request.htmx.target == LIST_ID:
        template += "#tag-list"
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def themes(request):
    """Programme leads rename the themes and add new ones, all on one form."""
    if not access.is_programme_lead(request.user):
        raise PermissionDenied("Only programme leads can change the themes.")
    formset = ThemeFormSet(request.POST or None, queryset=Theme.objects.all())
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save()
        messages.success(request, "Themes saved.")
        return redirect("learning:themes")
    return render(
        request,
        "learning/themes.html",
        {"formset": formset},
        status=400 if request.method == "POST" else 200,
    )
