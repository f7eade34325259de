"""Background work on persons (run by the tasks worker, never in a request)."""

from django_tasks import task

from pokpong.people.duplicates import review_run


@task()
def find_duplicates(review_id: int) -> int:
    """Score the candidate pairs of one duplicate review; returns how many were found."""
    return review_run(review_id=review_id)
