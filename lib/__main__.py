"""``python -m lib <command>``: the command line (see lib/cli/main.py)."""

import sys

from lib.cli.main import main

sys.exit(main())
