"""``streamlit run`` with every script run profiled (cProfile), for finding what a page view repeats.

Each run of a page script (in Streamlit's script thread) is profiled on its own and its stats are
written to ``$PL_PROFILE_DIR/<n>-<page>.prof``; the work the server does outside the script thread
(sending the messages) is not in them, the harness's CPU figure has it.

Usage::

    PL_PROFILE_DIR=/tmp/prof python -m benchmarks.profiled_server app.py --server.port 8660 ...
    python -c "import pstats; pstats.Stats('/tmp/prof/3-Compare.prof').sort_stats('cumtime').print_stats(40)"
"""

from __future__ import annotations

import cProfile
import itertools
import os
import sys
import threading
import time
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner

OUT = Path(os.environ.get("PL_PROFILE_DIR", "/tmp/pl-profile"))
_count = itertools.count(1)
_lock = threading.Lock()
_original = script_runner.ScriptRunner._run_script


def _profiled(self, rerun_data):
    profile = cProfile.Profile(time.thread_time)  # CPU of the script thread, not wall time (a shared machine)
    profile.enable()
    try:
        return _original(self, rerun_data)
    finally:
        profile.disable()
        page = _page_of(profile)
        with _lock:
            n = next(_count)
        OUT.mkdir(parents=True, exist_ok=True)
        profile.dump_stats(str(OUT / f"{n:03d}-{page}.prof"))


def _page_of(profile: cProfile.Profile) -> str:
    # The page script is the one profiled file under pages/ (or app.py): name the dump after it.
    profile.create_stats()
    for (filename, _, _), _ in profile.stats.items():
        path = Path(filename)
        if path.parent.name == "pages" or path.name == "app.py":
            return path.stem
    return "run"


script_runner.ScriptRunner._run_script = _profiled

if __name__ == "__main__":
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    sys.exit(cli.main())
