"""The actor gazetteer: curated canonical actors, their aliases and demonyms.

The data lives in ``lib/data/actors.yaml`` (shipped) and optionally ``<corpus>/actors.yaml``
(a corpus's own additions, same schema). This module loads and merges them, builds the lookup
tables the clean-up rules use and the EntityRuler patterns the pipeline puts in front of the
statistical recogniser. No spaCy model is needed here: patterns are tokenised with whatever
tokenizer the caller passes, so the blank pipeline and the full model agree.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lib.contracts import ACTOR_TYPES, SHIPPED_ACTORS
from lib.words import COMMON_ACRONYMS, normal_form, normalise_apostrophes

_FIELDS = {"name", "type", "aliases", "demonyms", "place_aliases", "surname", "country", "case_sensitive", "note"}

# Kinds of gazetteer match; they travel in the ruler's pattern id so the rules know what matched.
ALIAS, DEMONYM, SEAT, SURNAME = "alias", "demonym", "seat", "surname"

_SPACES = re.compile(r"\s+")


def _lower_form(text: str) -> str:
    """Case-folded, straight apostrophes, single spaces (accents kept)."""
    return _SPACES.sub(" ", normalise_apostrophes(text)).strip().casefold()


def strip_accents(text: str) -> str:
    """The text without combining accents: "Agnès" -> "Agnes", "António" -> "Antonio"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def normalise_key(text: str) -> str:
    """Lookup key for a surface form: case-folded, straight apostrophes, single spaces, no accents.

    Curly and straight apostrophes must look the same ("O’Neill" == "O'Neill"), a line
    break inside a name must not stop it matching, and a name written without its accents
    is the same name ("Agnes Callamard" == "Agnès Callamard"): English-language sources drop
    them as often as they keep them.
    """
    return strip_accents(_lower_form(text))


@dataclass(frozen=True)
class Actor:
    """One canonical actor of the gazetteer."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    place_aliases: tuple[tuple[str, str], ...] = ()  # (city, canonical place)
    surname: str | None = None
    country: str | None = None
    case_sensitive: bool = False


@dataclass(frozen=True)
class Match:
    """What a surface form can mean: an actor, and how the form refers to it."""

    actor: Actor
    kind: str  # ALIAS, DEMONYM, SEAT or SURNAME
    place: str | None = None  # for SEAT: the canonical city when read as a place


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used (bad YAML or schema); the message says where."""


def _as_list(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GazetteerError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(v for v in value if v.strip())


def _default_surname(name: str) -> str | None:
    words = name.split()
    return words[-1] if len(words) >= 2 else None


def _parse_entry(raw: object, where: str) -> Actor:
    if not isinstance(raw, dict) or "name" not in raw or "type" not in raw:
        raise GazetteerError(f"{where}: each entry needs at least 'name' and 'type': {raw!r}")
    unknown = set(raw) - _FIELDS
    if unknown:
        raise GazetteerError(f"{where}: unknown field(s) {sorted(unknown)} in entry {raw['name']!r}")
    kind = str(raw["type"]).upper()
    if kind not in ACTOR_TYPES:
        raise GazetteerError(f"{where}: type of {raw['name']!r} must be one of {ACTOR_TYPES}, not {raw['type']!r}")
    name = normalise_apostrophes(str(raw["name"]).strip())
    places = raw.get("place_aliases") or {}
    if isinstance(places, list):  # a bare list of cities: the city is its own place name
        places = {p: p for p in places}
    if not isinstance(places, dict):
        raise GazetteerError(f"{where}: place_aliases of {name!r} must be a mapping city -> place")
    surname: str | None
    if kind != "PERSON":
        surname = None
    elif "surname" in raw:
        surname = raw["surname"] or None
    else:
        surname = _default_surname(name)
    country = raw.get("country")
    return Actor(
        name=name,
        type=kind,
        aliases=_as_list(raw.get("aliases"), f"{where}: {name}"),
        demonyms=_as_list(raw.get("demonyms"), f"{where}: {name}"),
        place_aliases=tuple((str(k), str(v)) for k, v in places.items()),
        surname=surname,
        country=str(country) if country not in (None, False) else None,
        case_sensitive=bool(raw.get("case_sensitive", False)),
    )


def read_actor_file(path: Path) -> tuple[list[Actor], bytes]:
    """Parse one actors.yaml. Returns its actors and raw bytes (for the fingerprint).

    Kept per file state (path, size, modification time): the Document, Compare and Positions
    pages list the gazetteer's names on every view, and parsing the YAML again was a fifth of
    such a view (issue 21). Actors are frozen; the list is the caller's own.
    """
    info = Path(path).stat()
    actors, raw = _read_actor_file(str(path), info.st_size, info.st_mtime_ns)
    return list(actors), raw


@functools.lru_cache(maxsize=8)
def _read_actor_file(path_name: str, size: int, mtime_ns: int) -> tuple[tuple[Actor, ...], bytes]:
    path = Path(path_name)
    raw = path.read_bytes()
    try:
        # The C loader when built (same result; the pure-Python one takes ~1.5 s on the shipped file).
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(raw.decode("utf-8-sig"), Loader=loader) or {}  # a safe loader
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: not readable as YAML: {exc}") from exc
    entries = data.get("actors", []) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise GazetteerError(f"{path}: expected a list under 'actors'")
    return tuple(_parse_entry(e, str(path)) for e in entries), raw


@dataclass
class Gazetteer:
    """Merged actors plus the lookup tables built from them."""

    actors: list[Actor]
    fingerprint: str
    by_key: dict[str, list[Match]] = field(default_factory=dict)
    by_name: dict[str, Actor] = field(default_factory=dict)

    def lookup(self, text: str) -> list[Match]:
        """All readings of a surface form (case-insensitive key)."""
        return self.by_key.get(normalise_key(text), [])

    def lookup_exact(self, text: str) -> list[Match]:
        """Readings whose written form also agrees in case where the alias is case-sensitive."""
        return [m for m in self.lookup(text) if _case_ok(m, text)]

    def surface_forms(self) -> Iterable[tuple[str, Match]]:
        """Every (written form, reading) pair, as the ruler patterns need them."""
        for actor in self.actors:
            for form in (actor.name, *actor.aliases):
                yield form, Match(actor, ALIAS)
            for form in actor.demonyms:
                yield form, Match(actor, DEMONYM)
            for city, place in actor.place_aliases:
                yield city, Match(actor, SEAT, place)


def _case_ok(match: Match, text: str) -> bool:
    forms = _forms_of(match)
    one_word = len(text.split()) == 1
    if not one_word and not match.actor.case_sensitive:
        return True
    wanted = strip_accents(normalise_apostrophes(_SPACES.sub(" ", text).strip()))
    return any(wanted in {strip_accents(v) for v in _case_variants(f)} for f in forms)


def _forms_of(match: Match) -> list[str]:
    a = match.actor
    if match.kind == DEMONYM:
        return list(a.demonyms)
    if match.kind == SEAT:
        return [c for c, _ in a.place_aliases]
    if match.kind == SURNAME:
        return [a.surname] if a.surname else []
    return [a.name, *a.aliases]


def _case_variants(form: str) -> set[str]:
    """Written forms accepted for a one-word alias.

    Exact, plus the Title-case of an all-caps acronym of 4+ letters ("NATO" -> "Nato"),
    because British house style writes long acronyms that way. Short acronyms ("US", "ISO")
    stay exact: their Title-case forms are ordinary words ("Us", "Iso").
    """
    form = normalise_apostrophes(form)
    variants = {form}
    if form.isupper() and len(form) >= 4 and form.isalpha():
        variants.add(form.title())
    return variants


def _index(actors: list[Actor]) -> dict[str, list[Match]]:
    by_key: dict[str, list[Match]] = defaultdict(list)
    for actor in actors:
        for form in (actor.name, *actor.aliases):
            by_key[normalise_key(form)].append(Match(actor, ALIAS))
        for form in actor.demonyms:
            by_key[normalise_key(form)].append(Match(actor, DEMONYM))
        for city, place in actor.place_aliases:
            by_key[normalise_key(city)].append(Match(actor, SEAT, place))
    # A city that stands for its government ("Moscow") is read through its seat entry, which
    # knows both readings; a separate PLACE entry for the same city must not compete with it.
    for key, matches in by_key.items():
        if any(m.kind == SEAT for m in matches):
            by_key[key] = [m for m in matches if not (m.kind == ALIAS and m.actor.type == "PLACE")]
    # Surnames: only where one gazetteer person has it and it is not already another form
    # ("Castro" is two people; "Peters" could be anyone named in the article -> the document
    # rules handle those).
    surnames: dict[str, list[Actor]] = defaultdict(list)
    for actor in actors:
        if actor.type == "PERSON" and actor.surname:
            surnames[normalise_key(actor.surname)].append(actor)
    for key, people in surnames.items():
        if len({p.name for p in people}) == 1 and key not in by_key:
            by_key[key].append(Match(people[0], SURNAME))
    # De-duplicate readings (an alias listed twice) while keeping file order.
    out: dict[str, list[Match]] = {}
    for key, matches in by_key.items():
        seen: set[tuple[str, str]] = set()
        out[key] = [m for m in matches if not ((m.actor.name, m.kind) in seen or seen.add((m.actor.name, m.kind)))]
    return out


def load_gazetteer(extra: Path | str | None = None) -> Gazetteer:
    """Load the shipped gazetteer, merged with a corpus's ``actors.yaml`` when given.

    Entries of the extra file with the same ``name`` replace the shipped ones (so a corpus can
    correct an entry); other entries are added. A missing extra file is simply ignored.

    Raises:
        GazetteerError: a file is not valid YAML or breaks the schema.
    """
    actors, fingerprint = merged_actors(extra)
    gaz = Gazetteer(actors=actors, fingerprint=fingerprint)
    gaz.by_key = _index(actors)
    gaz.by_name = {a.name: a for a in actors}
    return gaz


def merged_actors(extra: Path | str | None = None) -> tuple[list[Actor], str]:
    """The actors of :func:`load_gazetteer` and its fingerprint, without the lookup tables.

    For readers that only list names and forms (the Actors page's alias lookup): building
    the lookup tables takes longer than reading the files.

    Raises:
        GazetteerError: a file is not valid YAML or breaks the schema.
    """
    actors, raw = read_actor_file(SHIPPED_ACTORS)
    digest = hashlib.sha256(raw)
    if extra is not None and Path(extra).is_file():
        more, more_raw = read_actor_file(Path(extra))
        digest.update(b"\0corpus\0" + more_raw)
        replaced = {a.name for a in more}
        actors = [a for a in actors if a.name not in replaced] + more
    return actors, digest.hexdigest()


_ACRONYM_FORM = re.compile(r"[A-Z][A-Z0-9&]*[A-Z0-9]|[A-Z](?:\.[A-Z])+\.?")


@functools.cache
def acronyms() -> frozenset[str]:
    """The acronyms that keep their capitals in a word's normal form (``lib.words.normal_form``).

    :data:`lib.words.COMMON_ACRONYMS` plus every one-word name or alias of the shipped
    gazetteer written in capitals ("NATO", "G7", "U.S." as "US"). The corpus's own
    ``actors.yaml`` is left out on purpose: normal forms are counted when the store is built
    and matched when a query is typed, and both must agree without knowing which corpus
    folder is open. Reads the YAML only (no spaCy); computed once per process.
    """
    actors, _ = read_actor_file(SHIPPED_ACTORS)
    found = set(COMMON_ACRONYMS)
    for actor in actors:
        for form in (actor.name, *actor.aliases):
            if _ACRONYM_FORM.fullmatch(form):
                found.add(form.replace(".", ""))
    return frozenset(found)


def acronym_form(surface: str) -> str:
    """``lib.words.normal_form`` with the gazetteer's acronyms: the normal form every view uses."""
    return normal_form(surface, acronyms())


def ruler_patterns(gaz: Gazetteer, tokenize: Callable[[str], list[str]]) -> list[dict]:
    """EntityRuler token patterns for every surface form.

    Args:
        gaz: the gazetteer.
        tokenize: splits a form into token texts exactly as the pipeline will.

    Returns:
        Patterns whose ``id`` is ``kind|key`` so the rule layer can look up all readings of
        the matched form (several actors may share "ISO" or "Labour"). Multi-word forms match
        case-insensitively ("UN security council") unless the actor is case-sensitive;
        one-word forms match as written (plus "Nato" for "NATO"), because "us", "labour" or
        "greens" in lower case are ordinary words.
    """
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()
    forms = list(gaz.surface_forms())
    forms += [(a.surname, Match(a, SURNAME)) for a in gaz.actors if a.surname]
    for form, match in forms:
        key = normalise_key(form)
        readings = gaz.by_key.get(key, [])
        if not any(r.kind == match.kind and r.actor.name == match.actor.name for r in readings):
            continue  # e.g. an ambiguous surname that the index dropped
        label = "DEMONYM" if match.kind == DEMONYM else match.actor.type
        if match.kind == SEAT:
            label = match.actor.type
        words = tokenize(form)
        if not words:
            continue
        pid = f"{match.kind}|{key}"
        if len(words) > 1 and not match.actor.case_sensitive:
            variants = [[{"LOWER": _lower_form(w)} for w in words]]
            if any(w != normalise_apostrophes(w) for w in words) or "'" in form:
                variants.append([{"LOWER": w.lower().replace("'", "’")} for w in words])
            if strip_accents(form) != form:  # "Agnes Callamard" for "Agnès Callamard"
                variants.append([{"LOWER": strip_accents(_lower_form(w))} for w in tokenize(strip_accents(form))])
        else:
            variants = []
            written = _case_variants(form)
            written |= {strip_accents(v) for v in written}  # "Eire" for "Éire"
            for v in sorted(written):
                toks = tokenize(v)
                variants.append([{"ORTH": t} for t in toks])
                if "'" in v:
                    variants.append([{"ORTH": t.replace("'", "’")} for t in toks])
        for pattern in variants:
            sig = (repr(pattern), pid)
            if sig in seen:
                continue
            seen.add(sig)
            patterns.append({"label": label, "pattern": pattern, "id": pid})
    return patterns
