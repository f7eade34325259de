"""Indicator values: the M&E engine's aggregates for one period and scope, exactly as the
indicator dashboard shows them (monitoring.dashboard.figures_for: the same numbers, and for a
caller who may not see small numbers — `policy.sees_small_numbers` — the same suppression).
Aggregates only: no record, nothing personal, so nothing to audit.

Who: whoever may open the dashboard (`policy.can_view_dashboard`), over the provinces they may
report on (`policy.report_provinces_for`). `period` (FY2026, FY2026Q1, 2026, 2026Q3; default
the current fiscal year), `province` (an id; none: the country, for national callers only) and
`area` (all, target, rest) are checked; a bad one is a field error (400).
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_view_dashboard, report_provinces_for
from pokpong.api.viewsets import ApiView
from pokpong.monitoring.dashboard import AREAS, Filters, figures_for, sees_exact_numbers
from pokpong.monitoring.periods import Period, PeriodError, fiscal_year_of, parse
from pokpong.monitoring.results import Cell, IndicatorResult
from pokpong.places.models import Province


class CellSerializer(serializers.Serializer[Any]):
    value = serializers.IntegerField(allow_null=True, help_text="null when unknown or suppressed.")
    suppressed = serializers.BooleanField()


# "label" is also a field's own attribute: these two are declared without a class body.
ROW = inline_serializer(
    "IndicatorRow",
    {"key": serializers.CharField(), "label": serializers.CharField(), "cell": CellSerializer()},
)
BREAKDOWN = inline_serializer(
    "IndicatorBreakdown",
    {
        "dimension": serializers.CharField(),
        "label": serializers.CharField(),
        "additive": serializers.BooleanField(),
        "rows": ROW.__class__(many=True),
    },
)


class QuarterSerializer(serializers.Serializer[Any]):
    period = serializers.CharField()
    total = CellSerializer()


class IndicatorValueSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    computed = serializers.BooleanField()
    total = CellSerializer()
    target = serializers.IntegerField(allow_null=True)
    denominator = CellSerializer(allow_null=True)
    rate = serializers.CharField(allow_null=True)
    breakdowns = BREAKDOWN.__class__(many=True)
    quarters = QuarterSerializer(many=True)


class IndicatorValuesSerializer(serializers.Serializer[Any]):
    period = serializers.CharField()
    province = serializers.IntegerField(allow_null=True)
    area = serializers.CharField()
    suppressed = serializers.BooleanField(help_text="Small numbers are hidden for this caller.")
    results = IndicatorValueSerializer(many=True)


PARAMETERS = [
    OpenApiParameter("period", OpenApiTypes.STR, description="FY2026, FY2026Q1, 2026, 2026Q3."),
    OpenApiParameter("province", OpenApiTypes.INT, description="None: the whole country."),
    OpenApiParameter("area", OpenApiTypes.STR, enum=sorted(AREAS)),
]


def _cell(cell: Cell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {"value": None if cell.suppressed else cell.value, "suppressed": cell.suppressed}


def _result(result: IndicatorResult, quarters: list[IndicatorResult]) -> dict[str, Any]:
    return {
        "code": result.code,
        "name": result.name,
        "unit": result.unit,
        "computed": result.computed,
        "total": _cell(result.total),
        "target": result.target,
        "denominator": _cell(result.denominator),
        # A rate comes from the total: hidden with it.
        "rate": None if result.rate is None or result.total.suppressed else str(result.rate),
        "breakdowns": [
            {
                "dimension": b.dimension,
                "label": b.label,
                "additive": b.additive,
                "rows": [{"key": r.key, "label": r.label, "cell": _cell(r.cell)} for r in b.rows],
            }
            for b in result.breakdowns
        ],
        "quarters": [{"period": q.period.code, "total": _cell(q.total)} for q in quarters],
    }


class IndicatorValuesView(ApiView):
    """Every indicator's value for one period and scope, with breakdowns and quarters."""

    @extend_schema(parameters=PARAMETERS, responses=IndicatorValuesSerializer)
    def get(self, request: Request) -> Response:
        user = request.user
        if not isinstance(user, User) or not can_view_dashboard(user):
            raise NotFound  # as the dashboard page
        filters = _filters(user, request)
        figures = figures_for(user, filters)
        return Response(
            {
                "period": filters.period.code,
                "province": filters.province.pk if filters.province else None,
                "area": filters.area,
                "suppressed": not sees_exact_numbers(user, filters),
                "results": [_result(r, figures.quarters.get(r.code, [])) for r in figures.results],
            }
        )


def _filters(user: User, request: Request) -> Filters:
    """The period, province and area asked for, each checked (400 with the field's message)."""
    params = request.query_params
    errors: dict[str, list[str]] = {}
    period = _period(params.get("period", ""), errors)
    allowed = report_provinces_for(user)
    national = allowed is None
    provinces = list(
        Province.objects.all() if allowed is None else Province.objects.filter(pk__in=allowed)
    )
    province = _province(params.get("province", ""), provinces, national, errors)
    area = params.get("area", "all")
    if area not in AREAS:
        errors["area"] = [_("Choose one of: %(choices)s.") % {"choices": ", ".join(AREAS)}]
    if errors or period is None:
        raise ValidationError(errors)
    return Filters(
        period=period,
        province=province,
        area=area,
        indicator="",
        provinces=provinces,
        national=national,
    )


def _period(raw: str, errors: dict[str, list[str]]) -> Period | None:
    if not raw:
        return fiscal_year_of(timezone.localdate())
    try:
        return parse(raw)
    except PeriodError as error:
        errors["period"] = [str(error)]
        return None


def _province(
    raw: str, provinces: list[Province], national: bool, errors: dict[str, list[str]]
) -> Province | None:
    if not raw:
        if national:
            return None
        if len(provinces) == 1:
            return provinces[0]
        errors["province"] = [_("Choose one of the provinces you report on.")]
        return None
    chosen = next((p for p in provinces if str(p.pk) == raw.strip()), None)
    if chosen is None:
        errors["province"] = [_("Choose one of the provinces you report on.")]
    return chosen
