"""A fixed-window counter in the cache: how many times a key was used in the current window."""

import time

from django.core.cache import cache


def throttle_allows(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one use of `key`; False once it was used more than `limit` times in this window."""
    window = int(time.time()) // window_seconds
    name = f"pokpong:throttle:{scope}:{key}:{window}"
    cache.add(name, 0, timeout=window_seconds + 60)
    try:
        used = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=window_seconds + 60)
        used = 1
    return used <= limit
