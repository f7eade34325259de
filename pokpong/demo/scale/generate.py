"""The national-scale generator: N fictitious persons with their records, reproducible with a
seed, written in bulk (`writer`). See docs/benchmarks.md (issue 20) for the proportions.

Persons are registered in order over the years (person i on the i-th part of the span), so the
newest records are the highest ids, as in a real register. Every random choice comes from one
`random.Random(seed)`, in the same order, so the same seed gives the same records (the ids too
in an empty database); only the ciphertexts differ (Fernet's random IV).
"""

import datetime as dt
import json
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, models, transaction

from pokpong.accounts.models import Role, User
from pokpong.cases.models import (
    Case,
    CaseNumberCounter,
    Consent,
    FormOfTrafficking,
    Identification,
    Screening,
)
from pokpong.cases.screening import Answer, FormVersion, indicators_for
from pokpong.core.audit import GENESIS, entry_hash
from pokpong.core.models import AuditEntry
from pokpong.demo.scale.names import Ciphers, Tokens, pools
from pokpong.demo.scale.setup import TARGET, TARGET_SHARE, Offices, courses, offices_and_users
from pokpong.demo.scale.writer import (
    Table,
    bulk_session,
    dangling_references,
    reset_sequences,
    vacuum_analyze,
)
from pokpong.justice.models import JusticeFile
from pokpong.livelihoods.models import LivelihoodAssessment
from pokpong.people.models import Person, PersonAlias, PersonToken, TokenStat
from pokpong.places.models import Country, District, Province
from pokpong.prevention.models import AwarenessActivity, HotlineCall
from pokpong.referrals.models import (
    FollowUpVisit,
    Referral,
    ReturnPlan,
    ServiceDelivery,
    ServiceType,
)
from pokpong.training.models import Enrolment, Participant, TrainingSession

START = dt.datetime(2017, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
SPAN = (END - START).total_seconds()
TODAY = END.date()
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
DESTINATIONS = ["TH", "TH", "TH", "TH", "CN", "CN", "MY", "MM", "KH", "JP", "KR"]
CONTROL = ["DebtBondage", "FalsePromises", "WithholdsDocuments", "PhysicalThreats", "TakesEarnings"]
GENERATOR = {"generator": "generate_scale"}


def person_code(number: int, seed: int) -> str:
    """A reference that looks random and never repeats: the person's number times an odd
    constant, modulo 32⁸ (a bijection), in the code alphabet."""
    value = (number * 0x9E3779B1 + seed * 0x5BD1E995) % (32**8)
    chars = []
    for _ in range(8):
        value, digit = divmod(value, 32)
        chars.append(ALPHABET[digit])
    return "P-" + "".join(chars)


@dataclass
class Summary:
    counts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    users: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, scope


class _Audit:
    """An audit entry as `entry_hash` reads it (no model instance: a million are made)."""

    __slots__ = (
        "action",
        "actor_id",
        "actor_username",
        "at",
        "changes",
        "extra",
        "hash",
        "ip_address",
        "object_id",
        "object_label",
        "object_type",
        "parent_id",
        "parent_type",
        "prev_hash",
        "sequence",
    )

    def __init__(self, at: dt.datetime, actor: User, action: str, kind: str, pk: int, label: str):
        self.at, self.actor_id, self.actor_username = at, actor.pk, actor.username
        self.action, self.object_type, self.object_id = action, kind, str(pk)
        self.object_label, self.extra = label, GENERATOR
        self.changes: dict[str, object] = {}
        self.ip_address, self.parent_type, self.parent_id = None, "", ""
        self.sequence, self.prev_hash, self.hash = 0, "", ""


class Generator:
    def __init__(self, *, persons: int, seed: int, batch: int, say: Callable[[str], None]):
        self.total, self.seed, self.batch, self.say = persons, seed, batch, say
        self.rng = random.Random(seed)  # noqa: S311  (reproducible fictitious data)
        self.cipher = Ciphers()
        self.tokens = Tokens()
        self.token_counts: Counter[int] = Counter()
        self.summary = Summary()
        self._tables: dict[str, Table] = {}
        self.copy = connection.vendor == "postgresql"

    # -- reference data ---------------------------------------------------------------------
    def prepare(self) -> None:
        provinces = list(Province.objects.order_by("pk"))
        self.offices: Offices = offices_and_users(provinces)
        self.courses = courses()
        self.provinces = {p.pk: p for p in provinces}
        self.districts: dict[int, list[int]] = {}
        for pk, province_id in District.objects.order_by("pk").values_list("pk", "province_id"):
            self.districts.setdefault(province_id, []).append(pk)
        target = [p for p in provinces if p.iso_code in TARGET]
        others = [p for p in provinces if p.iso_code not in TARGET and p.pk in self.districts]
        rest = 100 - sum(TARGET_SHARE.values())
        self.province_ids = [p.pk for p in target] + [p.pk for p in others]
        self.province_weights = list(
            _accumulate(
                [TARGET_SHARE[p.iso_code] for p in target] + [rest / len(others)] * len(others)
            )
        )
        self.countries = dict(Country.objects.values_list("alpha2", "pk"))
        self.lao = self.countries["LA"]
        self.forms = list(FormOfTrafficking.objects.order_by("pk").values_list("pk", flat=True))
        self.services = dict(ServiceType.objects.values_list("code", "pk"))
        self.given, self.family = pools(self.rng, self.total)
        self.answers = self._answer_pool()
        self.numbers: dict[tuple[int, int], int] = {
            (c.province_id, c.year): c.last for c in CaseNumberCounter.objects.all()
        }
        self.users_by_id = {u.pk: u for u in self.offices.users.values()}
        head = AuditEntry.objects.order_by("-sequence").only("sequence", "hash").first()
        self.sequence, self.prev_hash = (head.sequence, head.hash) if head else (0, GENESIS)
        self.phones = [
            self.cipher(f"020 {self.rng.randint(2000, 9999)} {self.rng.randint(1000, 9999)}")
            for _ in range(2000)
        ]
        for name, model, columns, with_id in TABLES:
            table = Table(model, columns, with_id=with_id)
            if with_id:
                table.start_ids()
            self._tables[name] = table
        self.person_number = self._tables["person"]._next

    def _answer_pool(self) -> list[tuple[str, str, str]]:
        """Screening answers (version, JSON, outcome): a few hundred drawn once."""
        pool = []
        for _ in range(400):
            version = self.rng.choice([FormVersion.SHORT, FormVersion.SHORT, FormVersion.LONG])
            answers = {
                i.code: self.rng.choices(Answer.values, weights=[2, 6, 1, 1])[0]
                for i in indicators_for(version)
            }
            yes = sum(1 for a in answers.values() if a == Answer.YES)
            outcome = (
                "possible_victim"
                if yes >= 4
                else "further_assessment"
                if yes >= 2
                else "not_indicated"
            )
            pool.append((str(version), json.dumps(answers), outcome))
        return pool

    def t(self, name: str) -> Table:
        return self._tables[name]

    # -- the run ----------------------------------------------------------------------------
    def run(self, *, skip_triggers: bool = True) -> Summary:
        started = time.perf_counter()
        self.prepare()
        with bulk_session(skip_triggers=skip_triggers) as skipped:
            self._load(started)
            if skipped:
                problems = dangling_references(t.model for t in self._tables.values())
                if problems:
                    raise RuntimeError("generated rows point nowhere: " + "; ".join(problems))
                self.say(f"  foreign keys checked ({time.perf_counter() - started:,.0f} s)")
        if vacuum_analyze(t.model for t in self._tables.values()):
            self.say(f"  VACUUM ANALYZE done ({time.perf_counter() - started:,.0f} s)")
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _load(self, started: float) -> None:
        done = 0
        while done < self.total:
            size = min(self.batch, self.total - done)
            with transaction.atomic():
                self._chunk(done, size)
                for table in self._tables.values():
                    if table.model is not TokenStat:
                        self.summary.counts[table.model.__name__] += table.flush()
            done += size
            self.say(
                f"  {done:,} persons, {sum(self.summary.counts.values()):,} rows "
                f"({time.perf_counter() - started:,.0f} s)"
            )
        with transaction.atomic():
            self._finish()

    def _finish(self) -> None:
        for (province_id, year), last in self.numbers.items():
            CaseNumberCounter.objects.update_or_create(
                province_id=province_id, year=year, defaults={"last": last}
            )
        stats = self.t("tokenstat")
        if TokenStat.objects.exists():  # --append: recount every token from the postings
            TokenStat.objects.all().delete()
            counts = PersonToken.objects.values("token").annotate(n=models.Count("person_id"))
            self.token_counts = Counter({r["token"]: r["n"] for r in counts.iterator()})
        for token, persons in self.token_counts.items():
            stats.add((token, persons))
        self.summary.counts["TokenStat"] = stats.flush()
        reset_sequences({t.model for t in self._tables.values() if t.with_id})

    # -- one chunk of persons ---------------------------------------------------------------
    def _chunk(self, first: int, size: int) -> None:
        rng = self.rng
        audits: list[_Audit] = []
        for index in range(first, first + size):
            self._person(rng, index, audits)
        for _ in range(max(1, size // 100) if self.total >= 100 else 0):
            self._activity(rng, first + rng.random() * size)
        for _ in range(size // 20):
            self._call(rng, first + rng.random() * size)
        for _ in range(size // 1000 if self.total >= 1000 else (1 if first == 0 else 0)):
            self._session(rng, first + rng.random() * size)
        audits.sort(key=lambda a: a.at)
        table = self.t("audit")
        for entry in audits:
            self.sequence += 1
            entry.sequence, entry.prev_hash = self.sequence, self.prev_hash
            entry.hash = self.prev_hash = entry_hash(entry)  # type: ignore[arg-type]
            table.add(
                (
                    table.next_id(),
                    entry.sequence,
                    entry.at,
                    entry.actor_id,
                    entry.actor_username,
                    entry.action,
                    entry.object_type,
                    entry.object_id,
                    entry.object_label,
                    "{}",
                    GENERATOR_JSON,
                    entry.prev_hash,
                    entry.hash,
                )
            )

    def _when(self, index: float, rng: random.Random) -> dt.datetime:
        """The moment person number `index` (of the run) was registered."""
        share = (index + rng.random()) / self.total
        return START + dt.timedelta(seconds=int(share * SPAN))

    def _staff(self, province_id: int, role: str) -> User:
        province = self.provinces[province_id]
        if province.iso_code in TARGET:
            return self.offices.user(role, province)
        return self.offices.user(Role.CASE_WORKER, None)

    def _person(self, rng: random.Random, index: int, audits: list[_Audit]) -> None:
        at = self._when(index, rng)
        day = at.date()
        province_id = rng.choices(self.province_ids, cum_weights=self.province_weights)[0]
        district_id = rng.choice(self.districts[province_id])
        office = self.offices.welfare[province_id]
        worker = self._staff(province_id, Role.CASE_WORKER)
        (given_lo, given_latin), (family_lo, family_latin) = (
            self.given.draw(rng),
            self.family.draw(rng),
        )
        script = rng.random()
        known_lo, known_latin = script < 0.85, script > 0.25
        g_lo = given_lo if known_lo else ""
        f_lo = family_lo if known_lo and rng.random() > 0.05 else ""
        g_la = given_latin[0] if known_latin else ""
        f_la = family_latin[0] if known_latin else ""
        sex = "female" if rng.random() < 0.68 else "male"
        year = rng.randint(max(1960, day.year - 60), day.year - 10)
        precision = rng.choice(["year", "year", "exact", "estimated"])
        born = (
            dt.date(year, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
            if precision == "exact"
            else ""
        )
        origin = rng.choice(self.province_ids) if rng.random() < 0.3 else province_id
        origin_district = rng.choice(self.districts[origin])
        phone = self.phones[rng.randrange(len(self.phones))] if rng.random() < 0.6 else ""
        pid = self.t("person").next_id()
        code = person_code(self.person_number + index + 1, self.seed)
        self.t("person").add(
            (
                pid,
                code,
                rng.choice(["", "nang", "thao"]),
                self.cipher(g_lo),
                self.cipher(f_lo),
                self.cipher(g_la),
                self.cipher(f_la),
                sex,
                self.cipher(born),
                year,
                precision,
                self.lao,
                '["lo"]',
                origin,
                origin_district,
                phone,
                office.pk,
                province_id,
                district_id,
                worker.pk,
                at,
                at,
            )
        )
        names = [(g_lo, f_lo), (g_la, f_la)]
        variants = given_latin[1:] + family_latin[1:]
        if known_latin and variants and rng.random() < 0.25:
            alias = (
                rng.choice(given_latin[1:]) if len(given_latin) > 1 else given_latin[0],
                rng.choice(family_latin[1:]) if len(family_latin) > 1 else family_latin[0],
            )
            self.t("alias").add(
                (
                    self.t("alias").next_id(),
                    pid,
                    "latin",
                    self.cipher(alias[0]),
                    self.cipher(alias[1]),
                )
            )
            names.append(alias)
        found = self.tokens.of(names, year // 5)
        tokens = self.t("token")
        if self.copy:
            tokens.add_text("".join([f"{pid}\t{token}\n" for token in found]))
        else:
            for token in found:
                tokens.add((pid, token))
        self.token_counts.update(found)
        audits.append(_Audit(at, worker, "create", "people.person", pid, code))
        adult = year <= day.year - 18
        if rng.random() < 0.75:
            self._screening(
                rng, pid, at, day, year, province_id, district_id, office.pk, worker, audits, adult
            )
        if adult and rng.random() < 0.6:
            self.t("consent").add(
                (
                    self.t("consent").next_id(),
                    pid,
                    True,
                    rng.random() < 0.9,
                    rng.random() < 0.2,
                    "self",
                    day,
                    rng.choice(["signed_form", "thumbprint", "verbal_witnessed"]),
                    worker.pk,
                    office.pk,
                    at,
                    at,
                )
            )

    def _screening(
        self,
        rng: random.Random,
        pid: int,
        at: dt.datetime,
        day: dt.date,
        year: int,
        province_id: int,
        district_id: int,
        office_id: int,
        worker: User,
        audits: list[_Audit],
        adult: bool,
    ) -> None:
        version, answers, outcome = self.answers[rng.randrange(len(self.answers))]
        self.t("screening").add(
            (
                self.t("screening").next_id(),
                pid,
                version,
                day,
                answers,
                outcome,
                not adult,
                worker.pk,
                office_id,
                at,
                at,
            )
        )
        if outcome == "possible_victim" and rng.random() < 0.5:
            police = self._staff(province_id, Role.POLICE_OFFICER)
            decided = min(day + dt.timedelta(days=rng.randint(1, 60)), TODAY)
            self.t("identification").add(
                (
                    self.t("identification").next_id(),
                    pid,
                    "victim" if rng.random() < 0.9 else "not_victim",
                    decided,
                    "ATD (bench)",
                    f"{rng.randint(1, 9999)}/ATD",
                    "recorded_by_police",
                    police.pk,
                    police.organisation_id,
                    at,
                    at,
                )
            )
        if rng.random() >= CASE_CHANCE[outcome]:
            return
        self._case(rng, pid, at, day, province_id, district_id, office_id, worker, audits)

    def _case(
        self,
        rng: random.Random,
        pid: int,
        at: dt.datetime,
        day: dt.date,
        province_id: int,
        district_id: int,
        office_id: int,
        worker: User,
        audits: list[_Audit],
    ) -> None:
        age = (TODAY - day).days
        if age > 730:
            weights = (0, 0, 3, 4, 13, 80)
        elif age > 180:
            weights = (2, 3, 25, 25, 20, 25)
        else:
            weights = (20, 15, 45, 10, 5, 5)
        status = rng.choices(STATUSES, weights=weights)[0]
        key = (province_id, day.year)
        self.numbers[key] = number = self.numbers.get(key, 0) + 1
        short = self.provinces[province_id].short_code
        case_number = f"{short}-{day.year}-{number:05d}"
        closed = status == "closed"
        closed_on = min(day + dt.timedelta(days=rng.randint(60, 900)), TODAY) if closed else None
        target = self.provinces[province_id].iso_code in TARGET
        manager = (
            self.offices.user(Role.PROVINCIAL_MANAGER, self.provinces[province_id])
            if target
            else worker
        )
        case_id = self.t("case").next_id()
        self.t("case").add(
            (
                case_id,
                case_number,
                province_id,
                district_id,
                pid,
                office_id,
                status,
                worker.pk,
                self.countries[rng.choice(DESTINATIONS)],
                rng.choice(
                    [
                        "returnee_screening",
                        "returnee_screening",
                        "hotline",
                        "police",
                        "family",
                        "ngo",
                    ]
                ),
                json.dumps(rng.sample(CONTROL, k=rng.randint(0, 3))),
                rng.choice(["", "friend", "acquaintance", "stranger", "family"]),
                rng.choices(["low", "medium", "high"], weights=[3, 5, 2])[0],
                closed_on,
                rng.choice(["reintegrated", "reintegrated", "lost_contact", "moved"])
                if closed
                else "",
                manager.pk if closed else None,
                worker.pk,
                at,
                at,
            )
        )
        self.t("case_form").add((case_id, self.forms[rng.randrange(len(self.forms))]))
        audits.append(_Audit(at, worker, "create", "cases.case", case_id, case_number))
        if rng.random() < 0.3:
            seen = min(at + dt.timedelta(days=rng.randint(1, 300)), END)
            audits.append(_Audit(seen, worker, "view", "cases.case", case_id, case_number))
        if status in ("registered", "screening"):
            return
        opened = at + dt.timedelta(days=rng.randint(1, 20))
        if rng.random() < 0.45:
            self._referral(rng, case_id, province_id, office_id, worker, opened)
        if rng.random() < 0.35:
            provider = self.offices.shelter.get(province_id, self.offices.welfare[province_id])
            start = min(opened.date(), TODAY)
            ended = min(start + dt.timedelta(days=rng.randint(7, 120)), TODAY)
            finished = status in ("follow_up", "closed") or rng.random() < 0.3
            self.t("delivery").add(
                (
                    self.t("delivery").next_id(),
                    case_id,
                    self.services[rng.choice(DELIVERED)],
                    provider.pk,
                    start,
                    ended if finished else None,
                    "completed" if finished else "ongoing",
                    Decimal(rng.randint(1, 40) * 50_000),
                    worker.pk,
                    opened,
                    opened,
                )
            )
        if status in ("reintegration", "follow_up", "closed"):
            returned = min(day + dt.timedelta(days=rng.randint(10, 90)), TODAY)
            self.t("return").add(
                (
                    self.t("return").next_id(),
                    case_id,
                    rng.choice(["family", "family", "community", "independent"]),
                    returned,
                    province_id,
                    district_id,
                    at,
                    at,
                )
            )
            for months in (1, 3, 6, 12):
                due = returned + dt.timedelta(days=30 * months)
                if due > TODAY + dt.timedelta(days=90):
                    break
                done = due <= TODAY and rng.random() < 0.8
                self.t("followup").add(
                    (
                        self.t("followup").next_id(),
                        case_id,
                        due,
                        office_id,
                        due if done else None,
                        rng.choice(WELLBEING) if done else "",
                        rng.choice(WELLBEING) if done else "",
                        rng.choice(WELLBEING) if done else "",
                        worker.pk if done else None,
                        at,
                        at,
                    )
                )
        if rng.random() < 0.3:
            self.t("livelihood").add(
                (
                    self.t("livelihood").next_id(),
                    case_id,
                    min(opened.date(), TODAY),
                    rng.choice(
                        ["none", "primary", "primary", "lower_secondary", "upper_secondary"]
                    ),
                    rng.choice([None, 0, 500_000, 2_000_000, 8_000_000]),
                    rng.choice(["none", "family", "broker", "moneylender"]),
                    rng.choice([None, 300_000, 800_000, 1_500_000]),
                    worker.pk,
                    opened,
                    opened,
                )
            )
        if rng.random() < 0.15:
            police = self._staff(province_id, Role.POLICE_OFFICER)
            filed = min(day + dt.timedelta(days=rng.randint(1, 60)), TODAY)
            stage = rng.choice(
                [
                    "not_started",
                    "investigating",
                    "investigating",
                    "sent_to_prosecutor",
                    "closed_no_charge",
                ]
            )
            self.t("justice").add(
                (
                    self.t("justice").next_id(),
                    case_id,
                    filed,
                    "ພະແນກຕ້ານການຄ້າມະນຸດ",
                    stage,
                    filed if stage != "not_started" else None,
                    police.pk,
                    opened,
                    opened,
                )
            )

    def _referral(
        self,
        rng: random.Random,
        case_id: int,
        province_id: int,
        office_id: int,
        worker: User,
        at: dt.datetime,
    ) -> None:
        to = self.offices.shelter.get(province_id, self.offices.national)
        status = rng.choice(
            ["requested", "accepted", "accepted", "completed", "completed", "declined"]
        )
        if at < END - dt.timedelta(days=60) and status == "requested":
            status = "completed"
        urgency = rng.choice(["emergency", "urgent", "routine", "routine"])
        hours = {"emergency": 24, "urgent": 72, "routine": 168}[urgency]
        answered = status != "requested"
        responded = at + dt.timedelta(hours=rng.randint(1, hours))
        referral_id = self.t("referral").next_id()
        self.t("referral").add(
            (
                referral_id,
                case_id,
                office_id,
                to.pk,
                self.services["shelter" if to.pk != self.offices.national.pk else "family_tracing"],
                urgency,
                status,
                worker.pk,
                at + dt.timedelta(hours=hours),
                worker.pk if answered else None,  # the receiving office has no bench user
                responded if answered else None,
                self.cipher("ບ່ອນເຕັມ (bench)") if status == "declined" else "",
                responded + dt.timedelta(days=30) if status in ("completed", "declined") else None,
                at,
                at,
            )
        )

    def _activity(self, rng: random.Random, index: float) -> None:
        at = self._when(index, rng)
        province_id = rng.choice(self.province_ids[:4])
        officer = self.offices.user(Role.PREVENTION_OFFICER, self.provinces[province_id])
        self.t("activity").add(
            (
                self.t("activity").next_id(),
                rng.choice(ACTIVITIES),
                at.date(),
                province_id,
                rng.choice(self.districts[province_id]),
                "ບ້ານນາໂພ (bench)",
                self.offices.welfare[province_id].pk,
                "ການເຄື່ອນຍ້າຍແຮງງານທີ່ປອດໄພ",
                rng.randint(0, 40),
                rng.randint(0, 40),
                rng.randint(5, 80),
                rng.randint(5, 80),
                officer.pk,
                at,
                at,
            )
        )

    def _call(self, rng: random.Random, index: float) -> None:
        at = self._when(index, rng)
        counsellor = self.offices.user(Role.HOTLINE_COUNSELLOR, None)
        province_id = rng.choices(self.province_ids, cum_weights=self.province_weights)[0]
        outcome = rng.choice(["informed", "informed", "referred", "no_action", "potential_case"])
        person = None
        if outcome == "potential_case":
            # a person registered up to here in this run (the call led to their registration)
            table = self.t("person")
            person = rng.randint(table._next - min(int(index) + 1, 1000) + 1, table._next)
            if person <= 0:
                outcome, person = "informed", None
        self.t("call").add(
            (
                self.t("call").next_id(),
                at,
                rng.choice(["phone_1362", "phone_1362", "phone_1362", "facebook", "walk_in"]),
                rng.choice(["self", "family", "community", "anonymous"]),
                rng.choice(
                    ["information", "safe_migration", "missing_person", "suspected_trafficking"]
                ),
                province_id,
                outcome,
                self.offices.hotline.pk,
                counsellor.pk,
                person,
                at,
                at,
            )
        )

    def _session(self, rng: random.Random, index: float) -> None:
        at = self._when(index, rng)
        province_id = rng.choice(self.province_ids[:4] * 3 + self.province_ids[4:])
        course = rng.choice(self.courses)
        trainer = self.offices.user(Role.TRAINER, None)
        starts = at.date()
        session_id = self.t("session").next_id()
        self.t("session").add(
            (
                session_id,
                course.pk,
                starts,
                starts + dt.timedelta(days=1),
                course.hours,
                "ຫ້ອງປະຊຸມແຂວງ (bench)",
                province_id,
                rng.choice(self.districts[province_id]),
                self.offices.national.pk,
                rng.random() < 0.3,
                rng.random() < 0.7,
                trainer.pk,
                at,
                at,
            )
        )
        for _ in range(rng.randint(12, 28)):
            (given_lo, _g), (family_lo, _f) = self.given.draw(rng), self.family.draw(rng)
            participant = self.t("participant").next_id()
            self.t("participant").add(
                (
                    participant,
                    f"{given_lo} {family_lo}",
                    rng.choice(["female", "male"]),
                    rng.choice(["under_25", "25_39", "25_39", "40_54", "55_plus"]),
                    self.offices.welfare[province_id].pk,
                    "ພະນັກງານ",
                    province_id,
                    at,
                    at,
                )
            )
            pre = rng.randint(20, 70)
            self.t("enrolment").add(
                (
                    self.t("enrolment").next_id(),
                    session_id,
                    participant,
                    Decimal(pre),
                    Decimal(min(100, pre + rng.randint(0, 40))),
                    course.hours if rng.random() < 0.9 else course.hours / 2,
                    at,
                    at,
                )
            )


def _accumulate(values: list[float]) -> list[float]:
    total, out = 0.0, []
    for v in values:
        total += v
        out.append(total)
    return out


# The chance a screening leads to a case, by its outcome.
CASE_CHANCE = {"possible_victim": 0.8, "further_assessment": 0.45, "not_indicated": 0.05}
STATUSES = ["registered", "screening", "active", "reintegration", "follow_up", "closed"]
WELLBEING = ["good", "good", "fair", "poor"]
DELIVERED = [
    "shelter",
    "medical",
    "psychosocial",
    "legal",
    "vocational_training",
    "food_basic_items",
]
ACTIVITIES = [
    "village_meeting",
    "school_session",
    "radio",
    "social_media",
    "market_event",
    "safe_migration",
]
GENERATOR_JSON = json.dumps(GENERATOR)

# name, model, the columns the generator writes (in the order of its tuples), explicit ids
TABLES: list[tuple[str, type[models.Model], list[str], bool]] = [
    (
        "person",
        Person,
        [
            "code",
            "title",
            "given_name_lo",
            "family_name_lo",
            "given_name_latin",
            "family_name_latin",
            "sex",
            "birth_date",
            "birth_year",
            "birth_date_precision",
            "nationality_id",
            "languages",
            "origin_province_id",
            "origin_district_id",
            "phone",
            "organisation_id",
            "province_id",
            "district_id",
            "registered_by_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    ("alias", PersonAlias, ["person_id", "script", "given_name", "family_name"], True),
    ("token", PersonToken, ["person_id", "token"], False),
    (
        "screening",
        Screening,
        [
            "person_id",
            "form_version",
            "screened_on",
            "answers",
            "outcome",
            "is_child",
            "screened_by_id",
            "organisation_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "consent",
        Consent,
        [
            "person_id",
            "for_services",
            "for_statistics",
            "for_photo",
            "given_by",
            "given_on",
            "method",
            "recorded_by_id",
            "organisation_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "identification",
        Identification,
        [
            "person_id",
            "decision",
            "decided_on",
            "police_unit",
            "reference",
            "basis",
            "recorded_by_id",
            "organisation_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "case",
        Case,
        [
            "number",
            "province_id",
            "district_id",
            "person_id",
            "organisation_id",
            "status",
            "caseworker_id",
            "country_of_exploitation_id",
            "came_to_light",
            "means_of_control",
            "recruiter_relationship",
            "risk_level",
            "closed_on",
            "closure_reason",
            "closed_approved_by_id",
            "opened_by_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    ("case_form", Case.forms_of_trafficking.through, ["case_id", "formoftrafficking_id"], False),
    (
        "referral",
        Referral,
        [
            "case_id",
            "from_organisation_id",
            "to_organisation_id",
            "service_type_id",
            "urgency",
            "status",
            "requested_by_id",
            "respond_by",
            "responded_by_id",
            "responded_at",
            "decline_reason",
            "closed_at",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "delivery",
        ServiceDelivery,
        [
            "case_id",
            "service_type_id",
            "provider_id",
            "started_on",
            "ended_on",
            "outcome",
            "cost_lak",
            "recorded_by_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "return",
        ReturnPlan,
        [
            "case_id",
            "return_type",
            "returned_on",
            "province_id",
            "district_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "followup",
        FollowUpVisit,
        [
            "case_id",
            "due_on",
            "assigned_organisation_id",
            "done_on",
            "wellbeing",
            "income",
            "safety",
            "visited_by_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "livelihood",
        LivelihoodAssessment,
        [
            "case_id",
            "assessed_on",
            "education_level",
            "debt_lak",
            "creditor",
            "baseline_income_lak",
            "assessed_by_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "justice",
        JusticeFile,
        [
            "case_id",
            "complaint_filed_on",
            "investigation_unit",
            "investigation_status",
            "investigation_opened_on",
            "created_by_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "activity",
        AwarenessActivity,
        [
            "type",
            "held_on",
            "province_id",
            "district_id",
            "village",
            "organisation_id",
            "topics",
            "girls",
            "boys",
            "women",
            "men",
            "recorded_by_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "call",
        HotlineCall,
        [
            "received_at",
            "channel",
            "caller_type",
            "topic",
            "province_id",
            "outcome",
            "organisation_id",
            "taken_by_id",
            "person_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "session",
        TrainingSession,
        [
            "course_id",
            "starts_on",
            "ends_on",
            "hours",
            "venue",
            "province_id",
            "district_id",
            "organisation_id",
            "gender_content",
            "first_responders",
            "created_by_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "participant",
        Participant,
        [
            "full_name",
            "sex",
            "age_group",
            "organisation_id",
            "position",
            "province_id",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "enrolment",
        Enrolment,
        [
            "session_id",
            "participant_id",
            "pre_score",
            "post_score",
            "hours_attended",
            "created_at",
            "updated_at",
        ],
        True,
    ),
    (
        "audit",
        AuditEntry,
        [
            "sequence",
            "at",
            "actor_id",
            "actor_username",
            "action",
            "object_type",
            "object_id",
            "object_label",
            "changes",
            "extra",
            "prev_hash",
            "hash",
        ],
        True,
    ),
    ("tokenstat", TokenStat, ["token", "persons"], False),
]


def generate(
    *,
    persons: int,
    seed: int,
    batch: int = 50_000,
    say: Callable[[str], None] = print,
    skip_triggers: bool = True,
) -> Summary:
    """Fill the database with `persons` fictitious persons and their records."""
    generator = Generator(persons=persons, seed=seed, batch=batch, say=say)
    summary = generator.run(skip_triggers=skip_triggers)
    summary.users = [
        (u.username, str(r.get_role_display()), r.province.short_code if r.province else "national")
        for u in User.objects.filter(username__startswith="bench.").order_by("username")
        for r in u.role_assignments.select_related("province")
    ]
    return summary
