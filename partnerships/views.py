from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.reauthentication import reauthenticate_by_password
from allauth.account.utils import perform_login
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from partnerships import access, health, services, sign_in_links
from partnerships.caching import public_page
from partnerships.forms import AcceptInvitationForm, FunderInvitationForm, NewPasswordForm
from partnerships.models import Invitation, Membership, ProgrammeRole
from partnerships.privacy import retention


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work is; explain if they have no role yet."""
    user = request.user
    if access.is_programme_lead(user):
        return redirect("areas:list")
    if access.is_funder(user):
        return redirect("resources:reports")
    area_slugs = list(
        Membership.objects.filter(person=access.person_for(user))
        .values_list("area__slug", flat=True)
        .distinct()[:2]
    )
    if len(area_slugs) == 1:
        return redirect("areas:detail", area_slug=area_slugs[0])
    if area_slugs:
        return redirect("areas:list")
    return render(request, "partnerships/home_no_role.html")


@public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


@public_page
def privacy(request: HttpRequest) -> HttpResponse:
    # The retention table is the one the clean-up job applies, so the page cannot drift.
    return render(request, "pages/privacy.html", {"retention": retention.every_rule()})


def healthz(request: HttpRequest) -> HttpResponse:
    return health.response()


@login_required
@require_http_methods(["GET", "POST"])
def funder_invite(request: HttpRequest) -> HttpResponse:
    if not access.is_programme_lead(request.user):
        raise PermissionDenied("Only programme leads invite funders.")
    form = FunderInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invitation_create(
            invited_by=access.person_for(request.user),
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            role=ProgrammeRole.FUNDER,
        )
        messages.success(request, f"We will email the invitation to {form.cleaned_data['email']}.")
        return redirect("funder-invite")
    pending = (
        Invitation.objects.pending()
        .filter(role=ProgrammeRole.FUNDER)
        .select_related("email_message")
    )
    return render(request, "partnerships/funder_invite.html", {"form": form, "pending": pending})


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation_from_token(token)
    if invitation.status != "pending":
        return _invitation_unusable(request, invitation.status)

    if request.user.is_authenticated:
        return _accept_as_signed_in_user(request, invitation)
    if get_user_model().objects.filter(email__iexact=invitation.email).exists():
        login_url = f"{reverse('account_login')}?next={request.path}"
        return render(
            request,
            "partnerships/invitation_sign_in.html",
            {"invitation": invitation, "login_url": login_url},
        )

    form = AcceptInvitationForm(
        request.POST or None, email=invitation.email, initial={"full_name": invitation.full_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_create_from_invitation(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationUnusable as unusable:
            return _invitation_unusable(request, unusable.code)
        except IntegrityError:
            # A second submission raced the first to create the same account.
            return _invitation_unusable(request, "accepted")
        get_adapter(request).login(request, user)
        return _welcome(request, invitation)
    return render(
        request, "partnerships/invitation_accept.html", {"invitation": invitation, "form": form}
    )


@require_http_methods(["GET", "POST"])
def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    """A one-time link from `manage.py create_programme_lead`: choose a password, sign in.

    Then home, which sends a programme lead on to set up two-factor authentication.
    """
    user = sign_in_links.user_for_token(token)
    if user is None:
        return _sign_in_link_unusable(request)
    form = NewPasswordForm(request.POST or None, email=user.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_set_password_from_link(
                token=token, password=form.cleaned_data["password1"]
            )
        except services.SignInLinkUnusable:
            return _sign_in_link_unusable(request)
        # allauth's own sign-in, so an account that already has a second factor is asked
        # for it here rather than let in on the link alone.
        response = perform_login(request, user)
        if request.user.is_authenticated:
            # The password was chosen a moment ago: setting up two-factor authentication
            # need not ask for it again.
            reauthenticate_by_password(request)
        return response
    context = {
        "form": form,
        "email": user.email,
        "two_factor_next": settings.MFA_REQUIRED and not is_mfa_enabled(user),
    }
    return render(request, "partnerships/sign_in_link.html", context)


def _sign_in_link_unusable(request):
    return render(
        request,
        "partnerships/sign_in_link_unusable.html",
        {"minutes": settings.SIGN_IN_LINK_MINUTES},
        status=410,
    )


def _invitation_from_token(token):
    invitation_id = Invitation.id_from_token(token)
    invitation = (
        Invitation.objects.select_related("area").filter(pk=invitation_id).first()
        if invitation_id
        else None
    )
    if invitation is None or not invitation.token_matches(token):
        raise Http404("No such invitation.")
    return invitation


def _accept_as_signed_in_user(request, invitation):
    if invitation.email.lower() != request.user.email.lower():
        return _invitation_unusable(request, "wrong_email", status=403)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except services.InvitationUnusable as unusable:
            return _invitation_unusable(request, unusable.code)
        return _welcome(request, invitation)
    return render(request, "partnerships/invitation_confirm.html", {"invitation": invitation})


def _welcome(request, invitation):
    if invitation.area_id:
        role = invitation.get_role_display().lower()
        messages.success(request, f"Welcome. You have joined {invitation.area} as {role}.")
        return redirect(invitation.area)
    messages.success(request, "Welcome. You can now see the programme's published reports.")
    return redirect("home")


def _invitation_unusable(request, code, status=410):
    return render(
        request,
        "partnerships/invitation_unusable.html",
        {"reason": services.InvitationUnusable.REASONS[code], "code": code},
        status=status,
    )
