"""A whole fictitious world to crawl: the demo data, every encrypted field holding a sentinel.

Shared by the read-audit test and the hostile-input test. `world_build()` loads the demo data
(every role has a user), adds the records the demo lacks (documents, attachments, services,
a duplicate pair), then writes a distinctive sentinel into every encrypted field of every record,
so that a page showing personal data can be recognised from its body alone. `crawl()` signs in
as a user and follows every link, htmx URL and search form of our own pages, route by route.
"""

import datetime as dt
import itertools
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.apps import apps
from django.db import models
from django.urls import Resolver404, resolve

from pokpong.core.crypto import EncryptedTextField
from pokpong.desk.permissions_doc import OUR_NAMESPACES

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32
LAO_LETTERS = "ກຂຄງຈສຊຍດຕຖທນບປຜຝພຟມຢຣລວຫອຮ"
# Pages whose GET changes state or ends the session: never followed by the crawler.
NOT_FOLLOWED = {"desk:set_language", "accounts:sign_out_everywhere"}


@dataclass
class World:
    users: dict[str, Any]  # role -> a user holding it
    # sentinel -> the records whose audit entry may name it: the record and its owners
    sentinels: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    # pages no link of the demo data leads to (records in a state it does not hold)
    extra_urls: list[str] = field(default_factory=list)
    crawls: dict[str, Any] = field(default_factory=dict)  # role -> (user, Crawl), once crawled
    media: Any = None  # the folder of the world's attachments

    @property
    def pattern(self) -> "re.Pattern[str]":
        """Finds any sentinel in a text (longest first, so none hides another)."""
        ordered = sorted(self.sentinels, key=len, reverse=True)
        return re.compile("|".join(re.escape(s) for s in ordered))


def _letters(n: int, alphabet: str) -> str:
    out = ""
    for _ in range(4):
        n, rest = divmod(n, len(alphabet))
        out = alphabet[rest] + out
    return out


def _encrypted_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def _personal_models() -> list[type[models.Model]]:
    return [
        m for m in apps.get_models() if m.__module__.startswith("pokpong.") and _encrypted_fields(m)
    ]


def _owners(obj: models.Model, personal: set[type[models.Model]]) -> set[tuple[str, str]]:
    """The record and, through its foreign keys, every personal record it belongs to."""
    found = {(obj._meta.label_lower, str(obj.pk))}
    for f in obj._meta.concrete_fields:
        if isinstance(f, models.ForeignKey) and f.related_model in personal:
            parent = getattr(obj, f.name)
            if parent is not None:
                found |= _owners(parent, personal)
    return found


def _sentinel_for(model: type[models.Model], name: str, counter: Iterator[int]) -> str:
    n = next(counter)
    if name.endswith("_lo"):
        return "ຊຊ" + _letters(n, LAO_LETTERS)
    if name == "birth_date":
        return ""  # an exact date is shown reformatted; the other fields say enough
    if name == "filename":
        return "Qz" + _letters(n, string.ascii_lowercase) + ".png"
    if "phone" in name:
        return "0209" + f"{n:06d}"
    return "Qz" + _letters(n, string.ascii_lowercase)


def _webhook_records() -> None:
    """A webhook endpoint of the national administrator's organisation, with a failed delivery."""
    from pokpong.accounts.models import User
    from pokpong.exchange.tests.factories import WebhookDeliveryFactory

    admin = User.objects.get(username="admin")
    WebhookDeliveryFactory(endpoint__organisation=admin.organisation, endpoint__created_by=admin)


def _extra_records(manager: Any) -> None:
    """What the demo data does not hold: documents, an attachment, services, a duplicate pair."""
    from pokpong.cases import attachments
    from pokpong.cases.models import Attachment, Case
    from pokpong.people.models import DuplicatePair, DuplicateReview, IdentityDocument, Person
    from pokpong.referrals.models import ServiceDelivery, ServiceType

    for person in Person.objects.all():
        IdentityDocument.objects.create(person=person, type="id_card", number="x")
    _webhook_records()
    service = ServiceType.objects.get(code="shelter")
    for case in Case.objects.select_related("organisation", "opened_by"):
        stored = attachments.store(PNG)
        Attachment.objects.create(
            case=case,
            title="x",
            filename="x.png",
            content_type=stored.content_type,
            size=stored.size,
            sha256=stored.sha256,
            storage_name=stored.storage_name,
            uploaded_by=case.opened_by,
            organisation=case.organisation,
        )
        ServiceDelivery.objects.create(
            case=case,
            service_type=service,
            provider=case.organisation,
            started_on=dt.date(2026, 11, 3),
            notes="x",
            recorded_by=case.opened_by,
        )
    twins = list(Person.objects.filter(province=manager.organisation.province).order_by("pk"))
    review = DuplicateReview.objects.create(requested_by=manager, status="done")
    DuplicatePair.objects.create(review=review, person_a=twins[0], person_b=twins[1], score=91.0)
    from pokpong.prevention.models import HotlineCall

    _transfer_asked(manager)
    _risk_assessment()
    _indicator_reports()
    _exports()
    _imports()
    _livelihoods(manager)
    _offline_conflict(manager)
    call = HotlineCall.objects.filter(referrals__isnull=True).order_by("pk").first()
    if call is not None:  # a potential case not referred yet
        call.person = twins[0]
        call.save(update_fields=["person"])


def _transfer_asked(manager: Any) -> None:
    """A case of the manager's office asked of another province's office (no demo data holds
    one): the transfer page is then reached by both offices."""
    from pokpong.accounts.models import Organisation
    from pokpong.cases.models import Case, CaseTransfer

    case = Case.objects.filter(organisation=manager.organisation).order_by("pk").first()
    other = (
        Organisation.objects.exclude(province=None)
        .exclude(province=manager.organisation.province_id)
        .order_by("pk")
        .first()
    )
    if case is not None and other is not None:
        CaseTransfer.objects.create(
            case=case,
            from_organisation=case.organisation,
            from_province=case.province,
            to_organisation=other,
            reason="x",
            requested_by=manager,
        )


def _offline_conflict(manager: Any) -> None:
    """A follow-up visit made offline by the manager to a case of the office, kept beside the
    recorded one (the conflict page, reached from the office's list)."""
    import json
    import uuid

    from pokpong.offline.models import OfflineSubmission, SubmissionStatus
    from pokpong.referrals.models import FollowUpVisit

    visit = FollowUpVisit.objects.filter(case__organisation=manager.organisation).first()
    if visit is not None:
        OfflineSubmission.objects.create(
            client_id=uuid.uuid4(),
            user=manager,
            kind="follow_up",
            status=SubmissionStatus.CONFLICT,
            visit=visit,
            payload=json.dumps({"done_on": "2026-11-21", "wellbeing": "good", "notes": "x"}),
        )


def _livelihoods(manager: Any) -> None:
    """Every kind of livelihood record on a case of the manager's office (the demo's few
    returned cases may hold none of some kinds), through the services."""
    from pokpong.cases.models import Case
    from pokpong.livelihoods import services as ls
    from pokpong.livelihoods.models import Employer

    case = Case.objects.filter(organisation=manager.organisation).order_by("pk").first()
    employer = Employer.objects.filter(province=manager.organisation.province).first()
    if case is None or employer is None:
        return
    day = dt.date(2026, 6, 1)
    ls.livelihood_assessment_record(
        user=manager, case=case, details=ls.AssessmentDetails(assessed_on=day, skills="x")
    )
    ls.vocational_training_record(
        user=manager,
        case=case,
        details=ls.TrainingDetails(provider=case.organisation, trade="x", started_on=day),
    )
    placement = ls.job_placement_record(
        user=manager,
        case=case,
        details=ls.PlacementDetails(
            employer=employer, position="x", started_on=day, wage_lak=1, contract_type="daily"
        ),
    )
    ls.retention_check_record(
        user=manager,
        check=placement.checks.get(month=3),
        details=ls.RetentionDetails(
            checked_on=dt.date(2026, 9, 2), still_employed=True, leaving_reason="x"
        ),
    )
    business = ls.business_support_record(
        user=manager,
        case=case,
        details=ls.BusinessDetails(
            business_type="shop", kind="cash", amount_lak=1, what="x", given_on=day
        ),
    )
    ls.business_check_record(
        user=manager, business=business, details=ls.BusinessCheckDetails(checked_on=day)
    )
    ls.financial_inclusion_record(
        user=manager,
        case=case,
        details=ls.FinanceDetails(kind="savings_group", institution="x", joined_on=day),
    )


def _risk_assessment() -> None:
    """A village assessed by the Salavan prevention officer (the demo has none), to correct."""
    from pokpong.accounts.models import User
    from pokpong.prevention.models import RiskAssessment
    from pokpong.prevention.risk import QUESTIONS, risk_level

    officer = User.objects.get(username="prevention.sl")
    office = officer.organisation
    assert office is not None and office.province is not None
    answers = {code: 1 for code, _label in QUESTIONS}
    RiskAssessment.objects.create(
        province=office.province,
        village="Ban Napho",
        assessed_on=dt.date(2026, 11, 2),
        answers=answers,
        score=sum(answers.values()),
        risk_level=risk_level(sum(answers.values())),
        organisation=office,
        assessed_by=officer,
    )


def _indicator_reports() -> None:
    """A finished indicator report of each reporting user (its download is linked from the page)."""
    from pokpong.accounts.models import User
    from pokpong.accounts.policy import Capability, roles_with
    from pokpong.monitoring.models import ReportRequest, ReportStatus

    reporters = User.objects.filter(role_assignments__role__in=roles_with(Capability.VIEW_REPORTS))
    for user in reporters.distinct():
        ReportRequest.objects.create(
            requested_by=user,
            period="2026Q4",
            province=user.organisation.province if user.organisation else None,
            status=ReportStatus.DONE,
            progress=100,
            content=b"PK\x03\x04",
            filename="indicators-2026Q4.xlsx",
        )


def _exports() -> None:
    """A finished export of each user who may export (its download is linked from the page)."""
    import datetime as dt

    from django.utils import timezone

    from pokpong.accounts.models import User
    from pokpong.accounts.policy import Capability, roles_with
    from pokpong.exchange.models import ExportRequest, ExportStatus
    from pokpong.exchange.storage import export_file_store

    exporters = User.objects.filter(
        role_assignments__role__in=roles_with(Capability.EXPORT_ANONYMISED)
    )
    for user in exporters.distinct():
        ExportRequest.objects.create(
            requested_by=user,
            kind="ctdc",
            parameters={"k": 11},
            status=ExportStatus.DONE,
            progress=100,
            storage_name=export_file_store(b"yearOfRegistration\n"),
            filename="ctdc-global-dataset-k11.csv",
            content_type="text/csv; charset=utf-8",
            finished_at=timezone.now(),
            expires_at=timezone.now() + dt.timedelta(days=1),
            summary={
                "written": 0,
                "suppressed": 0,
                "generalised": 0,
                "without_consent": 0,
                "k": 11,
            },
        )


def _imports() -> None:
    """A checked import of a case worker and of a prevention officer, with a row error and a
    flagged row (the import pages, the errors download)."""
    from pokpong.accounts.models import User
    from pokpong.imports.models import ImportJob, ImportStatus

    for username, kind in (("caseworker.sv", "persons_cases"), ("prevention.sl", "activities")):
        ImportJob.objects.create(
            kind=kind,
            requested_by=User.objects.get(username=username),
            filename="history.xlsx",
            status=ImportStatus.CHECKED,
            rows=3,
            rows_done=3,
            valid_rows=2,
            error_rows=1,
            duplicate_rows=1,
            errors=[[4, "Sex", "Not in the list: x."]],
            duplicates=[{"row": 3, "same_as_row": 2, "person_id": None, "label": "2"}],
        )


def _extra_urls() -> list[str]:
    from django.urls import reverse

    from pokpong.cases.models import Case
    from pokpong.people.models import ArrivalGroup, DuplicatePair
    from pokpong.prevention.models import HotlineCall
    from pokpong.training.models import Enrolment

    urls = [reverse("people:group_detail", args=[g.pk]) for g in ArrivalGroup.objects.all()]
    urls += [reverse("people:duplicate_pair", args=[p.pk]) for p in DuplicatePair.objects.all()]
    calls = HotlineCall.objects.filter(person__isnull=False, referrals__isnull=True)
    urls += [reverse("prevention:call_refer", args=[c.pk]) for c in calls]
    from pokpong.cases.models import CaseTransfer

    urls += [reverse("cases:transfer_detail", args=[t.pk]) for t in CaseTransfer.objects.all()]
    from pokpong.referrals.models import Referral

    # the letter, printed by the referring office (one URL a route is crawled: the office's)
    sent = Referral.objects.filter(case__organisation__users__username="manager.sv")
    urls += [reverse("referrals:referral_letter_pdf", args=[r.pk]) for r in sent[:1]]
    # the work and income page of the case holding every kind of livelihood record (_livelihoods)
    held = Case.objects.filter(organisation__users__username="manager.sv").order_by("pk")
    urls += [reverse("livelihoods:case", args=[case.pk]) for case in held[:1]]
    for enrolment in Enrolment.objects.filter(certificate__isnull=False)[:1]:
        urls.append(reverse("training:certificate", args=[enrolment.pk]))
        urls.append(reverse("training:follow_up", args=[enrolment.pk]))
        urls.append(reverse("training:certificate_revoke", args=[enrolment.pk]))
    return urls


def world_build(*, persons: int = 16) -> World:
    from pokpong.accounts.models import User
    from pokpong.core.audit import audit_context
    from pokpong.demo.seed import DEMO_USERS, demo_seed
    from pokpong.people.models import Person
    from pokpong.people.name_index import index_rebuild

    with audit_context(label="test:world"):
        demo_seed(seed=1, persons=persons)
        _extra_records(User.objects.get(username="manager.sv"))
    users: dict[str, User] = {}
    for username, role, _org, _scope in DEMO_USERS:
        users.setdefault(str(role), User.objects.get(username=username))
    world = World(users=users, extra_urls=_extra_urls())
    counter = itertools.count(1)
    personal = _personal_models()
    for model in personal:
        names = _encrypted_fields(model)
        for obj in model._default_manager.order_by("pk"):
            for name in names:
                value = _sentinel_for(model, name, counter)
                if value:
                    setattr(obj, name, value)
                    world.sentinels[value] = _owners(obj, set(personal))
            obj.save(update_fields=[n for n in names if getattr(obj, n)])
    index_rebuild(persons=Person.objects.prefetch_related("aliases"))
    return world


# --- the crawler --------------------------------------------------------------------------


@dataclass
class FormFound:
    route: str
    action: str
    method: str
    fields: dict[str, list[str]]  # name -> the values the page offers (first: its default)
    kinds: dict[str, str]  # name -> input type, "select" or "textarea"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.hx: list[str] = []
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for key in ("hx-get", "hx-post"):
            if attrs.get(key):
                self.hx.append(attrs[key])
        if tag == "form":
            self._form = {
                "action": attrs.get("action", "") or attrs.get("hx-post", ""),
                "method": (attrs.get("method") or ("post" if "hx-post" in attrs else "get")),
                "fields": {},
                "kinds": {},
                "hx_get": attrs.get("hx-get", ""),
            }
            self.forms.append(self._form)
        form = self._form
        if form is None or not attrs.get("name"):
            return
        name = attrs["name"]
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset"}:
                return
            form["kinds"][name] = kind
            values = form["fields"].setdefault(name, [])
            if kind in {"checkbox", "radio"}:
                value = attrs.get("value", "on")
                if "checked" in attrs:
                    values.insert(0, value)
                else:
                    values.append(value)
            else:
                values.insert(0, attrs.get("value", ""))
        elif tag == "select":
            form["kinds"][name] = "select"
            form["fields"].setdefault(name, [])
            self._select = name
        elif tag == "option" and self._select:
            values = form["fields"][self._select]
            value = attrs.get("value", "")
            if "selected" in attrs:
                values.insert(0, value)
            elif value:
                values.append(value)
        elif tag == "textarea":
            form["kinds"][name] = "textarea"
            form["fields"].setdefault(name, [""])
            self._textarea = name

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def route_of(url: str) -> str | None:
    """The namespaced route name of one of our URLs, or None for anything else."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.namespace not in OUR_NAMESPACES or not match.url_name:
        return None
    return f"{match.namespace}:{match.url_name}"


def body_text(response: Any) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


@dataclass
class Visit:
    url: str
    route: str
    htmx: bool
    status: int
    body: str
    entries: list[Any]  # audit entries the request wrote


@dataclass
class Crawl:
    visits: list[Visit] = field(default_factory=list)
    forms: list[FormFound] = field(default_factory=list)


def _with_query(url: str, values: dict[str, str]) -> str:
    path = urlsplit(url).path
    query = dict(parse_qsl(urlsplit(url).query))
    query.update(values)
    return f"{path}?{urlencode(query)}" if query else path


def crawl(
    client: Any,
    user: Any,
    *,
    start: list[str],
    search_terms: list[str],
    per_route: int = 1,
) -> Crawl:
    """Every page of ours the user reaches by links, htmx URLs and GET forms (filled with the
    search terms), at most `per_route` URLs a route and set of parameters; what htmx fetches
    (hx-get, hx-post, forms with hx-get) is fetched plainly and as htmx."""
    from pokpong.core.models import AuditEntry

    client.force_login(user)
    result = Crawl()
    seen: set[tuple[str, bool]] = set()
    per: dict[str, int] = {}
    queue = [(url, False) for url in start]
    forms_seen: set[tuple[str, str]] = set()
    while queue:
        url, by_htmx = queue.pop(0)
        route = route_of(url)
        if (url, by_htmx) in seen or route is None or route in NOT_FOLLOWED:
            continue
        seen.add((url, by_htmx))
        signature = route + "?" + ",".join(sorted(k for k, _v in parse_qsl(urlsplit(url).query)))
        if per.get(signature, 0) >= per_route:
            continue
        per[signature] = per.get(signature, 0) + 1
        for htmx in (False, True) if by_htmx else (False,):
            last = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True)
            before = last.first() or 0
            headers = {"HX-Request": "true"} if htmx else {}
            response = client.get(url, headers=headers)
            body = body_text(response)
            entries = list(AuditEntry.objects.filter(sequence__gt=before))
            result.visits.append(Visit(url, route, htmx, response.status_code, body, entries))
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            page = _Page()
            page.feed(body)
            queue += [(u.split("#")[0], False) for u in page.links if u.startswith("/")]
            queue += [(u.split("#")[0], True) for u in page.hx if u.startswith("/")]
            for found in page.forms:
                action = found["action"] or url
                target = route_of(action.split("?")[0]) if action.startswith("/") else None
                target = target or route
                method = found["method"].lower()
                fill = {n: (v[0] if v else "") for n, v in found["fields"].items()}
                texts = [n for n, k in found["kinds"].items() if k in {"text", "search"}]
                targets = [(action, False)] if method == "get" else []
                targets += [(found["hx_get"], True)] if found["hx_get"] else []
                for get_url, htmx_too in targets:
                    for term in search_terms:
                        filled = {**fill, **dict.fromkeys(texts, term)}
                        queue.append((_with_query(get_url, filled), htmx_too))
                if (action, method) not in forms_seen:
                    forms_seen.add((action, method))
                    result.forms.append(
                        FormFound(target, action, method, found["fields"], found["kinds"])
                    )
    return result
