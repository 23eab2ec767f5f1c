"""Named entities of an article body: tagged, cleaned, grouped under one name, given roles.

The CRF (:mod:`warta.analyze.ner`) sees one tokenised sentence at a time and knows nothing of
the article; readers do. This step turns its spans into :class:`~warta.types.Mention` objects
that a knowledge base can use, in stages marked in the code:

1. **tag**: split the body into sentences, tokenise, tag, and map token spans back to
   character offsets in the body (:mod:`warta.analyze.sentences`);
2. **clean**: fix tagger errors by rules over data, never per page: strip titles and
   honorifics the tagger swallowed ("Presiden Joko Widodo" -> "Joko Widodo"), relabel a
   "person" that the gazetteers or ``aliases.tsv`` know as a place or organisation, drop a
   "person" that is one lower-case word, a title alone, a month or a day;
3. **exclude**: drop names inside a photo credit, and the article's reporters and editors;
4. **resolve**: give every mention the canonical name of its entity within the article
   (:mod:`warta.analyze.entities_resolve`: fullest form, "Full Name (ABBR)" in the text,
   ``aliases.tsv``);
5. **roles**: attach the office or apposition the text gives a person ("juru bicara Kremlin").

    >>> [(m.text, m.canonical, m.role) for m in find_entities(
    ...     "Juru bicara Kremlin Dmitry Peskov tiba di Jakarta. Peskov tersenyum.") if m.label == "PER"]
    [('Dmitry Peskov', 'Dmitry Peskov', 'Juru bicara Kremlin'), ('Peskov', 'Dmitry Peskov', 'Juru bicara Kremlin')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from warta.analyze.entities_recover import propagate_names, recover_cued_names, recover_titled_names
from warta.analyze.entities_resolve import (
    COMPASS_WORDS,
    Draft,
    apply_aliases,
    attach_roles,
    known_label,
    name_key,
    name_key_text,
    nickname_aliases,
    resolve_canonicals,
    role_before,
    role_words,
)
from warta.analyze.ner import bio_to_spans, load_tagger
from warta.analyze.quotes_speaker import verb_kind
from warta.analyze.sentences import Token, tokenized_sentences
from warta.lang import read_lines, read_table, read_words
from warta.lang.id import load_time_words
from warta.types import Mention

__all__ = ["find_entities"]

# Sentences longer than this (in tokens) are tagged in windows: a run-on "sentence" from a
# page without punctuation would otherwise make the CRF's cost grow with the whole page.
MAX_TAG_TOKENS = 120

# Photo credits that survive into a body: "(Foto: ANTARA/Budi)", "KOMPAS.com/NAMA", "Foto: X".
_CREDIT_MARKED = (r"\((?:foto|dok|dokumentasi|sumber(?: foto)?|ilustrasi|gambar)\b[^)\n]*\)"
                  r"|(?im:^\s*(?:foto|sumber foto|keterangan foto|dok|ilustrasi)\s*[:/].*$)")
_CREDIT_RE = re.compile(
    _CREDIT_MARKED + r"|\b[A-Z][A-Za-z]*(?: FOTO|\.com|\.co\.id|\.id)?\s*/\s*[A-Z][^\n,;()]{1,60}",
    re.IGNORECASE,
)
# The last alternative tries every word; it needs a slash before a letter, which most bodies
# lack ("13/9" has a digit after it), and then the first two alone find the same credits.
_CREDIT_SLASH = re.compile(r"/\s*[A-Z]", re.IGNORECASE)
_CREDIT_MARKED_RE = re.compile(_CREDIT_MARKED, re.IGNORECASE)
# Where a credit can start: at "(", at a line's start, or at a word just before a slash.
_CREDIT_OPEN = re.compile(r"[(\n/]")
# What stands between the start of a "NAME/..." credit and its slash, spaces aside: the name's
# letters and a suffix (" FOTO", ".com", ".co.id", ".id").
_CREDIT_NAME_CHAR = re.compile(r"[A-Za-z. ]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence's tokens, with the character offsets that map spans back into the body."""

    tokens: list[Token]
    keywords: bool = False      # a keyword list, not prose: no entities are taken from it


def find_entities(body: str, *, exclude_names: Sequence[str] = (),
                  context: Sequence[str] = ()) -> list[Mention]:
    """PER, ORG and LOC mentions of ``body``, each with its canonical name and role.

    ``exclude_names`` are people who wrote or edited the article: a mention naming one of them
    is not a person of the story. ``context`` are the article's other texts (headline, deck,
    photo captions): people named there in full resolve short mentions of the body (a body
    that only says "Kim" under a headline naming "Kim Jong Un"), but yield no mentions.
    Mentions come back in text order, offsets into ``body``.

    >>> ms = find_entities("Korut kembali menembakkan rudal, kata Kim Jong-un. Kim tertawa.")
    >>> sorted({(m.label, m.canonical) for m in ms})
    [('LOC', 'Korea Utara'), ('PER', 'Kim Jong Un')]
    """
    if not body.strip():
        return []
    sentences, drafts = _tag(body)                                   # 1. tag
    token_lists = [s.tokens for s in sentences]
    skip = frozenset(i for i, s in enumerate(sentences) if s.keywords)
    drafts = _split_at_semicolons(body, drafts, token_lists)
    drafts = recover_titled_names(body, drafts, token_lists, skip)   # 2. recover, clean
    drafts = recover_cued_names(body, drafts, token_lists, _never_a_name(), skip)
    drafts = [d for d in (_clean(body, d, sentences) for d in drafts) if d is not None]
    _split_jurisdictions(body, drafts, token_lists)
    drafts = _drop_lowercase_words(body, drafts)
    extra = _context_names(context)
    drafts = propagate_names(body, drafts, token_lists, _never_a_name(), skip, extra)
    _speaking_places(drafts, token_lists)
    _titled_people(drafts, token_lists)
    drafts = _drop_credits(body, drafts)                             # 3. exclude (credits)
    drafts = apply_aliases(body, drafts, " ".join(context))
    nickname_aliases(body, drafts)                                  # 4. resolve
    resolve_canonicals(drafts, extra)
    drafts = _drop_common_words(body, drafts, sentences)
    drafts = _drop_excluded(drafts, exclude_names)                   # 3. exclude (bylines)
    attach_roles(body, drafts, token_lists)                          # 5. roles
    return [Mention(text=body[d.start:d.end], label=d.label, canonical=d.canonical,
                    start=d.start, end=d.end, role=d.role) for d in drafts]


# -- jurisdictions ----------------------------------------------------------------------------

#: Words before a place name that show it is used as a place elsewhere in the article.
_PLACE_CUE = r"(?:kabupaten|kab\.|kota|desa|kecamatan|kelurahan|provinsi|wilayah|warga|di|ke|dari)"


@cache
def _jurisdiction_titles() -> dict[int, frozenset[tuple[str, ...]]]:
    """The titles of ``jurisdiction_titles.txt`` as word tuples, by their number of words."""
    by_length: dict[int, set[tuple[str, ...]]] = {}
    for line in read_lines("id", "jurisdiction_titles.txt"):
        title = tuple(line.split())
        by_length.setdefault(len(title), set()).add(title)
    return {n: frozenset(titles) for n, titles in by_length.items()}


# A place cue ending where a window of the text ends (the cues are at most this long).
_PLACE_CUE_AT_END = re.compile(rf"\b{_PLACE_CUE}\Z", re.IGNORECASE)
MAX_PLACE_CUE_CHARS = 12


def _used_as_place(body: str, place: str) -> bool:
    r"""Whether ``body`` writes ``place`` after a place cue ("Kabupaten Pasirluhur", "di Pasirluhur").

    The same as searching ``\b{_PLACE_CUE}\s+{place}\b`` (case-insensitively), but from the
    place's own occurrences: the cue is then checked just before the spaces in front of each.
    """
    found = re.compile(re.escape(place) + r"\b", re.IGNORECASE)
    pos = 0
    while (m := found.search(body, pos)) is not None:
        start = pos = m.start()
        pos += 1
        cue_end = start
        while cue_end > 0 and body[cue_end - 1].isspace():
            cue_end -= 1
        if cue_end < start and _PLACE_CUE_AT_END.search(body, max(0, cue_end - MAX_PLACE_CUE_CHARS), cue_end):
            return True
    return False


def _split_jurisdictions(body: str, drafts: list[Draft], token_lists: list[list[Token]]) -> None:
    """"Bupati Pasirluhur Hendra Wiratmaja": move the place off the front of the person's span.

    The tagger often runs the governed place into the name after an office title. The first
    word is cut off when the article uses it as a place elsewhere ("Kabupaten Pasirluhur",
    "di Pasirluhur"), so a name that merely follows a title ("Bupati Hendra Wiratmaja") stays.
    """
    for d in drafts:
        if d.label != "PER" or d.last - d.first < 3:
            continue
        tokens = token_lists[d.sentence]
        before = [t[0].lower() for t in tokens[max(0, d.first - 3):d.first]]
        if not any(tuple(before[-n:]) in titles for n, titles in _jurisdiction_titles().items()):
            continue
        place = tokens[d.first][0]
        if not _used_as_place(body, place):
            continue
        d.first += 1
        d.start = tokens[d.first][1]
        d.text = body[d.start:d.end]


# -- 1. tag -------------------------------------------------------------------------------

def _tag(body: str) -> tuple[list[_Sentence], list[Draft]]:
    """Sentences of the body and the tagger's spans as drafts with character offsets."""
    tagger = load_tagger()
    sentences: list[_Sentence] = []
    drafts: list[Draft] = []
    for _, _, tokens in tokenized_sentences(body):
        sent_index = len(sentences)
        keywords = _is_tag_list(tokens)
        sentences.append(_Sentence(tokens, keywords))
        if keywords:
            continue
        for w in range(0, len(tokens), MAX_TAG_TOKENS):
            window = tokens[w:w + MAX_TAG_TOKENS]
            labels = tagger.tag([t for t, _, _ in window])
            for a, b, kind in bio_to_spans(labels):
                drafts.append(Draft(start=window[a][1], end=window[b - 1][2], label=kind,
                                    sentence=sent_index, first=w + a, last=w + b))
    return sentences, drafts


# A line of this many comma-separated items, none longer than MAX_TAG_WORDS words and with no
# full stop at the end, is a page's keyword list ("Polda Jateng, Kapolda Jateng, Irjen Pol
# Ahmad Luthfi, ..."), not prose: the people in it are not people of the story.
MIN_TAG_ITEMS = 6
MAX_TAG_WORDS = 5


def _is_tag_list(tokens: list[Token]) -> bool:
    """Whether a sentence is a list of keywords that extraction left at the end of a body."""
    if not tokens or tokens[-1][0] in (".", "!", "?", "…", "”", '"'):
        return False
    items: list[int] = [0]
    for tok, _, _ in tokens:
        if tok == ",":
            items.append(0)
        elif _wordlike(tok):
            items[-1] += 1
    return len(items) >= MIN_TAG_ITEMS and max(items) <= MAX_TAG_WORDS


# -- 2. clean -----------------------------------------------------------------------------

@cache
def _never_a_name() -> frozenset[str]:
    """Words that are never a person's name on their own: function words, months, days."""
    words = set(read_words("id", "stopwords.txt"))
    time_words = load_time_words()
    for key in ("months", "days", "months_english", "days_english"):
        words.update(w.casefold() for w in time_words.get(key, {}))
    return frozenset(words)


def _clean(body: str, draft: Draft, sentences: list[_Sentence]) -> Draft | None:
    """The draft with tagger errors fixed, or None when it is not an entity at all."""
    tokens = sentences[draft.sentence].tokens
    first, last = draft.first, draft.last
    # Punctuation at the edges is never part of a name ("Peskov," or "(Jokowi").
    while first < last and not _wordlike(tokens[first][0]):
        first += 1
    while last > first and not _wordlike(tokens[last - 1][0]):
        last -= 1
    if first >= last:
        return None
    if draft.label != "PER" and tokens[first][0].casefold() in role_words().ranks and last - first > 1:
        draft.label = "PER"     # "Bripka Ricky Rizal" read as a place: a rank opens a person
    if draft.label == "PER":
        first, last = _strip_person(tokens, first, last)
        if first >= last:
            return None
    draft.first, draft.last = first, last
    draft.start, draft.end = tokens[first][1], tokens[last - 1][2]
    text = draft.text = body[draft.start:draft.end]
    key = name_key_text(text)
    if not key:
        return None
    if draft.label == "PER" and last - first >= 3 and tokens[first][0].isupper() \
            and len(tokens[first][0]) >= MIN_BODY_ACRONYM:
        first += 1              # "TGIPF Mahfud MD": the body's acronym is not the name
        draft.first, draft.start = first, tokens[first][1]
        text = draft.text = body[draft.start:draft.end]
        key = name_key_text(text)
    if draft.label == "PER":
        known = known_label(text) or _trigger_label(tokens[first][0], tokens[last - 1][0])
        tail = known_label(" ".join(t for t, _, _ in tokens[first + 1:last])) if last - first >= 3 else None
        if known is not None:
            draft.label = known
        elif tail is not None:
            draft.label = tail      # "Agung Buenos Aires" (of "Uskup Agung"): a place
            draft.first = first = first + 1
            draft.start = tokens[first][1]
            draft.text = text = body[draft.start:draft.end]
        elif _building_before(tokens, first):
            draft.label = "LOC"     # "Gedung Oemar Seno Adji": a building named after someone
        elif not _person_like(text, key) or _not_person_evidence(tokens, first, last, key):
            return None
    return draft


@dataclass(frozen=True, slots=True)
class _NotPerson:
    """The word lists of ``lang/id/not_person.tsv`` (see its header), lower-cased."""

    heads: frozenset[str]
    words: frozenset[str]
    before: frozenset[str]


@cache
def _not_person() -> _NotPerson:
    kinds: dict[str, set[str]] = {"head": set(), "word": set(), "before": set()}
    for row in read_table("id", "not_person.tsv"):
        if len(row) >= 2 and row[1] in kinds:
            kinds[row[1]].add(row[0].casefold())
    return _NotPerson(frozenset(kinds["head"]), frozenset(kinds["word"]), frozenset(kinds["before"]))


# An upper-case word this long opening a longer span is a body's acronym ("TGIPF Mahfud MD");
# shorter ones are a person's initials ("BJ Habibie", "KH Ma'ruf Amin").
MIN_BODY_ACRONYM = 4

# A Roman numeral opens a unit's name ("III Siliwangi", "IV/Diponegoro"), never a person's.
_ROMAN = re.compile(r"^[IVX]{2,}$")


# How far back a building's head may stand before the name: "Ruang Sidang Utama Oemar Seno Adji".
MAX_BUILDING_WORDS = 3


def _building_before(tokens: list[Token], first: int) -> bool:
    """Whether the capitalised words right before a name open a building's or a place's name."""
    before = _not_person().before
    for k in range(first - 1, max(first - 1 - MAX_BUILDING_WORDS, -1), -1):
        word = tokens[k][0]
        if not word[:1].isupper():
            return False
        if word.casefold() in before:
            return True
    return False


def _not_person_evidence(tokens: list[Token], first: int, last: int, key: str) -> bool:
    """Whether the data say a PER span is a nickname, a rite, a product or a word of faith."""
    lists = _not_person()
    head = tokens[first][0]
    return head.casefold() in lists.heads or _ROMAN.match(head) is not None \
        or (last - first == 1 and key in lists.words)


def _split_at_semicolons(body: str, drafts: list[Draft], sentences: list[list[Token]]) -> list[Draft]:
    """Cut a span at the semicolons inside it: "Bripka Ricky Rizal; Kuat Ma'ruf" is a list of
    two names (news separates list items that hold commas with semicolons), never one name."""
    out: list[Draft] = []
    for d in drafts:
        tokens = sentences[d.sentence]
        cuts = [k for k in range(d.first, d.last) if tokens[k][0] == ";"]
        if not cuts:
            out.append(d)
            continue
        for a, b in zip([d.first, *(k + 1 for k in cuts)], [*cuts, d.last], strict=True):
            if a < b:
                s, e = tokens[a][1], tokens[b - 1][2]
                out.append(Draft(start=s, end=e, label=d.label, sentence=d.sentence, first=a, last=b,
                                 text=body[s:e]))
    return out


def _wordlike(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def _strip_person(tokens: list[Token], first: int, last: int) -> tuple[int, int]:
    """Token bounds of the name proper inside a PER span.

    The CRF often takes in what stands before a name ("Presiden", "juru bicara Kremlin",
    "Korea Utara") and degrees after it ("M.Si."); none of that is the person's name.
    """
    while True:
        before = first
        first = _strip_titles(tokens, first, last)
        first = _strip_known_prefix(tokens, first, last)
        if first == before:
            break
    trailing = _trailing_words()
    while last > first and (tokens[last - 1][0].casefold() in trailing
                            or not _wordlike(tokens[last - 1][0])):
        last -= 1
    return first, last


def _strip_known_prefix(tokens: list[Token], first: int, last: int) -> int:
    """Skip a known place or organisation at the front of a span ("Kremlin Dmitry Peskov").

    At least two words must remain: "Bima Arya" is a person although Bima is also a town.
    """
    for size in range(min(4, last - first - 2), 0, -1):
        if known_label(" ".join(t for t, _, _ in tokens[first:first + size])) is not None:
            return first + size
    return first


@cache
def _abbreviations_folded() -> frozenset[str]:
    return frozenset(line.split("\t")[0].strip().casefold()
                     for line in read_lines("id", "abbreviations.txt"))


@cache
def _trailing_words() -> frozenset[str]:
    """Words that end a person's span without being part of the name: honorifics, degrees."""
    return role_words().honorifics | _abbreviations_folded()


@cache
def _triggers() -> tuple[frozenset[str], frozenset[str]]:
    """(organisation head words, place head words), lower-cased, minus given names."""
    given = role_words().given_names

    def words(name: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in read_lines("id", f"gazetteer/{name}")
                         if " " not in w and w.casefold() not in given)

    return words("org_trigger.txt"), words("loc_trigger.txt")


def _trigger_label(first_token: str, last_token: str) -> str | None:
    """ORG or LOC for a span that a head word shows is no person ("Masjid Al Kamil",
    "Unit Reskrim", "Rawa Badak Selatan")."""
    org, loc = _triggers()
    low = first_token.casefold()
    if low in org:
        return "ORG"
    if low in loc or last_token.casefold() in _COMPASS:
        return "LOC"
    return None


_COMPASS = COMPASS_WORDS


def _strip_titles(tokens: list[Token], first: int, last: int) -> int:
    """Index of the first name token after any titles and honorifics at the front of a span."""
    words = role_words()
    changed = True
    while changed and first < last:
        changed = False
        for size in range(min(4, last - first), 0, -1):
            phrase = " ".join(t.casefold() for t, _, _ in tokens[first:first + size])
            if phrase not in words.titles and phrase not in words.honorifics:
                continue
            if size == 1 and phrase in words.given_names and last - first <= 2:
                continue     # "Putri Ariani", "Imam Nahrawi": a title word that is a name
            first += size
            changed = True
            break
        # A comma after a stripped title ("Presiden, Joko Widodo") goes with it.
        while first < last and not _wordlike(tokens[first][0]):
            first += 1
    return first


def _person_like(text: str, key: str) -> bool:
    """Whether a PER span can be a person's name: rules over data, not per-page exceptions."""
    parts = key.split()
    if any(ch.isdigit() for ch in text):
        return False
    if not text[:1].isupper():          # "pemerintah", "warga": the name must be capitalised
        return False
    words = role_words()
    if len(parts) == 1 and (key in _never_a_name() or key in words.titles
                            or key in words.honorifics):
        return False
    return not (len(parts) == 1 and len(key) < 2)


def _drop_common_words(body: str, drafts: list[Draft], sentences: list[_Sentence]) -> list[Draft]:
    """Drop one-word "persons" that the article shows are ordinary words.

    The CRF leans on capitals, so a capitalised word that opens a sentence ("Magnitudo",
    "Alhasil") can come out as a person. Evidence from the same article decides: the word is
    also written in lower case, or it never stands anywhere but at the start of a sentence.
    """
    singles: dict[str, list[Draft]] = {}
    for d in drafts:
        if d.label == "PER" and " " not in d.canonical and "-" not in d.canonical:
            singles.setdefault(d.canonical, []).append(d)
    doomed: set[str] = set()
    for name, group in singles.items():
        lower = name.casefold()
        if any(_after_title(sentences[d.sentence].tokens, d.first) for d in group):
            continue             # "Mayjen Untung", "kata Pak Aam": a rank vouches for a name
        written_lower = lower != name and _written_as_word(body, lower)
        # "Tumini, warga ...": a person cue vouches for a name that only opens sentences.
        opens_only = not any(d.cued for d in group) \
            and all(_opens_sentence(sentences[d.sentence].tokens, d.first) for d in group)
        if written_lower or opens_only:
            doomed.add(name)
    return [d for d in drafts if not (d.label == "PER" and d.canonical in doomed)]


_WORD_CHAR = re.compile(r"\w")


def _written_as_word(body: str, word: str) -> bool:
    r"""Whether ``word`` stands in ``body`` with no word character on either side.

    The same as searching ``(?<!\w)word(?!\w)``, but a pattern that opens with the word's
    letters lets the engine jump to them, where a leading lookbehind is tried at every position.
    """
    found = re.compile(re.escape(word) + r"(?!\w)")
    pos = 0
    while (m := found.search(body, pos)) is not None:
        start = m.start()
        if start == 0 or _WORD_CHAR.match(body, start - 1) is None:
            return True
        pos = start + 1
    return False


def _drop_lowercase_words(body: str, drafts: list[Draft]) -> list[Draft]:
    """Drop "persons" of several words that the article also writes in lower case.

    Subheadings in title case ("Bermain Tanpa Beban") and ministry names after a title
    ("bidang Pembangunan Manusia") look like names to the tagger; a person's name is not
    otherwise written in lower case in the same article.
    """
    lower = set(re.findall(r"\b[a-z][a-z'’-]*\b", body))
    out: list[Draft] = []
    for d in drafts:
        if d.label == "PER":
            words = [w for w in d.text.split() if w[:1].isalpha()]
            hits = sum(w.casefold() in lower or w.casefold() in _never_a_name() for w in words)
            if len(words) > 1 and 2 * hits > len(words):
                continue
        out.append(d)
    return out


def _after_title(tokens: list[Token], first: int) -> bool:
    """Whether a rank or honorific stands right before token ``first`` ("Mayjen Untung").

    Office titles do not count: "Kepala Negara" and "Sekretaris Daerah" are offices too.
    """
    words = role_words()
    for size in (1, 2, 3):
        if first - size < 0:
            break
        phrase = " ".join(t.casefold() for t, _, _ in tokens[first - size:first])
        if phrase in words.ranks or phrase in words.honorifics:
            return True
    return False


def _opens_sentence(tokens: list[Token], first: int) -> bool:
    """Whether only punctuation (an opening quote, a dash) stands before token ``first``."""
    return all(not _wordlike(t) for t, _, _ in tokens[:first])


def _title_case(text: str) -> bool:
    """Whether a text capitalises most words, as headlines do ("Putin Sambut Kim Jong Un"):
    the tagger cannot tell names from words there, so such a text gives no names."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) > 0.7 * len(words)


def _context_names(context: Sequence[str]) -> list[str]:
    """Full person names (two words or more) that the tagger finds in the context texts."""
    names: list[str] = []
    for text in context:
        if not text or not text.strip() or _title_case(text):
            continue
        sentences, drafts = _tag(text)
        for d in drafts:
            cleaned = _clean(text, d, sentences)
            if cleaned is not None and cleaned.label == "PER" and " " in cleaned.text.strip():
                names.append(cleaned.text)
    return names


def _speaking_places(drafts: list[Draft], sentences: list[list[Token]]) -> None:
    """Relabel as a person a one-word "place" that is a word of a person's name in the same
    article and that speaks: "AKBP Guntur Aryo Tejo ... lanjut Guntur" (Guntur is also a town).

    Only a reporting verb right before or after counts; a place does not "say" or "explain".
    """
    parts: set[str] = set()
    for d in drafts:
        words = d.text.split()
        if d.label == "PER" and len(words) >= 2:
            parts.update((words[0], words[-1]))
    for d in drafts:
        if d.label not in ("LOC", "ORG") or d.last - d.first != 1 or d.text not in parts:
            continue
        tokens = sentences[d.sentence]
        before = tokens[d.first - 1][0] if d.first > 0 else ""
        after = tokens[d.last][0] if d.last < len(tokens) else ""
        if (before and verb_kind(before) is not None) or (after and verb_kind(after) is not None):
            d.label = "PER"


def _titled_people(drafts: list[Draft], sentences: list[list[Token]]) -> None:
    """Relabel as a person a name of two or more words set after a person's role by a comma:
    "Pelatih Timnas Indonesia U-17, Bima Sakti, ..." (the tagger read a place: Bima is a town).

    Only names the gazetteers do not know and with no organisation or place head ("Kabupaten",
    "Dinas"): "Gubernur Jawa Barat, Bandung ..." keeps its place.
    """
    words = role_words()
    for d in drafts:
        if d.label not in ("LOC", "ORG") or d.last - d.first < 2 or known_label(d.text) is not None:
            continue
        tokens = sentences[d.sentence]
        name = [t for t, _, _ in tokens[d.first:d.last]]
        if not all(t[:1].isupper() and t[1:].islower() and t.isalpha() for t in name) or d.first == 0 \
                or tokens[d.first - 1][0] != "," or _trigger_label(name[0], name[-1]) is not None:
            continue  # only an apposition after a comma: "Kepala Pusat Data ..." is a role's own body
        if role_before(tokens, d.first, set(), words) is not None:
            d.label = "PER"


# -- 3. exclude ---------------------------------------------------------------------------

def _drop_credits(body: str, drafts: list[Draft]) -> list[Draft]:
    """Drafts outside photo credits: a photographer named in a credit is not in the story."""
    if not any(d.label == "PER" for d in drafts):
        return drafts
    regions = _credit_regions(body)
    if not regions:
        return drafts
    return [d for d in drafts
            if not (d.label == "PER" and any(s <= d.start and d.end <= e for s, e in regions))]


def _credit_regions(body: str) -> list[tuple[int, int]]:
    """The spans of ``_CREDIT_RE``'s matches in ``body`` (``_CREDIT_MARKED_RE``'s when no slash
    is followed by a letter), as ``finditer`` finds them.

    The pattern is tried only where a match can start (``_CREDIT_OPEN``): a "NAME/..." credit
    starts at one of the word starts in the letters, dots and spaces before its slash. The
    engine would try the pattern at every character, and its last alternative at every word.
    """
    credit_re = _CREDIT_RE if _CREDIT_SLASH.search(body) else _CREDIT_MARKED_RE
    starts = {0}
    for mark in _CREDIT_OPEN.finditer(body):
        i = mark.start()
        if body[i] == "(":
            starts.add(i)
        elif body[i] == "\n":
            starts.add(i + 1)
        elif credit_re is _CREDIT_RE:
            name_end = i
            while name_end > 0 and body[name_end - 1].isspace():
                name_end -= 1
            name_start = name_end
            while name_start > 0 and _CREDIT_NAME_CHAR.match(body, name_start - 1):
                name_start -= 1
            starts.update(k for k in range(name_start, name_end) if k == 0 or not _WORD_CHAR.match(body, k - 1))
    regions: list[tuple[int, int]] = []
    end = 0
    for start in sorted(starts):
        if start < end:
            continue
        m = credit_re.match(body, start)
        if m is not None and m.end() > start:
            regions.append(m.span())
            end = m.end()
    return regions


def _drop_excluded(drafts: list[Draft], exclude_names: Sequence[str]) -> list[Draft]:
    """Drafts that do not name the article's reporters or editors.

    A mention is dropped when its canonical name is an excluded name, or a part of one that
    did not resolve to a longer name of the story ("Budi" for the editor "Budi Santoso").
    """
    keys = [name_key(n) for n in exclude_names if n.strip()]
    keys = [k for k in keys if k]
    if not keys:
        return drafts
    out: list[Draft] = []
    for d in drafts:
        if d.label == "PER":        # only people are excluded: no need to key the others
            ck = name_key(d.canonical)
            if any(_contiguous(ck, k) for k in keys):
                continue
        out.append(d)
    return out


def _contiguous(part: list[str], whole: list[str]) -> bool:
    """Whether ``part`` occurs as a run of tokens in ``whole``."""
    n = len(part)
    return n > 0 and any(whole[i:i + n] == part for i in range(len(whole) - n + 1))
