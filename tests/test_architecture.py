"""The house keeps its layers (issue "One house", ../shared/DESIGN.md "Layout").

Every import in lib/, pages/ and app.py is read with ``ast`` (function-level imports too: a
deferred import still ties two layers) and checked against the layering:

    contracts, words, safe  <  ingest  <  nlp  <  store  <  analysis  <  render  <  web
                                                                     cli: anything but web and render

A package may import its own modules and those of the packages below it, never above.
Third-party libraries stay in the package that owns them: ``streamlit`` in web/ (and pages),
``spacy`` in nlp/, ``plotly``/``wordcloud``/``matplotlib`` in render/ (and pages), ``dask`` and
``duckdb`` in store/. Two subprocess checks make sure the split holds at run time: the command
line does not load Streamlit, and the app's glue does not load spaCy (a warm start must not).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / "lib"

# Lower number = lower layer. The three shared modules sit at the bottom.
LAYERS = {"contracts": 0, "words": 0, "safe": 0, "ingest": 1, "nlp": 2, "store": 3, "analysis": 4, "render": 5,
          "web": 6}
CLI_MAY_NOT = {"web", "render"}
OWNERS = {  # third-party package → the only places that may import it
    "streamlit": {"web", "pages"},
    "spacy": {"nlp"},
    "plotly": {"render", "pages"},
    "wordcloud": {"render", "pages"},
    "matplotlib": {"render", "pages"},
    "dask": {"store"},
    "distributed": {"store"},
    "duckdb": {"store"},
}


def _sources() -> list[Path]:
    return sorted([*LIB.rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"])


def _place(path: Path) -> str:
    """The layer a file belongs to: a package of lib/, one of the shared modules, or 'pages'."""
    rel = path.relative_to(ROOT)
    if rel.parts[0] != "lib":
        return "pages"
    if len(rel.parts) == 2:
        return rel.stem  # lib/contracts.py, lib/words.py, lib/safe.py, lib/__main__.py, lib/__init__.py
    return rel.parts[1]


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, dotted module) of every import in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # "from lib.store import counts" imports the module lib.store.counts: name what was
            # taken (a name that is no module is trimmed back to its module when resolved).
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _lib_target(module: str) -> str | None:
    """The layer an imported ``lib...`` module belongs to."""
    parts = module.split(".")
    if parts[0] != "lib" or len(parts) < 2:
        return None
    return parts[1]


def layer_breaches() -> list[str]:
    out = []
    for path in _sources():
        here = _place(path)
        for line, module in _imports(path):
            where = f"{path.relative_to(ROOT)}:{line} imports {module}"
            top = module.split(".")[0]
            if top in OWNERS and here not in OWNERS[top]:
                out.append(f"{where} ({top} belongs to {', '.join(sorted(OWNERS[top]))})")
            target = _lib_target(module)
            if target is None or here == "pages":
                continue
            if here == "__main__":
                if target != "cli":
                    out.append(f"{where} (lib/__main__.py only calls the command line)")
            elif here == "cli":
                if target in CLI_MAY_NOT:
                    out.append(f"{where} (the command line does not use {target})")
            elif target == "cli" or LAYERS.get(target, -1) > LAYERS.get(here, 99):
                out.append(f"{where} ({here} may not import the layer above it, {target})")
    return out


def import_cycles() -> list[list[str]]:
    """Cycles among lib modules (every import, deferred ones too)."""
    def module_of(path: Path) -> str:
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    modules = {module_of(p): p for p in LIB.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps = set()
        for _, module in _imports(path):
            while module and module not in modules:
                module = module.rpartition(".")[0]
            if module and module != name and module != "lib" and not name.startswith(module + "."):
                deps.add(module)
        graph[name] = deps
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for dep in sorted(graph[node]):
            if state.get(dep) == "open":
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return cycles


class TestLayers:
    def test_no_import_runs_up_a_layer_or_out_of_its_owner(self):
        assert layer_breaches() == []

    def test_no_import_cycle(self):
        assert import_cycles() == []

    def test_every_package_has_a_layer(self):
        packages = {p.name for p in LIB.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
        assert packages == set(LAYERS) - {"contracts", "words", "safe"} | {"cli"}
        loose = {p.stem for p in LIB.glob("*.py")} - {"__init__", "__main__"}
        assert loose == {"contracts", "words", "safe"}

    def test_package_inits_import_nothing(self):
        for init in LIB.rglob("__init__.py"):
            modules = [m for _, m in _imports(init) if not m.startswith("__future__")]
            assert modules == [], f"{init.relative_to(ROOT)} imports {modules}"

    def test_main_calls_the_cli(self):
        text = (LIB / "__main__.py").read_text(encoding="utf-8")
        assert [m for _, m in _imports(LIB / "__main__.py") if m.startswith("lib")] == ["lib.cli.main.main"]
        assert "main()" in text

    def test_commands_are_registered_with_static_imports(self):
        for path in (LIB / "cli").glob("*.py"):
            assert "import_module" not in path.read_text(encoding="utf-8"), path.name
            assert "__import__" not in path.read_text(encoding="utf-8"), path.name


class TestTheCheckCanFail:
    """The checks above find what they are for (a check that cannot fail proves nothing)."""

    def test_a_breach_is_found(self, tmp_path, monkeypatch):
        fake = ROOT / "lib" / "ingest" / "_breach_probe.py"
        fake.write_text("from lib.web import urls\nimport streamlit\n", encoding="utf-8")
        try:
            breaches = layer_breaches()
        finally:
            fake.unlink()
        assert any("_breach_probe.py:1 imports lib.web" in b for b in breaches)
        assert any("_breach_probe.py:2 imports streamlit" in b for b in breaches)

    def test_a_cycle_is_found(self):
        a, b = ROOT / "lib" / "ingest" / "_cycle_a.py", ROOT / "lib" / "ingest" / "_cycle_b.py"
        a.write_text("from lib.ingest import _cycle_b\n", encoding="utf-8")
        b.write_text("def f():\n    from lib.ingest import _cycle_a\n", encoding="utf-8")
        try:
            cycles = import_cycles()
        finally:
            a.unlink()
            b.unlink()
        assert any("lib.ingest._cycle_a" in c and "lib.ingest._cycle_b" in c for c in cycles)


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


class TestWhatLoads:
    @pytest.mark.parametrize("command", ["annotate", "kwic"])
    def test_the_command_line_does_not_load_streamlit(self, command):
        loaded = _loaded_after(
            f"import runpy, sys\nsys.argv = ['lib', '{command}', '--help']\n"
            "try:\n    runpy.run_module('lib', run_name='__main__')\nexcept SystemExit:\n    pass")
        assert "lib.cli.main" in loaded and f"lib.cli.{command}" in loaded and "streamlit" not in loaded
        # --help answers at once: the heavy libraries are imported inside run(), not at import time.
        assert not {"pandas", "spacy", "regex", "lib.analysis.query"} & loaded

    def test_the_app_glue_does_not_load_spacy(self):
        loaded = _loaded_after("import lib.web, lib.web.ui, lib.web.cached, lib.web.urls, lib.render.html, "
                               "lib.analysis.terms, lib.analysis.actors, lib.analysis.reader, lib.analysis.compare")
        assert "streamlit" in loaded and "lib.web.cached" in loaded
        assert not {m for m in loaded if m == "spacy" or m.startswith("spacy.")}


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "pages").glob("*.py")) + ["app.py"])
def test_pages_do_not_reach_past_lib(page):
    # Pages lay out: spaCy, Dask and DuckDB come through lib, never straight into a page.
    path = ROOT / "pages" / page if page != "app.py" else ROOT / "app.py"
    tops = {m.split(".")[0] for _, m in _imports(path)}
    assert not tops & {"spacy", "dask", "duckdb", "pyarrow"}
