"""Data exchange with partner systems: HTCDS, CTDC, DHIS2 exports, outbound webhooks (#18)."""
