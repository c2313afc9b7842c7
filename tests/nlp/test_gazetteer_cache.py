"""The gazetteer's YAML is parsed once per file state (issue 21), and again when the file changes."""

from __future__ import annotations

import os

import yaml

from lib.nlp import gazetteer


def test_parsed_once_per_file_state(tmp_path, monkeypatch):
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  - name: Acme Union\n    type: ORG\n", encoding="utf-8")
    parses = []
    real = yaml.load
    monkeypatch.setattr(gazetteer.yaml, "load", lambda *a, **k: parses.append(1) or real(*a, **k))

    first, raw = gazetteer.read_actor_file(path)
    again, raw_again = gazetteer.read_actor_file(path)
    assert [a.name for a in first] == [a.name for a in again] == ["Acme Union"]
    assert raw == raw_again and len(parses) == 1
    again.append("mine")  # the caller's own list: the next reader is unaffected
    assert len(gazetteer.read_actor_file(path)[0]) == 1

    path.write_text("actors:\n  - name: Acme Union\n    type: ORG\n  - name: Beta Front\n    type: ORG\n",
                    encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    changed, _ = gazetteer.read_actor_file(path)
    assert [a.name for a in changed] == ["Acme Union", "Beta Front"] and len(parses) == 2


def test_errors_are_not_kept(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("actors: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        try:
            gazetteer.read_actor_file(path)
        except gazetteer.GazetteerError:
            pass
        else:
            raise AssertionError("a broken file must be refused every time")
