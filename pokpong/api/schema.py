"""The OpenAPI schema (drf-spectacular) and the documentation page (Swagger UI, our own files).

- `BearerTokenScheme` tells the schema how a token is sent.
- `add_error_responses` gives every operation the error answers it may give, all in the one
  shape (errors.py), so a client (and schemathesis) knows every status code to expect.
- `ApiDocsView` is drf-spectacular's Swagger UI without inline script or style: the page, its
  start-up script (served by the view itself) and its style sheet all come from our own origin,
  as the Content-Security-Policy wants (pokpong/core/web_security.py).
"""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularSwaggerSplitView

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "example": "invalid"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}
ERRORS = {
    "400": "Invalid input (see `fields`).",
    "401": "No token or session, or the token is unknown, revoked or expired.",
    "403": "A read-only token tried to write.",
    "404": "No such record, or one the caller may not see.",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "409": "The record changed since the version sent.",
    "415": "Unsupported media type.",
    "429": "Too many requests for this token.",
}
WRITES = {"post", "put", "patch", "delete"}
ONLY_FOR_WRITES = {"409", "415"}


class BearerTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "pokpong.api.auth.BearerTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "bearerFormat": "pkp_…"}


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular post-processing hook: the Error component and every error answer."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status, description in ERRORS.items():
                if status in ONLY_FOR_WRITES and method not in WRITES:
                    continue
                operation["responses"].setdefault(
                    status,
                    {"description": description, "content": {"application/json": {"schema": ref}}},
                )
    return result


class ApiDocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
