"""What moves with a merge is derived from Person's relations; this test holds the whole list,
so that a new foreign key to Person (in any app) cannot be left behind by a merge unnoticed."""

from pokpong.people.duplicates import MERGE_EXCLUDED, merge_links, person_links

# Records that follow the person to the kept record (and back on an undo).
MOVED = {
    "cases.case.person",
    "cases.consent.person",
    "cases.identification.person",
    "cases.screening.person",
    "people.identitydocument.person",
    "people.person.merged_into",  # records merged into this one earlier now lead to the kept one
    "people.personalias.person",
    "prevention.hotlinecall.person",
}


def test_every_relation_to_a_person_either_moves_with_a_merge_or_is_excluded_with_a_reason():
    found = {link.key for link in person_links()}
    new = found - MOVED - set(MERGE_EXCLUDED)
    assert not new, (
        f"New relation(s) to Person: {sorted(new)}. Decide what a merge does with them: "
        "they move to the kept person unless listed, with the reason, in "
        "pokpong.people.duplicates.MERGE_EXCLUDED. Then add them to MOVED in this test "
        "(or leave them excluded) and check that an undo restores them."
    )
    gone = (MOVED | set(MERGE_EXCLUDED)) - found
    assert not gone, f"No longer relations to Person (update this test, MERGE_EXCLUDED): {gone}"
    assert {link.key for link in merge_links()} == MOVED
    assert all(reason.strip() for reason in MERGE_EXCLUDED.values())


def test_the_hidden_relations_are_found_too():
    """`Person._meta.related_objects` leaves out related_name="+" (the hotline call's person,
    the person index): the derivation must not."""
    from pokpong.people.models import Person

    visible = {
        f"{r.related_model._meta.label_lower}.{r.field.name}" for r in Person._meta.related_objects
    }
    assert "prevention.hotlinecall.person" not in visible
    assert "prevention.hotlinecall.person" in {link.key for link in person_links()}
