"""The REST API for partner systems: REST framework, tokens, the OpenAPI schema (#18)."""
