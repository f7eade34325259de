"""The national-scale generator (issue 20): `manage.py generate_scale`. Fictitious data only."""
