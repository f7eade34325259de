"""Benchmarks (`make bench`): the demo's fixed keys and fictitious data, with DEBUG off so
queries are not logged and pages are served as in production."""

from config.env import env_list

from .demo import *

DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
