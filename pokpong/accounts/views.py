"""Administrators' screens for users and organisations, and each user's own security page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from pokpong.accounts import policy, selectors, services
from pokpong.accounts.forms import (
    OrganisationForm,
    RoleAssignForm,
    UserCreateForm,
    UserForm,
    UserSearchForm,
)
from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, can_assign_in, in_scope, requires
from pokpong.core.audit import audit_view
from pokpong.core.pagination import keyset_page

manage_users = requires(Capability.MANAGE_USERS)


@manage_users
def user_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    search = UserSearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    page_obj = keyset_page(request, selectors.user_list_for_user(user=request.user, query=query))
    locked = selectors.locked_usernames(
        usernames=[u.username for u in page_obj], limit=settings.AXES_FAILURE_LIMIT
    )
    context = {"page": page_obj, "search": search, "query": query, "locked": locked}
    return render(request, "accounts/user_list.html", context)


@manage_users
def user_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = selectors.organisation_list_for_user(user=request.user)
    form = UserCreateForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        password = services.temporary_password()
        user = services.user_create(
            password=password, must_change_password=True, **form.cleaned_data
        )
        return _show_temporary_password(request, user, password)
    return render(request, "accounts/user_form.html", {"form": form})


@never_cache
def _show_temporary_password(
    request: AuthenticatedHttpRequest, user: object, password: str
) -> HttpResponse:
    context = {"target": user, "password": password}
    return render(request, "accounts/temporary_password.html", context)


@manage_users
def user_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = selectors.user_get_for_user(user=request.user, pk=pk)
    organisations = selectors.organisation_list_for_user(user=request.user)
    form = UserForm(request.POST or None, instance=target, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        services.user_update(user=target, details=services.UserDetails(**form.cleaned_data))
        messages.success(request, _("Saved."))
        return redirect("accounts:user_detail", pk=target.pk)
    if request.method == "GET":
        audit_view(obj=target, fields=["username", "names", "email", "organisation"])
    context = {
        "target": target,
        "form": form,
        "role_form": RoleAssignForm(),
        "assignments": target.role_assignments.select_related("province", "district"),
        "is_locked": bool(
            selectors.locked_usernames(
                usernames=[target.username], limit=settings.AXES_FAILURE_LIMIT
            )
        ),
    }
    return render(request, "accounts/user_detail.html", context)


@manage_users
@require_POST
def user_role_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = selectors.user_get_for_user(user=request.user, pk=pk)
    form = RoleAssignForm(request.POST)
    if form.is_valid():
        province, district = form.cleaned_data["province"], form.cleaned_data["district"]
        if not can_assign_in(request.user, province=province, district=district):
            messages.error(request, _("You can only give roles within your own area."))
        else:
            services.role_assign(
                user=target, role=form.cleaned_data["role"], province=province, district=district
            )
            messages.success(request, _("Role given."))
        return redirect("accounts:user_detail", pk=target.pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))  # ErrorList yields the messages
    return redirect("accounts:user_detail", pk=target.pk)


@manage_users
@require_POST
def user_role_remove(
    request: AuthenticatedHttpRequest, pk: int, assignment_pk: int
) -> HttpResponse:
    target = selectors.user_get_for_user(user=request.user, pk=pk)
    assignment = selectors.role_assignment_get_for_user(
        user=request.user, target=target, pk=assignment_pk
    )
    services.role_remove(assignment=assignment)
    messages.success(request, _("Role removed."))
    return redirect("accounts:user_detail", pk=target.pk)


@manage_users
@require_POST
@never_cache
def user_password_reset(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = selectors.user_get_for_user(user=request.user, pk=pk)
    if target.pk == request.user.pk:
        raise Http404
    password = services.user_password_reset(user=target)
    return _show_temporary_password(request, target, password)


@manage_users
@require_POST
def user_unlock(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = selectors.user_get_for_user(user=request.user, pk=pk)
    services.user_unlock(user=target)
    messages.success(request, _("The account is unlocked."))
    return redirect("accounts:user_detail", pk=target.pk)


@manage_users
@require_POST
def user_mfa_reset(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = selectors.user_get_for_user(user=request.user, pk=pk)
    services.user_mfa_reset(user=target)
    messages.success(
        request, _("Two-factor authentication was reset; it is set up again at next sign-in.")
    )
    return redirect("accounts:user_detail", pk=target.pk)


@manage_users
@require_POST
def user_sessions_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = selectors.user_get_for_user(user=request.user, pk=pk)
    services.user_sessions_end(user=target)
    messages.success(request, _("The user is signed out on every device."))
    return redirect("accounts:user_detail", pk=target.pk)


@manage_users
def organisation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.organisation_list_for_user(user=request.user), 50)
    return render(
        request, "accounts/organisation_list.html", {"page": page.get_page(request.GET.get("page"))}
    )


@manage_users
def organisation_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    organisation = (
        selectors.organisation_get_for_user(user=request.user, pk=pk) if pk is not None else None
    )
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        candidate = form.save(commit=False)
        if not in_scope(
            request.user,
            Capability.MANAGE_USERS,
            province_id=candidate.province_id,
            district_id=candidate.district_id,
        ):
            form.add_error("province", _("You can only manage organisations within your own area."))
        else:
            services.organisation_save(organisation=candidate)
            messages.success(request, _("Saved."))
            return redirect("accounts:organisation_list")
    return render(
        request, "accounts/organisation_form.html", {"form": form, "organisation": organisation}
    )


def security(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own account security: password, two-factor, sessions, API tokens (for those
    who may hold or hand one out)."""
    user = request.user
    shows_tokens = policy.can_hold_personal_token(user) or policy.can_manage_integration_tokens(
        user
    )
    return render(request, "accounts/security.html", {"shows_tokens": shows_tokens})


@require_POST
def sign_out_everywhere(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.user_sessions_end(user=request.user)
    logout(request)
    return redirect("account_login")
