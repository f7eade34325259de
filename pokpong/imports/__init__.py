"""Bulk import of historical records from Excel and CSV files (issue #18)."""
