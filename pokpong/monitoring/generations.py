"""Generation counters of the source models the indicator rules read.

A saved or deleted record of a source model bumps that model's counter when its transaction
commits (post_save, post_delete and m2m_changed, connected in `MonitoringConfig.ready()`); a cached
indicator result is keyed by the counters of the models its rule reads, so the next read after a
change computes afresh — in every process, as the counters live in the database.

Writes that bypass signals (`QuerySet.update()`, `bulk_create()`) do not bump: services that change
source records in bulk call `bump()` themselves, and every cached result also expires after
`POKPONG_INDICATOR_CACHE_SECONDS` (a day by default).
"""

import secrets
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from pokpong.monitoring.models import SourceGeneration

EPOCH = "__epoch__"  # a random number per database: a flushed database never reuses cached keys


def bump(label: str) -> None:
    """Add one to the counter of `label` (`app_label.ModelName`), now."""
    updated = SourceGeneration.objects.filter(model_label=label).update(
        generation=F("generation") + 1
    )
    if updated:
        return
    try:
        with transaction.atomic():
            SourceGeneration.objects.create(model_label=label, generation=1)
    except IntegrityError:  # created meanwhile by another process
        SourceGeneration.objects.filter(model_label=label).update(generation=F("generation") + 1)


def schedule_bump(label: str) -> None:
    """Bump `label` when the current transaction commits (now, outside a transaction). Each
    change schedules its own bump: a one-row UPDATE after the commit, never holding a lock
    while the transaction runs."""
    callback: Any = partial(bump, label)
    callback.monitoring_label = label
    transaction.on_commit(callback)


def generations(labels: Iterable[str]) -> dict[str, int]:
    """The current counters of `labels`, and the database's epoch."""
    wanted = {*labels, EPOCH}
    found = dict(
        SourceGeneration.objects.filter(model_label__in=wanted).values_list(
            "model_label", "generation"
        )
    )
    if EPOCH not in found:
        epoch = secrets.randbelow(2**62)
        try:
            with transaction.atomic():
                SourceGeneration.objects.create(model_label=EPOCH, generation=epoch)
        except IntegrityError:
            epoch = SourceGeneration.objects.get(model_label=EPOCH).generation
        found[EPOCH] = epoch
    return {label: found.get(label, 0) for label in sorted(wanted)}


def _changed(sender: type[models.Model], **kwargs: Any) -> None:
    if kwargs.get("raw"):  # fixtures being loaded
        return
    action = kwargs.get("action")
    if action is not None and not str(action).startswith("post_"):
        return
    schedule_bump(sender._meta.label)


def connect(labels: Iterable[str]) -> list[str]:
    """Connect the signals of the models named by `labels` (missing models are skipped)."""
    connected = []
    for label in sorted(set(labels)):
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        uid = f"monitoring-generation-{label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
        m2m_changed.connect(_changed, sender=model, dispatch_uid=f"{uid}-m2m")
        connected.append(label)
    _CONNECTED.update(model._meta.label for model in map(apps.get_model, connected))
    return connected


_CONNECTED: set[str] = set()  # the labels whose saves bump their counter (`connect`)


def schedule_bumps_for(models_: Iterable[type[models.Model]]) -> None:
    """After a bulk write (no signals): schedule the bump each saved record of these models
    would have scheduled — once a model, as the import keeps once a model anyway."""
    for model in models_:
        if model._meta.label in _CONNECTED:
            schedule_bump(model._meta.label)
