"""The API's routes, written out one by one (greppable; no router magic). Every route is
`login_not_required`: a token caller has no session, and REST framework authenticates it
(pokpong/api/auth.py); the documentation page alone asks for a signed-in browser."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import URLPattern, URLResolver, path, re_path
from drf_spectacular.views import SpectacularAPIView

from pokpong.api.resources import (
    case_parts,
    cases,
    indicators,
    person_records,
    persons,
    prevention,
    reference,
    referrals,
    training,
)
from pokpong.api.schema import ApiDocsView
from pokpong.api.viewsets import NotFoundView

app_name = "api"

LIST = {"get": "list"}
READ = {"get": "retrieve"}


def _open(view: Callable[..., Any]) -> Callable[..., Any]:
    return login_not_required(view)


def _resource(
    prefix: str, viewset: Any, *, create: bool = False, update: bool = False
) -> list[URLPattern]:
    """`prefix/` (list, and create) and `prefix/<pk>/` (read, and update) of one resource."""
    many = {**LIST, **({"post": "create"} if create else {})}
    one = {**READ, **({"put": "update", "patch": "partial_update"} if update else {})}
    return [
        path(f"{prefix}/", _open(viewset.as_view(many)), name=f"{prefix}_list"),
        path(f"{prefix}/<int:pk>/", _open(viewset.as_view(one)), name=f"{prefix}_detail"),
    ]


urlpatterns: list[URLPattern | URLResolver] = [
    path("schema/", _open(SpectacularAPIView.as_view()), name="schema"),
    # REST framework marks its views login_not_required: the page asks for the sign-in itself.
    path("docs/", login_required(ApiDocsView.as_view()), name="docs"),
    *_resource("persons", persons.PersonViewSet, create=True, update=True),
    *_resource("cases", cases.CaseViewSet, create=True, update=True),
    *_resource("screenings", person_records.ScreeningViewSet),
    *_resource("consents", person_records.ConsentViewSet),
    *_resource("identifications", person_records.IdentificationViewSet),
    *_resource("referrals", referrals.ReferralViewSet),
    *_resource("services", referrals.ServiceViewSet),
    *_resource("follow-ups", referrals.FollowUpViewSet),
    *_resource("case-plans", case_parts.CasePlanViewSet),
    *_resource("livelihood-assessments", case_parts.AssessmentViewSet),
    *_resource("vocational-trainings", case_parts.VocationalTrainingViewSet),
    *_resource("job-placements", case_parts.JobPlacementViewSet),
    *_resource("business-supports", case_parts.BusinessSupportViewSet),
    *_resource("financial-inclusions", case_parts.FinancialInclusionViewSet),
    *_resource("justice-files", case_parts.JusticeFileViewSet),
    *_resource("training-sessions", training.TrainingSessionViewSet),
    *_resource("training-participants", training.ParticipantViewSet),
    *_resource("prevention-activities", prevention.ActivityViewSet),
    *_resource("hotline-calls", prevention.HotlineCallViewSet),
    *_resource("provinces", reference.ProvinceViewSet),
    *_resource("districts", reference.DistrictViewSet),
    *_resource("countries", reference.CountryViewSet),
    *_resource("ethnic-groups", reference.EthnicGroupViewSet),
    *_resource("forms-of-trafficking", reference.FormOfTraffickingViewSet),
    path(
        "indicator-values/",
        _open(indicators.IndicatorValuesView.as_view()),
        name="indicator_values",
    ),
    path("choices/", _open(reference.ChoicesView.as_view()), name="choices"),
    # Anything else under /api/ (a negative id, a typo) answers the API's 404, not a page.
    re_path(r"^.*$", _open(NotFoundView.as_view())),
]
