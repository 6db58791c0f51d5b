"""`python -m perfdesk` is the same as the `perfdesk` command."""

import sys

from perfdesk.cli import main

sys.exit(main())
