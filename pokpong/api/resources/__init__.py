"""The API's resources, one module each; pokpong/api/urls.py lists their routes."""
