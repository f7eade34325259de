"""Outbound webhooks (#18): organisations subscribe a URL of theirs to referral and case events and
receive signed notices carrying ids and statuses only (never personal data)."""
