"""Canonical names and roles for the mentions of one article (stages 4 and 5 of entities).

News names a person fully once and shortly after ("Dmitry Peskov" ... "Peskov"), spells
foreign names several ways ("Kim Jong-un", "Kim Jong Un"), introduces short forms in
brackets ("Badan Nasional Penanggulangan Bencana (BNPB)", "Joko Widodo (Jokowi)") and relies
on shared ones ("Korut", "AS", "Jokowi"). A reader resolves all of these within the article; so do we:

* :func:`apply_aliases`: brackets in the text first (the article's own word), then
  ``lang/id/aliases.tsv`` (only names every Indonesian reader resolves the same way);
* :func:`resolve_canonicals`: a person's shorter mention resolves to the nearest longer name
  of the article that contains it ("Kim" -> the Kim last named in full), and spellings that
  differ only by hyphens unify to the spaced form ("Kim Jong Un");
* :func:`attach_roles`: the office written before a name ("Menteri Luar Negeri Korea Utara
  Choe Son Hui", "Presiden Rusia, Vladimir Putin") or in apposition after it ("Peskov, juru
  bicara Kremlin,") is stored on every mention of that person.

    >>> name_key("Kim Jong-un") == name_key("Kim Jong Un")
    True
    >>> display_name("Kim Jong-un")
    'Kim Jong Un'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from warta.analyze.sentences import Token, tokenize
from warta.lang import read_lines, read_table

__all__ = [
    "COMPASS_WORDS",
    "Draft",
    "RoleWords",
    "apply_aliases",
    "attach_roles",
    "display_name",
    "known_label",
    "known_names",
    "name_key",
    "nickname_aliases",
    "resolve_canonicals",
    "role_words",
]

# Longest role phrase we attach, in tokens: "Wakil Ketua Umum Dewan Pimpinan Pusat Partai
# Golkar" is nine; anything longer is a clause, not a title.
MAX_ROLE_TOKENS = 10

# A bracket right after a mention that gives its short form: "(BNPB)", "(Jokowi)".
_BRACKET_RE = re.compile(r"\s*\(\s*([^\W\d_][\w.&'’-]*(?:\s+[\w.&'’-]+){0,2})\s*\)")


@dataclass(slots=True)
class Draft:
    """A mention while the entity step works on it (mutable; becomes a ``Mention``).

    ``first``/``last`` are token indices in sentence ``sentence`` (``last`` exclusive);
    ``canonical`` is filled by :func:`resolve_canonicals`, ``fixed`` when an alias decided it.
    """

    start: int
    end: int
    label: str
    sentence: int
    first: int
    last: int
    text: str = ""
    canonical: str = ""
    fixed: bool = False
    role: str | None = None
    cued: bool = False          # the text says it is a person ("Tumini, warga ..."): keep it


_WORDS = re.compile(r"\w+")


def name_key(name: str) -> list[str]:
    """Lower-cased word tokens of a name, hyphens treated as spaces: the unit of comparison."""
    return _WORDS.findall(name.replace("-", " ").casefold())


@lru_cache(maxsize=65_536)
def name_key_text(name: str) -> str:
    """``" ".join(name_key(name))``, remembered: the same names and words are keyed over and over."""
    return " ".join(name_key(name))


def display_name(text: str) -> str:
    """A person's name as printed, with space normalised and hyphenated parts spaced.

    "Kim Jong-un" -> "Kim Jong Un": the brief (and most Indonesian outlets) prefer the spaced
    form, and one spelling per person is what makes names comparable across articles.
    """
    words = []
    for word in text.split():
        if "-" in word and word[:1].isupper():
            parts = [p for p in word.split("-") if p]
            word = " ".join(p[:1].upper() + p[1:] for p in parts)
        words.append(word)
    return " ".join(words)


def _plain_name(text: str) -> str:
    return " ".join(text.split())


# A person's name never ends with a compass point; a place's often does ("Jakarta Selatan",
# "Balikpapan Utara", and the Javanese and Balinese village halves "Undaan Lor", "Padangsambian
# Kaja").
COMPASS_WORDS = frozenset({"utara", "selatan", "barat", "timur", "tengah", "tenggara", "laut", "raya",
                           "lor", "kidul", "kulon", "wetan", "kaja", "kelod", "kangin", "kauh"})


# -- data ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RoleWords:
    """The vocabulary of titles and roles, lower-cased and tokenised like the text."""

    titles: frozenset[str]        # role heads: "presiden", "juru bicara", "menteri luar negeri"
    honorifics: frozenset[str]    # stripped from names, never a role: "pak", "h.", "prof."
    parts: frozenset[str]         # lower-case words allowed inside a role phrase
    head_words: frozenset[str]    # every token of a role head, for the backward walk
    expansions: dict[str, str]    # short office forms: "menlu" -> "Menteri Luar Negeri"
    given_names: frozenset[str]   # "Putri", "Imam": titles that are also first names
    ranks: frozenset[str]         # "mayjen", "akbp": written straight before a name


def _phrase(text: str) -> str:
    return " ".join(t.casefold() for t, _, _ in tokenize(text))


@cache
def role_words() -> RoleWords:
    """Titles, honorifics and role words from ``per_title.txt``, ``roles.txt``, ``aliases.tsv``."""
    honorifics: set[str] = set()
    heads: set[str] = set()
    parts: set[str] = set()
    ranks: set[str] = set()
    for line in read_lines("id", "roles.txt"):
        phrase, _, kind = line.partition("\t")
        if kind.strip() == "rank":
            heads.add(_phrase(phrase))
        target = {"honorific": honorifics, "head": heads, "part": parts, "rank": ranks}.get(kind.strip())
        if target is not None:
            target.add(_phrase(phrase))
    expansions: dict[str, str] = {}
    for row in read_table("id", "aliases.tsv"):
        if len(row) >= 3 and row[2] == "ROLE":
            expansions[_phrase(row[0])] = row[1]
            heads.add(_phrase(row[0]))
            heads.add(_phrase(row[1]))
    for line in read_lines("id", "gazetteer/per_title.txt"):
        phrase = _phrase(line)
        if phrase and phrase not in honorifics:
            heads.add(phrase)
    head_words = frozenset(w for h in heads for w in h.split())
    # Given names: one-word lines, and the first words of full names unless they are titles
    # ("Paus Fransiskus" lists the Pope, whose "Paus" is an office, not a name).
    given: set[str] = set()
    for line in read_lines("id", "gazetteer/per_name.txt"):
        words = line.casefold().split()
        if len(words) == 1 or (words and words[0] not in heads):
            given.update(words)

    return RoleWords(frozenset(heads), frozenset(honorifics), frozenset(parts), head_words,
                     expansions, frozenset(given), frozenset(ranks))


@cache
def _alias_table() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(exact-case aliases, case-folded aliases) -> (canonical, kind), names only."""
    exact: dict[str, tuple[str, str]] = {}
    folded: dict[str, tuple[str, str]] = {}
    for row in read_table("id", "aliases.tsv"):
        if len(row) < 3 or row[2] == "ROLE":
            continue
        alias, canonical, kind = row[0], row[1], row[2]
        if alias.isupper():
            exact[alias] = (canonical, kind)
        else:
            folded[name_key_text(alias)] = (canonical, kind)
    return exact, folded


@cache
def _place_and_org_names() -> dict[str, str]:
    """Lower-cased gazetteer names of places and organisations, with their label."""
    out: dict[str, str] = {}
    files = {
        "LOC": ("loc_country.txt", "loc_id_region.txt", "loc_world_city.txt"),
        "ORG": ("org_company.txt", "org_government.txt", "org_media.txt", "org_party.txt"),
    }
    for label, names in files.items():
        for name in names:
            for line in read_lines("id", f"gazetteer/{name}"):
                out.setdefault(name_key_text(line), label)
    for row in read_table("id", "aliases.tsv"):
        if len(row) >= 3 and row[2] in ("LOC", "ORG"):
            out.setdefault(name_key_text(row[0]), row[2])
    return out


def known_names() -> frozenset[str]:
    """The keys (``name_key`` joined by spaces) of every place and body the data know."""
    return frozenset(_place_and_org_names())


def known_label(name: str) -> str | None:
    """"LOC" or "ORG" when the gazetteers or aliases know ``name`` as a place or body."""
    return _place_and_org_names().get(name_key_text(name))


# -- aliases ------------------------------------------------------------------------------

def apply_aliases(body: str, drafts: list[Draft], context: str = "") -> list[Draft]:
    """Fix canonical names (and labels) that an alias decides; return the drafts kept.

    A mention that is only a short office ("Menlu") is not an entity and is dropped. A
    person's alias from the data file ("Jokowi") only counts when the article (its body or
    ``context``: headline, captions) names the person in full: readers, and the gold, name
    people as the article does.
    """
    from_text = _bracket_aliases(body, drafts)
    exact, folded = _alias_table()
    said = ""      # the article's words, built when a person's alias first needs them
    expansions = role_words().expansions
    kept: list[Draft] = []
    for d in drafts:
        text = _plain_name(body[d.start:d.end])
        key = name_key_text(text)
        if key in expansions:
            continue
        hit = from_text.get(key)
        if hit is None:
            hit = exact.get(text) or (None if text.isupper() else folded.get(key))
            if hit is not None and hit[1] == "PER":
                said = said or f" {' '.join(name_key(body))} {' '.join(name_key(context))} "
                if f" {' '.join(name_key(hit[0]))} " not in said:
                    hit = None
        if hit is not None:
            d.canonical, d.label, d.fixed = hit[0], hit[1], True
        kept.append(d)
    return kept


def _bracket_aliases(body: str, drafts: list[Draft]) -> dict[str, tuple[str, str]]:
    """Short forms the article defines itself: "Full Name (ABBR)" -> {key(ABBR): (Full, label)}."""
    out: dict[str, tuple[str, str]] = {}
    for d in drafts:
        m = _BRACKET_RE.match(body, d.end)
        if m is None:
            continue
        short = m.group(1)
        if not short[:1].isupper():
            continue
        full = _plain_name(body[d.start:d.end])
        key = name_key_text(short)
        if key == name_key_text(full):
            continue
        if d.label == "PER":
            # "Vladimir Putin (Rusia)" is a gloss, not an alias: only a single unknown word.
            # "... dan Geofisika (BMKG)": a capital abbreviation names a body, not a person.
            if short.isupper() and len(short) > 1:
                d.label = "ORG"
                continue
            if " " in short or known_label(short) is not None:
                continue
            full = display_name(full)
        out.setdefault(key, (full, d.label))
    return out


# Words between two names that make the second another name of the first ("Abdul Muhari
# yang akrab disapa Aam", "Bambang Pamungkas atau lebih dikenal sebagai Bepe") ...
_NICKNAME_AFTER = re.compile(
    r"^\s*,?\s*(?:\(\s*)?(?:alias|atau|yang|dan)?\s*(?:lebih |biasa |akrab |kerap |juga |sering )*"
    r"(?:disapa|dipanggil|dikenal(?: dengan(?: nama)?| sebagai)?|bernama panggilan|alias)"
    r"(?: akrab| dengan)?\s*$")
# ... and those that make the first a nickname of the second ("Aam, sapaan akrab Abdul Muhari").
_NICKNAME_BEFORE = re.compile(r"^\s*,?\s*(?:sapaan|panggilan|nama panggilan)(?: akrab)?(?: dari)?\s*$")


def nickname_aliases(body: str, drafts: list[Draft]) -> None:
    """Resolve nicknames the text introduces, by fixing the nickname to the full name."""
    people = [d for d in drafts if d.label == "PER"]
    for a, b in pairwise(people):
        if a.sentence != b.sentence or b.start - a.end > 60:
            continue
        between = body[a.end:b.start]
        full, nick = (a, b) if _NICKNAME_AFTER.match(between) else \
            (b, a) if _NICKNAME_BEFORE.match(between) else (None, None)
        if full is None or nick is None:
            continue
        target = full.canonical if full.fixed else display_name(_plain_name(full.text))
        key = name_key(nick.text)
        for d in people:
            if name_key(d.text) == key:
                d.canonical, d.fixed = target, True


# -- canonical names ----------------------------------------------------------------------

# Where names from the headline and captions count as "mentioned": before the body, but
# further back than anything the body itself says.
_CONTEXT_POSITION = -10**6


def resolve_canonicals(drafts: list[Draft], context_names: Sequence[str] = ()) -> None:
    """Give every draft its canonical name; shorter person names resolve to fuller ones.

    ``context_names`` (full names from the headline or captions) can be resolved to but
    never become mentions themselves.
    """
    for d in drafts:
        if not d.canonical:
            d.canonical = _plain_name(d.text)
    people = [d for d in drafts if d.label == "PER"]
    keys = [tuple(name_key(d.canonical)) for d in people]
    positions: dict[tuple[str, ...], list[int]] = {}
    for i, k in enumerate(keys):
        positions.setdefault(k, []).append(people[i].start)
    display: dict[tuple[str, ...], str] = {}
    for name in context_names:
        k = tuple(name_key(name))
        if k and k not in positions:
            positions[k] = [_CONTEXT_POSITION]
            display[k] = display_name(_plain_name(name))
    by_len = sorted({k for k in positions if k}, key=len, reverse=True)
    root: dict[int, tuple[str, ...]] = dict(enumerate(keys))
    for i in sorted(range(len(people)), key=lambda i: -len(keys[i])):
        k = keys[i]
        parents = [p for p in by_len if len(p) > len(k) and _contains(p, k)]
        if not parents:
            continue
        best = min(parents, key=lambda p: _distance(positions[p], people[i].start, p, k))
        root[i] = root[keys.index(best)] if best in keys else best
    # One display form per root: a fixed (alias) form wins, else a spaced form of the text.
    for i, d in enumerate(people):
        if root[i] == keys[i]:
            form = d.canonical if d.fixed else display_name(d.canonical)
            old = display.get(root[i])
            if old is None or (d.fixed and old != form) or ("-" in old and "-" not in form):
                display[root[i]] = form
    for i, d in enumerate(people):
        d.canonical = display.get(root[i], display_name(d.canonical))


def _contains(whole: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


def _distance(starts: list[int], at: int, parent: tuple[str, ...], k: tuple[str, ...]) -> tuple[int, int, int]:
    """Sort key for candidate parents: the one named last before ``at`` wins, then suffix
    matches ("Peskov" in "Dmitry Peskov"), then the most frequent."""
    before = [at - s for s in starts if s <= at]
    gap = min(before) if before else 10**9 + min(s - at for s in starts)
    suffix = 0 if parent[-len(k):] == k else 1
    return gap, suffix, -len(starts)


# -- roles --------------------------------------------------------------------------------

def attach_roles(body: str, drafts: list[Draft], sentences: list[list[Token]]) -> None:
    """Store on each person's mentions the first role the article gives that person."""
    words = role_words()
    per_tokens: dict[int, set[int]] = {}
    for d in drafts:
        if d.label == "PER":
            per_tokens.setdefault(d.sentence, set()).update(range(d.first, d.last))
    roles: dict[str, str] = {}
    for d in drafts:
        if d.label != "PER" or d.canonical in roles:
            continue
        tokens = sentences[d.sentence]
        taken = per_tokens.get(d.sentence, set())
        span = role_before(tokens, d.first, taken, words) or _role_after(tokens, d.last, taken, words)
        if span is not None:
            roles[d.canonical] = _role_text(body, tokens, span, words)
    for d in drafts:
        if d.label == "PER":
            d.role = roles.get(d.canonical)


def _is_material(tok: str, words: RoleWords) -> bool:
    """Whether a token may sit inside a role phrase: capitalised, or a known role word."""
    low = tok.casefold()
    return (tok[:1].isupper() and any(c.isalpha() for c in tok)) or low in words.parts \
        or low in words.head_words


def _head_at(tokens: list[Token], i: int, stop: int, words: RoleWords) -> int:
    """Length of the role head starting at token ``i`` (0 when none), not past ``stop``."""
    for size in range(min(4, stop - i), 0, -1):
        if " ".join(t.casefold() for t, _, _ in tokens[i:i + size]) in words.titles:
            return size
    return 0


def role_before(tokens: list[Token], first: int, taken: set[int],
                 words: RoleWords) -> tuple[int, int] | None:
    """Token span of the role written just before a name, optionally with a comma between."""
    end = first
    if end > 0 and tokens[end - 1][0] == ",":
        end -= 1
    i = end
    while i > 0 and end - i < MAX_ROLE_TOKENS and (i - 1) not in taken \
            and _is_material(tokens[i - 1][0], words):
        i -= 1
    for start in range(i, end):
        if _head_at(tokens, start, end, words) and tokens[end - 1][0].casefold() not in words.parts:
            return start, end
    return None


def _role_after(tokens: list[Token], last: int, taken: set[int],
                words: RoleWords) -> tuple[int, int] | None:
    """Token span of an apposition after a name: "Peskov, juru bicara Kremlin, ..."."""
    if last >= len(tokens) or tokens[last][0] != ",":
        return None
    start = last + 1
    if start >= len(tokens) or not _head_at(tokens, start, len(tokens), words):
        return None
    j = start
    while j < len(tokens) and j - start < MAX_ROLE_TOKENS and _is_material(tokens[j][0], words):
        if j in taken:
            return None          # "Kim, Presiden AS Donald Trump": the role is Trump's
        j += 1
    while j > start and tokens[j - 1][0].casefold() in words.parts:
        j -= 1
    return (start, j) if j > start else None


def _role_text(body: str, tokens: list[Token], span: tuple[int, int], words: RoleWords) -> str:
    """The role as written, short office forms expanded ("Menlu Rusia" -> "Menteri Luar
    Negeri Rusia")."""
    start, end = span
    pieces: list[str] = []
    for k in range(start, end):
        tok, s, _e = tokens[k]
        if k > start:
            pieces.append(body[tokens[k - 1][2]:s])
        pieces.append(words.expansions.get(tok.casefold(), tok))
    return " ".join("".join(pieces).split())
