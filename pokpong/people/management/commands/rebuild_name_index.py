from typing import Any

from django.core.management.base import BaseCommand

from pokpong.people.models import Person, PersonToken
from pokpong.people.name_index import index_rebuild, index_tidy


class Command(BaseCommand):
    help = "Rebuild the blind index of names (after changing POKPONG_BLIND_INDEX_KEY or rules)."

    def handle(self, *args: Any, **options: Any) -> None:
        PersonToken.objects.all().delete()
        total = index_rebuild(persons=Person.objects.prefetch_related("aliases").iterator(2000))
        index_tidy()
        self.stdout.write(f"{total} tokens for {Person.objects.count()} persons.")
