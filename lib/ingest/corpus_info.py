"""What a corpus is about: ``corpus/corpus.yaml`` (title, subject, description, curator, licence).

The file is optional: without it the Overview has no "about" section and citations name the
corpus by its size and dates, as before. With it, the Overview shows it first and every
citation names the corpus by its title, curator and licence. The file is no document (the
loader reads only text files) and no part of the corpus fingerprint.

Read strictly, like the codebook: every problem (not UTF-8, not YAML, not a mapping, an
unknown or repeated key, a value that is not text, a value too long) is reported with its line
at once, in words a curator can act on, and what can be read is still used.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lib.contracts import CORPUS_INFO_FILE
from lib.ingest.corpus import UNKNOWN, read_metadata

FIELDS = ("title", "subject", "description", "curator", "licence")
# Longest accepted value per field, in characters (a description is a paragraph or three).
LIMITS = {"title": 200, "subject": 300, "description": 3000, "curator": 300, "licence": 300}
SPELLINGS = {"license": "licence"}  # the American spelling is the same field
MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class CorpusInfo:
    """The corpus's description; a field not given is ''. ``problems``: what could not be read."""

    title: str = ""
    subject: str = ""
    description: str = ""
    curator: str = ""
    licence: str = ""
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        """True when no field is given (only problems, if anything)."""
        return not any(getattr(self, name) for name in FIELDS)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def read_corpus_info(directory: Path | str) -> CorpusInfo | None:
    """Read ``corpus.yaml`` of a corpus folder.

    Args:
        directory: the corpus folder.

    Returns:
        None when there is no such file (not an error); otherwise a :class:`CorpusInfo` with the
        fields that could be read and one message per problem (``problems``).
    """
    path = Path(directory) / CORPUS_INFO_FILE
    if not path.exists() and not path.is_symlink():
        return None
    name = CORPUS_INFO_FILE
    if not path.is_file():
        return CorpusInfo(problems=(f"{name} is not a file; the corpus description was left out.",))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return CorpusInfo(problems=(f"{name} could not be read ({exc.strerror or exc}).",))
    if len(raw) > MAX_BYTES:
        return CorpusInfo(problems=(f"{name} is {len(raw):,} bytes; a corpus description must be under "
                                    f"{MAX_BYTES // 1024} KB. It was left out.",))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return CorpusInfo(problems=(f"{name} line {line}: not UTF-8 text. Save the file as UTF-8.",))
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        what = getattr(exc, "problem", None) or "not valid YAML"
        return CorpusInfo(problems=(f"{name}{where}: {what}. Write one 'field: value' per line "
                                    f"(fields: {', '.join(FIELDS)}).",))
    if root is None:
        return CorpusInfo(problems=(f"{name} is empty. Give at least a title (fields: {', '.join(FIELDS)}).",))
    if not isinstance(root, yaml.MappingNode):
        return CorpusInfo(problems=(f"{name} line {_line(root)}: expected 'field: value' lines "
                                    f"(fields: {', '.join(FIELDS)}), found a {'list' if isinstance(root, yaml.SequenceNode) else 'single value'}.",))
    values: dict[str, str] = {}
    seen: dict[str, int] = {}
    problems: list[str] = []
    for key_node, value_node in root.value:
        key = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else ""
        line = _line(key_node)
        field_name = SPELLINGS.get(key.casefold(), key.casefold())
        if field_name not in FIELDS:
            close = difflib.get_close_matches(key.casefold(), list(FIELDS) + list(SPELLINGS), n=1, cutoff=0.6)
            hint = f" Did you mean '{SPELLINGS.get(close[0], close[0])}'?" if close else ""
            problems.append(f"{name} line {line}: unknown field '{key[:60]}' was ignored.{hint} "
                            f"Fields: {', '.join(FIELDS)}.")
            continue
        if field_name in seen:
            problems.append(f"{name} line {line}: '{field_name}' is given twice (first on line "
                            f"{seen[field_name]}); the first was kept.")
            continue
        seen[field_name] = line
        if not isinstance(value_node, yaml.ScalarNode):
            problems.append(f"{name} line {_line(value_node)}: '{field_name}' must be text, not a "
                            f"{'list' if isinstance(value_node, yaml.SequenceNode) else 'set of fields'}; it was ignored.")
            continue
        value = " ".join(str(value_node.value).split()) if field_name != "description" else str(value_node.value).strip()
        if len(value) > LIMITS[field_name]:
            problems.append(f"{name} line {_line(value_node)}: '{field_name}' is {len(value):,} characters; "
                            f"it was cut to {LIMITS[field_name]:,}.")
            value = value[: LIMITS[field_name] - 1].rstrip() + "…"
        values[field_name] = value
    info = CorpusInfo(**values, problems=tuple(problems))
    if info.empty and not problems:
        return CorpusInfo(problems=(f"{name} gives none of its fields ({', '.join(FIELDS)}).",))
    return info


def organisation_order(directory: Path | str) -> list[str]:
    """The corpus's organisations (short names) in the order ``metadata.csv`` first names them.

    ``metadata.csv`` is only ever appended to (the commit protocol), so an organisation added
    later comes later: colours assigned in this order stay put when organisations are added
    (:func:`lib.render.palette.org_colours`).
    """
    rows, _, _ = read_metadata(Path(directory))
    order = [(r.get("org_short", "") or r.get("organisation", "") or UNKNOWN).strip() for r in rows]
    return list(dict.fromkeys(o for o in order if o))
