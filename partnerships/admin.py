from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from partnerships.models import Invitation, Membership, Organisation, Person, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_active", "is_staff", "last_login"]
    search_fields = ["email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector"]
    list_filter = ["sector"]
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["area"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "organisation", "programme_role"]
    list_filter = ["programme_role"]
    search_fields = ["full_name", "email"]
    autocomplete_fields = ["organisation", "user"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "role",
        "area",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role"]
    search_fields = ["email"]
    readonly_fields = ["nonce", "email_status", "accepted_at", "accepted_by"]

    @admin.display(description="Email")
    def email_status(self, invitation):
        email = getattr(invitation, "email_message", None)
        if email is None:
            return "-"
        sent = f", {email.sent_at:%d %b %Y %H:%M}" if email.sent_at else ""
        return f"{email.get_status_display()}{sent}"
