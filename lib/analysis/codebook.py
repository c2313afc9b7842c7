"""The codebook: categories with definitions and rules, read strictly; dictionary imports; export.

A codebook (``corpus/codebook.yaml``, format in ``../shared/DESIGN.md`` "Codebook") lists
categories, each with an ``id``, a ``label``, a ``definition`` shown to users and ``rules``.
A sentence is coded with a category when one of its rules fires and no ``exclude`` of the
category matches. A rule fires in a sentence when:

* one of its **triggers** is there — ``words`` / ``phrases`` (queries of the one query language,
  :mod:`lib.analysis.query`: words, phrases, ``*``/``?`` wildcards, ``lemma:``, ``re:``),
  ``lemmas`` (each a lemma, i.e. ``lemma:<x>``) or ``actors`` (canonical names of the mentions
  table: the sentence names the actor, demonyms included);
* and, when given, one of its ``near`` queries matches in the same sentence;
* and, when given, one of its ``near_actor`` actors is named in the same sentence;
* and, when given, one of its ``also_near`` queries matches too (a second word list: the
  sentence must have a word of ``near`` *and* one of ``also_near``, e.g. a left group and a
  word of reproach);
* and, when given ``after`` (category ids), the sentence before it in the same document is
  coded with one of those categories by rules without ``after`` — a sentence read in its place,
  as coders read it ("They betray internationalism." after a sentence naming the group);
* and none of its own ``exclude`` queries matches in the sentence.

The reader is strict: the YAML is walked node by node, and every problem (unknown key,
wrong type, duplicate id, an invalid query, an actor the gazetteer does not know, anchors
expanding past a size limit) is reported with its line, all at once (:class:`CodebookError`). Nothing in a
codebook is trusted: labels and definitions are shown through :mod:`lib.safe`, ids are
limited to ``a-z``, digits and hyphens (they travel in URLs).

Imports turn a quanteda YAML dictionary or a LIWC ``.dic`` file into a codebook whose
categories each have one word-list rule; :func:`codebook_table` and :func:`to_yaml` export it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from lib.analysis.query import QueryError, parse_query
from lib.contracts import POSITIONS_VERSION

MAX_BYTES = 1_000_000  # a codebook is a few KB; a dictionary import a few hundred
MAX_CATEGORIES = 200
MAX_QUERIES = 20_000  # in the whole codebook (a large LIWC dictionary has ~6,500 entries)
MAX_LABEL = 200
MAX_DEFINITION = 20_000
MAX_TITLE = 300
MAX_NODES = 100_000  # YAML values walked, aliases expanded
ID_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?")

QUERY_FIELDS = ("words", "phrases", "lemmas", "near", "also_near", "exclude")
ACTOR_FIELDS = ("actors", "near_actor")
CONTEXT_FIELDS = ("after",)  # category ids: the previous sentence's codes
RULE_FIELDS = (*QUERY_FIELDS, *ACTOR_FIELDS, *CONTEXT_FIELDS, "note")
CATEGORY_FIELDS = ("id", "label", "definition", "rules", "exclude", "note")
TOP_FIELDS = ("title", "description", "lists", "categories")

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"


class CodebookError(ValueError):
    """A codebook that cannot be used; ``messages`` names each problem with its line."""

    def __init__(self, messages: list[str], *, source: str = "codebook") -> None:
        self.messages = list(messages)
        self.source = source
        super().__init__(f"{source}: " + "; ".join(self.messages[:5])
                         + (f" (and {len(self.messages) - 5} more)" if len(self.messages) > 5 else ""))


@dataclass(frozen=True)
class Rule:
    """One rule of a category (see the module docstring). ``line`` is where it starts (1-based)."""

    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    lemmas: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    near_actor: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    also_near: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    note: str = ""
    line: int = 0

    @property
    def triggers(self) -> tuple[str, ...]:
        """The trigger queries as the query language reads them (lemmas as ``lemma:x``)."""
        return (*self.words, *self.phrases, *(f"lemma:{lemma}" for lemma in self.lemmas))

    def spec(self) -> dict[str, list[str]]:
        """What the rule matches (no note, no line): the part the codebook's version hashes."""
        return {f: list(getattr(self, f)) for f in (*QUERY_FIELDS, *ACTOR_FIELDS, *CONTEXT_FIELDS) if getattr(self, f)}


@dataclass(frozen=True)
class Category:
    """A category: id (in URLs), label, definition (shown to users), rules, exclusions."""

    id: str
    label: str
    definition: str = ""
    rules: tuple[Rule, ...] = ()
    exclude: tuple[str, ...] = ()
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class Codebook:
    """A validated codebook. ``version`` identifies its rules (labels and notes do not count)."""

    title: str
    categories: tuple[Category, ...]
    description: str = ""
    source: str = ""
    _by_id: dict[str, Category] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({c.id: c for c in self.categories})

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.categories]

    def category(self, category_id: str) -> Category | None:
        return self._by_id.get(str(category_id))

    def labels(self) -> dict[str, str]:
        return {c.id: c.label for c in self.categories}

    @property
    def version(self) -> str:
        """A short hash of every category's id, rules and exclusions, and of the coding code's
        version: the key of the cached codings (an edited label does not re-code the corpus)."""
        spec = [{"id": c.id, "rules": [r.spec() for r in c.rules], "exclude": list(c.exclude)}
                for c in self.categories]
        text = json.dumps(spec, sort_keys=True, ensure_ascii=False) + "\0" + POSITIONS_VERSION
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def queries(self) -> list[str]:
        """Every distinct query of the codebook, in order of first use."""
        out: dict[str, None] = {}
        for c in self.categories:
            for r in c.rules:
                for q in (*r.triggers, *r.near, *r.also_near, *r.exclude):
                    out.setdefault(q, None)
            for q in c.exclude:
                out.setdefault(q, None)
        return list(out)

    def actors(self) -> list[str]:
        """Every distinct actor the rules name."""
        out: dict[str, None] = {}
        for c in self.categories:
            for r in c.rules:
                for a in (*r.actors, *r.near_actor):
                    out.setdefault(a, None)
        return list(out)


# ---------------------------------------------------------------- reading YAML with lines

def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Reader:
    """Walks the composed YAML, collecting every problem with its line."""

    def __init__(self, source: str, known_actors: Collection[str] | None) -> None:
        self.source = source
        self.errors: list[str] = []
        self.visits = 0
        self.too_big = False
        self.known = None if known_actors is None else {str(a) for a in known_actors}
        self.known_folded = {} if self.known is None else {a.casefold(): a for a in self.known}
        self.n_queries = 0

    def error(self, node: yaml.Node | None, message: str) -> None:
        where = f"line {_line(node)}: " if node is not None else ""
        self.errors.append(where + message)

    def visit(self, node: yaml.Node) -> bool:
        # An alias (*name) is the anchored node itself, visited again: shared word lists are
        # welcome, but the walk is capped so that nested aliases ("billion laughs") cannot
        # expand into millions of values.
        self.visits += 1
        if self.visits > MAX_NODES:
            if not self.too_big:
                self.too_big = True
                self.error(node, f"the codebook is too large once its aliases (*name) are expanded (more than "
                                 f"{MAX_NODES:,} values).")
            return False
        return True

    def mapping(self, node: yaml.Node, allowed: Iterable[str], what: str) -> dict[str, yaml.Node] | None:
        if not self.visit(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping of keys to values.")
            return None
        allowed = tuple(allowed)
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or key not in allowed:
                shown = str(key)[:40] if key is not None else "a non-text key"
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                self.error(key_node, f"unknown key '{shown}' in {what}"
                           + (f" (did you mean '{hint[0]}'?)" if hint else f"; allowed: {', '.join(allowed)}") + ".")
                continue
            if key in out:
                self.error(key_node, f"'{key}' appears twice in {what}.")
                continue
            out[key] = value_node
        return out

    def text(self, node: yaml.Node, what: str, *, limit: int, required: bool = True) -> str:
        if not self.visit(node):
            return ""
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
            if required or not (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
                self.error(node, f"{what} must be text.")
            return ""
        value = str(node.value).strip()
        if required and not value:
            self.error(node, f"{what} is empty.")
        if len(value) > limit:
            self.error(node, f"{what} is too long ({len(value):,} characters; at most {limit:,}).")
            value = value[:limit]
        return value

    def strings(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node]]:
        """A list of texts (a single text is a list of one)."""
        if not self.visit(node):
            return []
        items = [node] if isinstance(node, yaml.ScalarNode) else node.value if isinstance(node, yaml.SequenceNode) else None
        if items is None:
            self.error(node, f"{what} must be a list of texts, e.g. [\"word\", \"a phrase\"].")
            return []
        out = []
        for item in items:
            if item is not node and not self.visit(item):
                continue
            if not isinstance(item, yaml.ScalarNode) or item.tag == _NULL or not str(item.value).strip():
                self.error(item, f"every entry of {what} must be a non-empty text.")
                continue
            out.append((" ".join(str(item.value).split()), item))
        return out

    def queries(self, node: yaml.Node, what: str, *, lemma: bool = False) -> tuple[str, ...]:
        out: list[str] = []
        for value, item in self.strings(node, what):
            self.n_queries += 1
            typed = f"lemma:{value}" if lemma else value
            if lemma and " " in value:
                self.error(item, f"'{value[:60]}' in {what}: a lemma is one word.")
                continue
            try:
                parse_query(typed)
            except QueryError as exc:
                self.error(item, f"'{value[:60]}' in {what}: {exc}")
                continue
            if value not in out:
                out.append(value)
        return tuple(out)

    def actor_names(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        out: list[str] = []
        for value, item in self.strings(node, what):
            if self.known is not None and value not in self.known:
                close = difflib.get_close_matches(value.casefold(), list(self.known_folded), n=1, cutoff=0.75)
                hint = self.known_folded.get(close[0]) if close else None
                self.error(item, f"no actor is called '{value[:60]}' in {what} (use a canonical name of the "
                                 "gazetteer or the mentions table" + (f"; did you mean '{hint}'?)" if hint else ")"))
                continue
            if value not in out:
                out.append(value)
        return tuple(out)


def _rule(reader: _Reader, node: yaml.Node, where: str) -> Rule | None:
    before = len(reader.errors)
    fields = reader.mapping(node, RULE_FIELDS, where)
    if fields is None:
        return None
    misspelt = len(reader.errors) > before  # an unknown key was reported: "needs a trigger" would be noise
    values: dict[str, object] = {"line": _line(node)}
    for name in QUERY_FIELDS:
        if name in fields:
            values[name] = reader.queries(fields[name], f"{where} '{name}'", lemma=name == "lemmas")
    for name in ACTOR_FIELDS:
        if name in fields:
            values[name] = reader.actor_names(fields[name], f"{where} '{name}'")
    if "after" in fields:
        values["after"] = tuple(v for v, _ in reader.strings(fields["after"], f"{where} 'after'"))
    if "note" in fields:
        values["note"] = reader.text(fields["note"], f"{where} 'note'", limit=MAX_DEFINITION, required=False)
    rule = Rule(**values)  # type: ignore[arg-type]
    if not rule.triggers and not rule.actors:
        given = [n for n in ("words", "phrases", "lemmas", "actors") if n in fields]
        if not given and not misspelt:  # (an empty list after errors was reported already)
            reader.error(node, f"{where} needs at least one of words, phrases, lemmas or actors.")
        return None
    return rule


def _category(reader: _Reader, node: yaml.Node, n: int) -> Category | None:
    fields = reader.mapping(node, CATEGORY_FIELDS, f"category {n}")
    if fields is None:
        return None
    if "id" not in fields:
        reader.error(node, f"category {n} has no 'id'.")
        return None
    cid = reader.text(fields["id"], f"category {n} 'id'", limit=60)
    if cid and not ID_RE.fullmatch(cid):
        reader.error(fields["id"], f"category id '{cid[:60]}' must be lower-case letters, digits and hyphens "
                                   "(e.g. nato-blamed), at most 60 characters.")
    where = f"category '{cid[:60]}'"
    label = reader.text(fields["label"], f"{where} 'label'", limit=MAX_LABEL) if "label" in fields else ""
    if "label" not in fields:
        reader.error(node, f"{where} has no 'label'.")
    definition = reader.text(fields["definition"], f"{where} 'definition'", limit=MAX_DEFINITION,
                             required=False) if "definition" in fields else ""
    rules: list[Rule] = []
    if "rules" in fields:
        rules_node = fields["rules"]
        if reader.visit(rules_node):
            if isinstance(rules_node, yaml.SequenceNode):
                for k, rule_node in enumerate(rules_node.value, start=1):
                    rule = _rule(reader, rule_node, f"{where} rule {k}")
                    if rule is not None:
                        rules.append(rule)
            elif not (isinstance(rules_node, yaml.ScalarNode) and rules_node.tag == _NULL):
                reader.error(rules_node, f"{where} 'rules' must be a list of rules (each starting with '- ').")
    exclude = reader.queries(fields["exclude"], f"{where} 'exclude'") if "exclude" in fields else ()
    note = reader.text(fields["note"], f"{where} 'note'", limit=MAX_DEFINITION, required=False) if "note" in fields else ""
    return Category(cid, label, definition, tuple(rules), exclude, note, _line(node))


def _compose(text: str, source: str) -> yaml.Node | None:
    try:
        # The C parser when built (marks and nodes alike; ~10x faster on a large codebook).
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise CodebookError([f"{where}not valid YAML ({exc.problem or exc.context})."], source=source) from None
    except yaml.YAMLError as exc:
        raise CodebookError([f"not valid YAML ({exc})."], source=source) from None


def parse_codebook(text: str, *, source: str = "codebook", known_actors: Collection[str] | None = None) -> Codebook:
    """Read and validate a codebook written in YAML.

    Args:
        text: the YAML text.
        source: the file name, for messages.
        known_actors: the canonical actor names rules may use (the gazetteer's and the mentions
            table's); None accepts any name.

    Returns:
        A :class:`Codebook`.

    Raises:
        CodebookError: with one message per problem, each naming its line.
    """
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise CodebookError([f"the file is too large for a codebook (more than {MAX_BYTES // 1000:,} KB)."],
                            source=source)
    root = _compose(text, source)
    if root is None:
        raise CodebookError(["the file is empty; a codebook needs a 'categories' list."], source=source)
    reader = _Reader(source, known_actors)
    top = reader.mapping(root, TOP_FIELDS, "the codebook")
    if top is None:
        raise CodebookError(reader.errors, source=source)
    title = reader.text(top["title"], "'title'", limit=MAX_TITLE, required=False) if "title" in top else ""
    description = reader.text(top["description"], "'description'", limit=MAX_DEFINITION,
                              required=False) if "description" in top else ""
    if "lists" in top:  # named word lists, there to be anchored (&name) and reused (*name) in rules
        node = top["lists"]
        names = [str(k.value) for k, _ in node.value if isinstance(k, yaml.ScalarNode)] \
            if isinstance(node, yaml.MappingNode) else []
        lists = reader.mapping(node, names, "'lists'")
        for name, node in (lists or {}).items():
            reader.strings(node, f"list '{name[:40]}'")
    categories: list[Category] = []
    if "categories" not in top:
        reader.error(root, "the codebook has no 'categories' list.")
    else:
        node = top["categories"]
        if not reader.visit(node):
            pass
        elif isinstance(node, yaml.SequenceNode):
            if len(node.value) > MAX_CATEGORIES:
                reader.error(node, f"too many categories ({len(node.value)}; at most {MAX_CATEGORIES}).")
            seen: dict[str, int] = {}
            for n, cat_node in enumerate(node.value[:MAX_CATEGORIES], start=1):
                category = _category(reader, cat_node, n)
                if category is None or not category.id:
                    continue
                if category.id in seen:
                    reader.error(cat_node, f"category id '{category.id}' is used twice (first on line {seen[category.id]}).")
                    continue
                seen[category.id] = category.line
                categories.append(category)
            if not node.value:
                reader.error(node, "'categories' is empty.")
        else:
            reader.error(node, "'categories' must be a list (each category starting with '- id: ...').")
    known_ids = {c.id for c in categories}
    for category in categories:
        for k, rule in enumerate(category.rules, start=1):
            for name in rule.after:
                if name not in known_ids:
                    hint = difflib.get_close_matches(name, sorted(known_ids), n=1)
                    reader.errors.append(f"line {rule.line}: category '{category.id}' rule {k} 'after' names no "
                                         f"category '{name[:60]}'" + (f"; did you mean '{hint[0]}'?" if hint else "."))
    if reader.n_queries > MAX_QUERIES:
        reader.error(None, f"too many words and phrases ({reader.n_queries:,}; at most {MAX_QUERIES:,}).")
    if reader.errors:
        raise CodebookError(reader.errors, source=source)
    return Codebook(title or "Codebook", tuple(categories), description, source)


def read_text(path: Path | str) -> str:
    """A codebook or dictionary file's text (UTF-8, a byte-order mark allowed).

    Raises:
        CodebookError: unreadable, too large, or not UTF-8.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CodebookError([f"the file is too large ({size:,} bytes; at most {MAX_BYTES:,})."], source=path.name)
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CodebookError(["the file is not UTF-8 text."], source=path.name) from None
    except OSError as exc:
        raise CodebookError([f"the file cannot be read ({exc.strerror or exc})."], source=path.name) from None


def load_codebook(path: Path | str, *, known_actors: Collection[str] | None = None) -> Codebook:
    """:func:`parse_codebook` of a file (see :func:`read_text`)."""
    path = Path(path)
    return parse_codebook(read_text(path), source=path.name, known_actors=known_actors)


# ---------------------------------------------------------------- imports

def _slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return text[:60].strip("-") or "category"


def _unique_id(name: str, taken: set[str]) -> str:
    base = _slug(name)
    cid, n = base, 2
    while cid in taken:
        suffix = f"-{n}"
        cid, n = base[: 60 - len(suffix)] + suffix, n + 1
    taken.add(cid)
    return cid


def _usable(pattern: str, where: str, notes: list[str]) -> str | None:
    """A dictionary entry as a query, or None (with a note) when the query language cannot read it."""
    value = " ".join(str(pattern).split())
    if not value:
        return None
    try:
        parse_query(value)
    except QueryError as exc:
        notes.append(f"{where}: '{value[:60]}' was left out ({exc})")
        return None
    return value


def _word_list_category(name: str, patterns: list[str], *, taken: set[str], definition: str) -> Category:
    return Category(_unique_id(name, taken), name[:MAX_LABEL] or "category", definition,
                    (Rule(words=tuple(dict.fromkeys(patterns))),) if patterns else ())


@dataclass
class Imported:
    """A dictionary turned into a codebook, and what could not be taken over (with lines)."""

    codebook: Codebook
    notes: list[str]


def from_quanteda_yaml(text: str, *, source: str = "dictionary.yml") -> Imported:
    """A quanteda YAML dictionary as a codebook: each key a category with one word-list rule.

    The format is what ``quanteda::as.yaml`` writes and ``dictionary(file=, format="YAML")``
    reads: a mapping of keys to lists of patterns, keys possibly nested (a nested key becomes
    "parent.child", as quanteda names it). Patterns are globs (``*``, ``?``) matched without
    regard to case; a pattern with spaces is a phrase — the query language reads them alike.

    Raises:
        CodebookError: not YAML, or not a mapping of keys to pattern lists (with lines).
    """
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise CodebookError([f"the file is too large (more than {MAX_BYTES // 1000:,} KB)."], source=source)
    root = _compose(text, source)
    reader = _Reader(source, None)
    notes: list[str] = []
    taken: set[str] = set()
    categories: list[Category] = []

    full = False

    def walk(node: yaml.Node, path: list[str]) -> None:
        nonlocal full
        if full or reader.too_big or not reader.visit(node):
            return
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or not str(key_node.value).strip():
                    reader.error(key_node, "every dictionary key must be a text.")
                    continue
                walk(value_node, [*path, str(key_node.value).strip()])
            return
        name = ".".join(path)
        if not path:
            reader.error(node, "a quanteda dictionary is a mapping of keys to lists of patterns.")
            return
        patterns: list[str] = []
        for value, item in reader.strings(node, f"key '{name[:60]}'"):
            query = _usable(value, f"line {_line(item)}", notes)
            if query is not None:
                patterns.append(query)
        if len(categories) >= MAX_CATEGORIES:
            reader.error(node, f"too many keys (at most {MAX_CATEGORIES} categories).")
            full = True
            return
        categories.append(_word_list_category(name, patterns, taken=taken,
                                              definition=f"Imported from the quanteda dictionary {source}, key '{name}'."))

    if root is None:
        raise CodebookError(["the file is empty."], source=source)
    walk(root, [])
    if reader.errors:
        raise CodebookError(reader.errors, source=source)
    if not categories:
        raise CodebookError(["no dictionary key with patterns was found."], source=source)
    return Imported(Codebook(f"Imported from {source}", tuple(categories), source=source), notes)


_LIWC_CONDITIONAL = re.compile(r"[()<>/]")


def from_liwc_dic(text: str, *, source: str = "dictionary.dic") -> Imported:
    """A LIWC ``.dic`` dictionary as a codebook: each category a word-list rule.

    The format (LIWC2001–2015, as quanteda's ``read_dict_liwc`` reads it): a header between two
    lines holding only ``%``, one category a line (``<number> <name>``, tab- or space-separated,
    more columns ignored); then one entry a line: a word or stem (``abandon*``; LIWC2015 allows
    phrases) followed by the numbers of its categories. Words are matched without regard to
    case. LIWC2007's conditional entries (``like (02 134)125/464``) have no equivalent here and
    are left out with a note, as are entries naming an unknown category number.

    Raises:
        CodebookError: no ``%`` header, a malformed header line, or no entries (with lines).
    """
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise CodebookError([f"the file is too large (more than {MAX_BYTES // 1000:,} KB)."], source=source)
    lines = text.splitlines()
    errors: list[str] = []
    notes: list[str] = []
    n = 0
    while n < len(lines) and not lines[n].strip():
        n += 1
    if n >= len(lines) or lines[n].strip() != "%":
        raise CodebookError([f"line {n + 1}: a LIWC dictionary starts with a line holding only '%'."], source=source)
    names: dict[str, str] = {}
    order: list[str] = []
    n += 1
    while n < len(lines) and lines[n].strip() != "%":
        raw = lines[n].strip()
        n += 1
        if not raw:
            continue
        parts = raw.split("\t") if "\t" in raw else raw.split(None, 1)
        parts = [p.strip() for p in parts if p.strip()]
        if len(parts) < 2 or not parts[0].isdigit():
            errors.append(f"line {n}: a category line is '<number> <name>', not '{raw[:60]}'.")
            continue
        number = str(int(parts[0]))
        if number in names:
            errors.append(f"line {n}: category number {number} is defined twice.")
            continue
        names[number] = parts[1]
        order.append(number)
        if len(order) > MAX_CATEGORIES:
            errors.append(f"line {n}: too many categories (at most {MAX_CATEGORIES}).")
            break
    if n >= len(lines):
        errors.append("the category header is not closed by a second line holding only '%'.")
    if errors:
        raise CodebookError(errors, source=source)
    words: dict[str, list[str]] = {number: [] for number in order}
    for k in range(n + 1, len(lines)):
        raw = lines[k].strip()
        if not raw:
            continue
        where = f"line {k + 1}"
        if _LIWC_CONDITIONAL.search(raw):
            notes.append(f"{where}: '{raw[:60]}' is a conditional entry; left out")
            continue
        parts = raw.split("\t") if "\t" in raw else raw.split()
        parts = [p.strip() for p in parts if p.strip()]
        k = len(parts)
        while k > 1 and parts[k - 1].isdigit():
            k -= 1
        entry, numbers = " ".join(parts[:k]), [str(int(p)) for p in parts[k:]]
        if not numbers:
            notes.append(f"{where}: '{raw[:60]}' names no category; left out")
            continue
        query = _usable(entry, where, notes)
        if query is None:
            continue
        for number in numbers:
            if number not in words:
                notes.append(f"{where}: '{entry[:60]}' names category {number}, which the header does not define")
                continue
            words[number].append(query)
    taken: set[str] = set()
    categories = tuple(_word_list_category(names[number], words[number], taken=taken,
                                           definition=f"Imported from the LIWC dictionary {source}, category "
                                                      f"{number} '{names[number]}'.")
                       for number in order)
    if not any(c.rules for c in categories):
        raise CodebookError(["no usable dictionary entries were found."], source=source)
    return Imported(Codebook(f"Imported from {source}", categories, source=source), notes)


def import_dictionary(path: Path | str, *, format: str | None = None) -> Imported:
    """Import a dictionary file: ``format`` "quanteda" (YAML) or "liwc" (.dic); guessed from the
    extension when None (``.dic`` LIWC, ``.yml``/``.yaml`` quanteda).

    Raises:
        CodebookError: unreadable file, unknown format, or the importer's refusal.
    """
    path = Path(path)
    kind = (format or "").lower() or ("liwc" if path.suffix.lower() == ".dic" else
                                      "quanteda" if path.suffix.lower() in (".yml", ".yaml") else "")
    if kind not in ("liwc", "quanteda"):
        raise CodebookError(["say which format the dictionary is in (quanteda or liwc); the file name does "
                             "not tell."], source=path.name)
    text = read_text(path)
    return from_liwc_dic(text, source=path.name) if kind == "liwc" else from_quanteda_yaml(text, source=path.name)


# ---------------------------------------------------------------- export

CODEBOOK_TABLE_COLUMNS = ["codebook_version", "category", "label", "definition", "rule", "field", "value"]


def codebook_table(codebook: Codebook) -> pd.DataFrame:
    """The codebook as a flat table (CSV, Parquet): one row per value of each rule field.

    ``rule`` is the rule's number in its category (0 for the category's own ``exclude``, and for
    a category with no rule a single row with empty field and value).
    """
    rows = []
    version = codebook.version
    for c in codebook.categories:
        before = len(rows)
        for k, r in enumerate(c.rules, start=1):
            for name in (*QUERY_FIELDS, *ACTOR_FIELDS, *CONTEXT_FIELDS):
                for value in getattr(r, name):
                    rows.append((version, c.id, c.label, c.definition, k, name, value))
        for value in c.exclude:
            rows.append((version, c.id, c.label, c.definition, 0, "exclude", value))
        if len(rows) == before:
            rows.append((version, c.id, c.label, c.definition, 0, "", ""))
    return pd.DataFrame(rows, columns=CODEBOOK_TABLE_COLUMNS)


def to_dict(codebook: Codebook) -> dict:
    """The codebook as plain data in the file format (for :func:`to_yaml`)."""
    cats = []
    for c in codebook.categories:
        entry: dict[str, object] = {"id": c.id, "label": c.label}
        if c.definition:
            entry["definition"] = c.definition
        entry["rules"] = [{**r.spec(), **({"note": r.note} if r.note else {})} for r in c.rules]
        if c.exclude:
            entry["exclude"] = list(c.exclude)
        cats.append(entry)
    out: dict[str, object] = {"title": codebook.title}
    if codebook.description:
        out["description"] = codebook.description
    out["categories"] = cats
    return out


def to_yaml(codebook: Codebook) -> str:
    """The codebook in the file format (what ``codebook.yaml`` holds), readable by :func:`parse_codebook`."""
    return yaml.safe_dump(to_dict(codebook), sort_keys=False, allow_unicode=True, width=100)
