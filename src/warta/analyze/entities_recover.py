"""Recover mentions the CRF missed, from evidence in the same article (stage 2b of entities).

The tagger decides one sentence at a time, so it tags "Dmitry Peskov" in one sentence and
misses "Peskov" at the start of the next, reads "Wali Kota Bogor Bima Arya" as one place, and
does not know "Korut". A reader uses what the article has already said. Three rules, all over
data and the article itself:

* **titled names**: a person title ("Kepala BNPB", "Wali Kota Bogor") followed by known
  places and bodies and then capitalised words that nobody knows as a place or body: those
  words are a person's name ("Kasi Kedaruratan BPBD Kudus Munaji": what follows the last
  known body). A place or body span that swallowed the name is cut before it;
* **cued names**: words that only describe people follow the name ("Tumini, warga Desa
  ...", "Sukarti (55)", "Paris Brunner (29')", "Doni selaku ...", ``lang/id/person_cues.tsv``)
  or a reporting verb frames it (``," ungkap Perry.``, "Perry mengingatkan ...");
* **repeated names**: a name the article already tagged as a person (or its last word, when
  the full name has two words or more), and a name from ``aliases.tsv``, is a mention
  wherever it appears untagged.

    >>> from warta.analyze.sentences import tokenize
    >>> toks = tokenize("Wali Kota Bogor Bima Arya meninjau banjir.")
    >>> titled_name_spans(toks)
    [(3, 5)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from warta.analyze.entities_resolve import (
    COMPASS_WORDS,
    Draft,
    RoleWords,
    known_label,
    known_names,
    name_key,
    name_key_text,
    role_words,
)
from warta.analyze.quotes_speaker import lexicon, verb_kind
from warta.analyze.sentences import Token
from warta.lang import read_lines, read_table

__all__ = ["cued_name_spans", "propagate_names", "recover_cued_names", "recover_titled_names",
           "titled_name_spans"]

# A name after a title is at most this many words ("Nofriansyah Yosua Hutabarat" is three).
MAX_NAME_TOKENS = 4


def _cap(tok: str) -> bool:
    return tok[:1].isupper() and any(c.isalpha() for c in tok)


@cache
def _first_words(phrases: frozenset[str]) -> frozenset[str]:
    """First words of a set of phrases: a token that starts none of them starts no match, which
    spares building the phrases of 1-5 tokens at every position (most tokens start none)."""
    return frozenset(p.split(" ", 1)[0] for p in phrases)


@cache
def _known_first_words() -> frozenset[str]:
    return frozenset(k.split(" ", 1)[0] for k in known_names())


@lru_cache(maxsize=20_000)
def _first_key(token: str) -> str | None:
    """The first word of ``name_key(token)``, or None when the token holds no word."""
    key = name_key(token)
    return key[0] if key else None


def _title_len(tokens: Sequence[Token], i: int, words: RoleWords) -> int:
    if tokens[i][0].casefold() not in _first_words(words.titles):
        return 0
    for size in range(min(4, len(tokens) - i), 0, -1):
        if " ".join(t.casefold() for t, _, _ in tokens[i:i + size]) in words.titles:
            return size
    return 0


@cache
def _place_heads() -> frozenset[str]:
    """One-word heads of place names ("Kabupaten", "Kota", "Desa"), lower-cased."""
    return frozenset(w.casefold() for w in read_lines("id", "gazetteer/loc_trigger.txt") if " " not in w)


def _known_len(tokens: Sequence[Token], i: int) -> int:
    if i + 1 < len(tokens) and tokens[i][0][:1].isupper() and tokens[i][0].casefold() in _place_heads() \
            and _cap(tokens[i + 1][0]):
        return 2     # "Kabupaten Sumedang", "Desa Mekarsari": a place whatever its name
    first = _first_key(tokens[i][0])
    if first is not None and first not in _known_first_words():
        return 0     # punctuation falls through: "( Jakarta" keys as "jakarta"
    for size in range(min(5, len(tokens) - i), 0, -1):
        if known_label(" ".join(t for t, _, _ in tokens[i:i + size])) is not None:
            if i + size < len(tokens) and tokens[i + size][0].casefold() in COMPASS_WORDS \
                    and tokens[i + size][0][:1].isupper():
                size += 1    # "Balikpapan Utara": a known place and its part
            return size
    return 0


def _is_degree(token: str, words: RoleWords) -> bool:
    """An academic degree or honorific written in capitals after a name ("SH", "MSi")."""
    low = token.casefold().rstrip(".")
    return token[:1].isupper() and (low in words.honorifics or (token.isupper() and low in words.titles))


def _ends_at(tokens: Sequence[Token], last: int, name_end: int, words: RoleWords) -> bool:
    """Whether a span ending at ``last`` ends with the name that ends at ``name_end``, degrees
    after it aside ("Balikpapan Utara AKP Putu Rideng SH")."""
    return last >= name_end and all(_is_degree(t, words) for t, _, _ in tokens[name_end:last])


def titled_name_spans(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token spans of names that follow a title and its known places or bodies."""
    words = role_words()
    spans: list[tuple[int, int]] = []
    first_words = _first_words(words.titles)
    i = 0
    # Only a token that starts a title can start a match: jump from one to the next.
    for start in [k for k, (t, _, _) in enumerate(tokens) if t.casefold() in first_words]:
        if start < i:
            continue
        i = start
        size = _title_len(tokens, i, words)
        if not size:
            continue
        j = i + size
        # The role's complement: more titles, known names, lower-case role words, a comma.
        complement = 0
        while j < len(tokens):
            step = _title_len(tokens, j, words) or _known_len(tokens, j)
            if not step and tokens[j][0].casefold() in words.parts:
                step = 1
            if not step:
                break
            j += step
            complement += 1
        if j < len(tokens) and tokens[j][0] == ",":
            j += 1
        k = j
        while k < len(tokens) and k - j < MAX_NAME_TOKENS and _cap(tokens[k][0]) \
                and not _known_len(tokens, k) and not _title_len(tokens, k, words):
            k += 1
        if k - j == 1 and complement >= 2 and j - 1 > i + size and _cap(tokens[j - 1][0]) \
                and not tokens[j - 1][0].isupper() and tokens[j - 1][0] != ",":
            j -= 1       # "Wali Kota Bogor Bima Arya": "Bima" is a town, and here a name
        f = k
        while f < len(tokens) and _is_degree(tokens[f][0], words):
            f += 1       # "AKP Putu Rideng SH, mengatakan": a degree after the name
        follows = tokens[f][0] if f < len(tokens) else "."
        # A one-word name must be followed by a clause ("Suharyanto mengatakan") or a stop:
        # "Sekretaris Daerah (Sekda)", "Bidang Politik, Hukum" are offices, not people.
        one_word_ok = k - j > 1 or follows[:1].islower() or follows in (".", "”", '"')
        if k > j and not _cap(follows) and follows.casefold() not in words.parts and one_word_ok \
                and tokens[k - 1][2] - tokens[j][1] > 1:
            spans.append((j, k))
        else:
            after_body = _name_after_body(tokens, j, words)
            if after_body is not None:
                spans.append(after_body)
                k = after_body[1]
        i = max(k, i + 1)
    return spans


# How many capitalised words a role's complement may run to before the name: "Kasi
# Kedaruratan BPBD Kudus Munaji" has three.
MAX_COMPLEMENT_WORDS = 6


def _name_after_body(tokens: Sequence[Token], j: int, words: RoleWords) -> tuple[int, int] | None:
    """The name after the last known body or place in the capitalised run from ``j``.

    Office names hold words nobody lists ("Kasi Kedaruratan BPBD Kudus Munaji", "Kepala
    Pelaksana BPBD Kabupaten Sumedang Atang Sutarno"), but they end with the body: what
    follows it, up to the end of the capitals, is the holder's name.
    """
    p, last_body, end_limit = j, -1, j + MAX_COMPLEMENT_WORDS + MAX_NAME_TOKENS
    while p < len(tokens) and p < end_limit and _cap(tokens[p][0]):
        step = _known_len(tokens, p)
        if step:
            last_body = p = p + step
        else:
            p += _title_len(tokens, p, words) or 1
    if last_body < 0 or last_body - j > MAX_COMPLEMENT_WORDS + 2:
        return None
    run = [t for t, _, _ in tokens[last_body:p]]
    follows = tokens[p][0] if p < len(tokens) else "."
    if not 0 < len(run) <= MAX_NAME_TOKENS or any(t.isupper() or t.casefold() in words.titles for t in run):
        return None
    if len(run) == 1 and not (follows[:1].islower() or follows in (".", ",", "”", '"')):
        return None
    return last_body, p


def recover_titled_names(body: str, drafts: list[Draft], sentences: Sequence[Sequence[Token]],
                         skip: frozenset[int] = frozenset()) -> list[Draft]:
    """Add the titled names the tagger missed; cut place or body spans that swallowed one.

    Sentences in ``skip`` (keyword lists) are left alone.
    """
    out = list(drafts)
    words = role_words()
    by_sentence: dict[int, list[Draft]] = {}
    for d in drafts:
        by_sentence.setdefault(d.sentence, []).append(d)
    places = {d.text for d in drafts if d.label in ("LOC", "ORG")}
    for si, tokens in enumerate(sentences):
        if si in skip:
            continue
        for a, b in titled_name_spans(tokens):
            if body[tokens[a][1]:tokens[b - 1][2]] in places:
                continue     # "warga Koja" where the article tags Koja as a place
            here = by_sentence.get(si, [])
            people = [d for d in here if d.label == "PER" and d.first < b and a < d.last]
            if people:
                if len(people) == 1 and a < people[0].first and people[0].last == b:
                    d = people[0]    # "AKBP Sabar Supriyono" tagged "Supriyono": the whole name
                    d.first, d.start = a, tokens[a][1]
                    d.text = body[d.start:d.end]
                continue
            clash = [d for d in here if d.first < b and a < d.last]
            if any(not (d.first < a and _ends_at(tokens, d.last, b, words)) for d in clash):
                continue     # only a span that ends with the name is cut ("Bogor Bima Arya")
            for d in clash:
                d.last = a
                while d.last - d.first > 1 and _title_len(tokens, d.last - 1, words) == 1:
                    d.last -= 1      # "Balikpapan Utara AKP": the rank goes with the name
                d.end = tokens[d.last - 1][2]
                d.text = body[d.start:d.end]
            out.append(Draft(start=tokens[a][1], end=tokens[b - 1][2], label="PER", sentence=si,
                             first=a, last=b, text=body[tokens[a][1]:tokens[b - 1][2]]))
    return out


# Ages written after a name, "Sukarti (55)": people are between these ages, numbers outside
# are years or counts.
MIN_AGE, MAX_AGE = 1, 110


@cache
def _person_cues() -> tuple[frozenset[str], frozenset[str]]:
    """(apposition openers, words right after a name) from ``lang/id/person_cues.tsv``."""
    kinds: dict[str, set[str]] = {"apposition": set(), "after": set()}
    for row in read_table("id", "person_cues.tsv"):
        if len(row) >= 2 and row[1] in kinds:
            kinds[row[1]].add(row[0].casefold())
    return frozenset(kinds["apposition"]), frozenset(kinds["after"])


# The marks a cue opens with besides the words of ``after``: an age, an apposition.
_CUE_MARKS = frozenset({"(", ","})


def _cue_at(tokens: Sequence[Token], k: int, appositions: frozenset[str], after: frozenset[str]) -> bool:
    """Whether a person cue starts at token ``k``: an age in brackets, an apposition that
    describes a person, or a word such as "selaku" that only follows a person's name."""
    word = tokens[k][0]
    nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
    if word == "(" and nxt.isdigit() and k + 2 < len(tokens):
        if tokens[k + 2][0] == ")":
            return MIN_AGE <= int(nxt) <= MAX_AGE
        # "Paris Brunner (29')": the minute a player scored
        return tokens[k + 2][0] in ("'", "’") and k + 3 < len(tokens) and tokens[k + 3][0] == ")"
    if word == ",":
        return nxt.islower() and nxt in appositions
    return word.islower() and word in after


# A sentence that opens "Rupanya, ..." or "Beruntung, korban ..." opens with an adverb: a word
# with a clitic or a derivational prefix on a stem of this many letters or more.
_DERIVED = re.compile(r"^(?:\w+(?:nya|lah|kah|pun)|(?:ber|ter|se|ke|me|di|per)\w{5,})$")


def _derived_word(word: str) -> bool:
    """Whether a capitalised word opening a sentence looks like a derived Indonesian word."""
    return _DERIVED.match(word.casefold()) is not None


def cued_name_spans(tokens: Sequence[Token], never: frozenset[str]) -> list[tuple[int, int]]:
    """Token spans of capitalised names that a person cue follows ("Tumini, warga ..."), and
    of those a reporting verb frames (see :func:`_speaker_spans`).

    The name must stand on its own: at the start of the sentence or after a lower-case word
    or a mark, so that the tail of a longer capitalised phrase is never taken for a name.

        >>> from warta.analyze.sentences import tokenize
        >>> cued_name_spans(tokenize("Salah seorang warga, Sukarti (55), menyatakan banjir."), frozenset())
        [(4, 5)]
    """
    words = role_words()
    appositions, after = _person_cues()
    spans: list[tuple[int, int]] = []
    for k in range(1, len(tokens)):
        if (tokens[k][0] not in _CUE_MARKS and tokens[k][0] not in after) \
                or not _cue_at(tokens, k, appositions, after):
            continue
        j = k
        while j > 0 and k - j < MAX_NAME_TOKENS and _cap(tokens[j - 1][0]):
            j -= 1
        if j == k or (j > 0 and _cap(tokens[j - 1][0])):
            continue
        run = [t for t, _, _ in tokens[j:k]]
        if any(t.isupper() for t in run) \
                or any(t.casefold() in words.titles and t.casefold() not in words.given_names for t in run) \
                or name_key_text(run[0]) in never or known_label(" ".join(run)) is not None \
                or (len(run) == 1 and _known_len(tokens, j)) \
                or (len(run) == 1 and j == 0 and _derived_word(run[0])):
            continue     # initials of minors ("MA (11)"), offices, words ("Rupanya,"), places
        spans.append((j, k))
    return sorted(set(spans) | set(_speaker_spans(tokens, never)))


# Marks that close a quotation, after which "kata", "ujar", "ungkap" name its speaker.
_CLOSING = frozenset({",", "”", '"', "’", "'"})


def _plain_name_run(tokens: Sequence[Token], j: int, never: frozenset[str]) -> int:
    """End of the run of capitalised words from ``j`` that can be a name (``j`` when none):
    no acronyms (bodies), titles, known places or bodies, or ordinary words."""
    words = role_words()
    k = j
    while k < len(tokens) and k - j < MAX_NAME_TOKENS and _cap(tokens[k][0]) \
            and not tokens[k][0].isupper() and tokens[k][0].casefold() not in words.head_words \
            and name_key_text(tokens[k][0]) not in never and not _known_len(tokens, k):
        k += 1
    return k


def _speaker_spans(tokens: Sequence[Token], never: frozenset[str]) -> list[tuple[int, int]]:
    """Names that a reporting verb shows are people: ``," ungkap Perry.`` after a quotation,
    and ``Perry mengingatkan ...`` opening a sentence; a place or body would be known, or
    written as an acronym."""
    spans: list[tuple[int, int]] = []
    verbs = lexicon().verbs
    for k, (word, _, _) in enumerate(tokens):
        if word.casefold() not in verbs:
            continue         # "-nya" forms ("ujarnya") name nobody, so exact forms only
        kind = verb_kind(word)
        if kind is None or kind[1]:
            continue
        if kind[0] == "post" and k > 0 and tokens[k - 1][0] in _CLOSING:
            end = _plain_name_run(tokens, k + 1, never)
            follows = tokens[end][0] if end < len(tokens) else "."
            if end > k + 1 and not _cap(follows):
                spans.append((k + 1, end))
        elif kind[0] == "active" and 0 < k <= MAX_NAME_TOKENS:
            start = 0
            while start < k and not _wordlike(tokens[start][0]):
                start += 1       # an opening mark or a dash before the subject
            if k > start and _plain_name_run(tokens, start, never) == k \
                    and not (k - start == 1 and _derived_word(tokens[start][0])):
                spans.append((start, k))
    return spans


def _wordlike(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def recover_cued_names(body: str, drafts: list[Draft], sentences: Sequence[Sequence[Token]],
                       never: frozenset[str], skip: frozenset[int] = frozenset()) -> list[Draft]:
    """Add the cued names (see :func:`cued_name_spans`) that no draft covers yet."""
    by_sentence: dict[int, list[Draft]] = {}
    for d in drafts:
        by_sentence.setdefault(d.sentence, []).append(d)
    out = list(drafts)
    for si, tokens in enumerate(sentences):
        if si in skip:
            continue
        here = by_sentence.get(si, [])
        for a, b in cued_name_spans(tokens, never):
            clash = [d for d in here if d.first < b and a < d.last]
            for d in clash:
                if d.label == "PER" and d.last == b:
                    d.cued = True    # the tagger found it; the cue still vouches for it
                elif (d.first, d.last) == (a, b) and known_label(d.text) is None:
                    d.label, d.cued = "PER", True    # a "place" nobody knows, that a cue describes
            if clash:
                continue
            s, e = tokens[a][1], tokens[b - 1][2]
            out.append(Draft(start=s, end=e, label="PER", sentence=si, first=a, last=b,
                             text=body[s:e], cued=True))
    out.sort(key=lambda d: d.start)
    return out


@cache
def _alias_names() -> dict[tuple[str, ...], str]:
    """Token sequences of the names in ``aliases.tsv`` (as written) -> their label."""
    out: dict[tuple[str, ...], str] = {}
    for row in read_table("id", "aliases.tsv"):
        if len(row) >= 3 and row[2] in ("LOC", "ORG", "PER"):
            out[tuple(row[0].split())] = row[2]
    return out


@cache
def _alias_lengths() -> dict[str, tuple[int, ...]]:
    """First token of an alias name -> the token lengths of the aliases it starts, longest first."""
    lengths: dict[str, set[int]] = {}
    for key in _alias_names():
        lengths.setdefault(key[0], set()).add(len(key))
    return {first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()}


def propagate_names(body: str, drafts: list[Draft], sentences: Sequence[Sequence[Token]],
                    never: frozenset[str], skip: frozenset[int] = frozenset(),
                    context_names: Sequence[str] = ()) -> list[Draft]:
    """Add untagged repeats of the article's person names and of known aliases.

    ``never`` are words that are no name on their own; sentences in ``skip`` are left alone;
    ``context_names`` (people named in the headline or captions) count as tagged names.
    """
    # The article's own surfaces over the known aliases (an article's name wins over an alias).
    aliases = _alias_names()
    surfaces: dict[tuple[str, ...], str] = {}
    titles = role_words().titles | role_words().honorifics
    names = [d.text for d in drafts if d.label == "PER"] + list(context_names)
    for name in names:
        toks = tuple(name.split())
        surfaces[toks] = "PER"
        if len(toks) < 2:
            continue
        for part in (toks[0], toks[-1]):     # "Peskov", and "Prabowo" or "Kim"
            if len(part) > 2 and part[:1].isupper() and known_label(part) is None \
                    and name_key_text(part) not in never and part.casefold() not in titles \
                    and (part,) not in aliases:
                surfaces.setdefault((part,), "PER")
    if not surfaces and not aliases:
        return drafts
    alias_lengths = _alias_lengths()
    own_lengths: dict[str, set[int]] = {}
    for key in surfaces:
        own_lengths.setdefault(key[0], set()).add(len(key))
    lengths: dict[str, Sequence[int]] = {
        first: sorted(sizes.union(alias_lengths.get(first, ())), reverse=True)
        for first, sizes in own_lengths.items()}
    taken: dict[int, set[int]] = {}
    for d in drafts:
        taken.setdefault(d.sentence, set()).update(range(d.first, d.last))
    out = list(drafts)
    for si, tokens in enumerate(sentences):
        if si in skip:
            continue
        # Only a word that starts a surface or an alias can start a repeat: jump between them.
        starts = [k for k, (word, _, _) in enumerate(tokens) if word in lengths or word in alias_lengths]
        if not starts:
            continue
        words = [t for t, _, _ in tokens]
        used = taken.get(si, set())
        i = 0
        for start in starts:
            if start < i:
                continue
            i = start
            hit = 0
            label = ""
            first = words[i]
            for size in lengths.get(first) or alias_lengths.get(first, ()):
                key = tuple(words[i:i + size])
                label = surfaces.get(key) or aliases.get(key, "")
                if label and not used.intersection(range(i, i + size)):
                    hit = size
                    break
            if hit:
                s, e = tokens[i][1], tokens[i + hit - 1][2]
                out.append(Draft(start=s, end=e, label=label,
                                 sentence=si, first=i, last=i + hit, text=body[s:e]))
                i += hit
    out.sort(key=lambda d: d.start)
    return out
