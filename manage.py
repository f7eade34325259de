#!/usr/bin/env python
"""Django's command-line utility, with the production settings unless told otherwise.

The production settings refuse to start without their secrets, so a command can never run by
accident with the demo's DEBUG and fixed keys: the demo says so (`make demo` sets
DJANGO_SETTINGS_MODULE=config.settings.demo).
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
