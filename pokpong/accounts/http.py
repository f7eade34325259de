"""The request a view behind the login sees.

`LoginRequiredMiddleware` sends anonymous visitors to the sign-in page before any view that is not
marked `login_not_required` runs, so such a view's `request.user` is always a `User`. Annotating
the view's request with this class says so to the type checker; it changes nothing at run time.
"""

from pokpong.accounts.models import User
from pokpong.core.typing import HtmxHttpRequest


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User
