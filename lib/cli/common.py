"""What every command shares: the exit codes of the command-line contract (DESIGN.md).

stdout carries only results, messages go to stderr; exit 0 done, 1 refused input (the
message says why), 2 usage error.
"""

from __future__ import annotations

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
