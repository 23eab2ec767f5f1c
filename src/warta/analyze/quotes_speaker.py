"""Who said it: reporting verbs, speaker phrases and pronouns, read from the language data.

Indonesian news attributes speech in three shapes, and each needs the speaker looked for in
a different place:

* verb first, after the quotation: ``“…,” kata Kepala BNPB Suharyanto saat ...`` (the name
  follows the verb, up to a stop word such as *saat*, *kepada*, *seperti dikutip*);
* subject first: ``Suharyanto mengatakan, “…”`` / ``Dia menambahkan bahwa ...`` (the name
  is the last entity before the verb, adverbs such as *juga* skipped);
* a preposition: ``Menurut Suharyanto, ...``.

A speaker phrase becomes a canonical name through the entity mentions inside it: a person
first (``kata juru bicara Kremlin Dmitry Peskov`` -> Dmitry Peskov), else an organisation or
country (``kata Korea Utara``); a capitalised run of words is the fallback when the recogniser
missed the name. A pronoun or a ``-nya`` form (``katanya``, ``ia``, ``beliau``) is reported as
such and resolved by the caller, which knows the current speaker.

    >>> verb_kind("ujarnya")
    ('post', True)
    >>> verb_kind("mengatakan")
    ('active', False)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from warta.analyze.patterns import trie
from warta.lang import read_table, read_words
from warta.types import Mention

# A speaker phrase longer than this many words is a clause, not a name and its title.
MAX_SPEAKER_WORDS = 20
# The subject of "X mengatakan" must end this close to the verb (characters): a name further
# back belongs to another clause of the sentence.
MAX_SUBJECT_GAP = 40
# "Name, <role of another person> Other mengatakan": an apposition longer than this is a clause.
MAX_APPOSITION_WORDS = 5
# "Sementara itu, Erman Umar ...": the connective before a sentence's subject is this short.
MAX_CONNECTIVE_WORDS = 3
PERSON, ORGANISATION, PLACE = "PER", "ORG", "LOC"

# Titles up to this many letters are abbreviations ("Plt", "Prof", "Dr") when a stop follows.
MAX_TITLE_ABBREVIATION = 4
SPEAKER_LABELS = (PERSON, ORGANISATION, PLACE)

_TOKEN = re.compile(r"[\w’'.-]*\w|[^\w\s]")
_NAME_PARTICLES = frozenset({"bin", "binti", "van", "von", "de", "al", "el", "di"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of ``lang/id`` that attribution reads (see each file's header)."""

    verbs: dict[str, str]
    pronouns: frozenset[str]
    stops: frozenset[str]
    adverbs: frozenset[str]
    partial_cues: frozenset[str]
    title_cues: frozenset[str]
    unnamed: frozenset[str]
    common: frozenset[str]
    titles: frozenset[str]


@cache
def lexicon() -> Lexicon:
    """The attribution word lists, read once per process."""
    verbs = {row[0].casefold(): row[1] for row in read_table("id", "reporting_verbs.txt") if len(row) >= 2}
    try:
        titles = read_words("id", "gazetteer/per_title.txt")
    except (FileNotFoundError, OSError):  # the titles are a help, not a requirement
        titles = frozenset()
    return Lexicon(
        verbs=verbs,
        pronouns=read_words("id", "reporting_pronouns.txt"),
        stops=read_words("id", "quote_speaker_stops.txt"),
        adverbs=read_words("id", "reporting_adverbs.txt"),
        partial_cues=read_words("id", "quote_partial_cues.txt"),
        title_cues=read_words("id", "quote_title_cues.txt"),
        unnamed=read_words("id", "quote_unnamed_cues.txt"),
        common=read_words("id", "stopwords.txt"),
        titles=titles,
    )


@cache
def _verb_hint() -> re.Pattern[str]:
    """Where a reporting verb may start in casefolded text (see :func:`may_report`)."""
    return re.compile(trie(lexicon().verbs))


def may_report(text: str) -> bool:
    """False when no word of ``text`` can be a reporting verb, so its words need no look-up.

    A word that :func:`verb_kind` accepts holds a verb of the lexicon ("ujar" in "ujarnya"),
    and casefolding works letter by letter, so that verb is in ``text.casefold()`` too.
    """
    return _verb_hint().search(text.casefold()) is not None


def verb_kind(word: str) -> tuple[str, bool] | None:
    """``(kind, by_pronoun)`` when ``word`` is a reporting verb: kind is post/active/prep and
    ``by_pronoun`` is true for a ``-nya`` form ("ujarnya": he or she said)."""
    w = word.casefold()
    verbs = lexicon().verbs
    if w in verbs:
        return verbs[w], w == "katanya"
    if w.endswith("nya") and verbs.get(w[:-3]) == "post":
        return "post", True
    return None


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker as the text gives it: a name and label, or ``pronoun`` for "dia", "-nya"."""

    name: str | None
    label: str | None
    pronoun: bool = False


PRONOUN = Speaker(None, None, pronoun=True)


def tokens(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` tokens of ``text``, offsets shifted by ``offset``."""
    return [(m.start() + offset, m.end() + offset, m.group()) for m in _TOKEN.finditer(text)]


@cache
def _title_abbreviations() -> frozenset[str]:
    """Short titles and honorifics, written with a full stop ("Plt.", "Prof.", "H."): a long
    title before a stop ("kata Presiden.") ends the sentence, so only abbreviations count."""
    from warta.analyze.entities_resolve import role_words

    words = role_words()
    return frozenset(w.rstrip(".") for w in words.titles | words.honorifics
                     if " " not in w and len(w.rstrip(".")) <= MAX_TITLE_ABBREVIATION)


def _place(name: str) -> bool:
    """Whether the gazetteers know ``name`` as a place ("Indonesia", "RI")."""
    from warta.analyze.entities_resolve import known_label

    return known_label(name) == PLACE


def _is_acronym(text: str) -> bool:
    """"BNPB", "PVMBG", "KPK": one upper-case word of two letters or more."""
    return len(text) >= 2 and text.isupper() and text.isalnum()


class Resolver:
    """Turns spans of the body into speakers, through the article's entity mentions."""

    def __init__(self, body: str, mentions: Sequence[Mention]) -> None:
        self.body = body
        self.mentions = sorted((m for m in mentions if m.label in SPEAKER_LABELS and 0 <= m.start < m.end),
                               key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self.lex = lexicon()
        # Organisations speak under the short form the article prints ("Badan Nasional
        # Penanggulangan Bencana (BNPB)" ... "kata BNPB"): readers, and the gold, quote "BNPB",
        # while the entity's canonical name stays the full one.
        self._printed: dict[str, str] = {}
        self._first: dict[str, int] = {}  # canonical name -> index of its first mention
        for i, m in enumerate(self.mentions):
            self._first.setdefault(m.canonical, i)
            if m.label == ORGANISATION and _is_acronym(m.text) and m.text != m.canonical:
                self._printed.setdefault(m.canonical, m.text)

    def speaker_of(self, m: Mention) -> Speaker:
        """The speaker a mention names: a person's canonical name, a body's printed acronym."""
        if m.label == ORGANISATION:
            words = m.text.split()
            if len(words) >= 2 and _is_acronym(words[0]) and _place(" ".join(words[1:])):
                return Speaker(words[0], m.label)    # "BNPB Indonesia", "KPK RI": the body's acronym
            return Speaker(self._printed.get(m.canonical, m.canonical), m.label)
        return Speaker(m.canonical, m.label)

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside ``[start, end)``, in order."""
        i = bisect.bisect_left(self._starts, start)
        out: list[Mention] = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def last_person_before(self, pos: int) -> Speaker | None:
        """The person mentioned last before ``pos``: the antecedent when nobody was quoted yet."""
        i = bisect.bisect_left(self._starts, pos) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.label == PERSON and m.end <= pos:
                return Speaker(m.canonical, PERSON)
            i -= 1
        return None

    def first_person_after(self, pos: int) -> Speaker | None:
        """The person mentioned first after ``pos``: the referent of a pronoun when the text
        (an excerpt) names nobody before it."""
        i = bisect.bisect_left(self._starts, pos)
        while i < len(self.mentions):
            m = self.mentions[i]
            if m.label == PERSON:
                return Speaker(m.canonical, PERSON)
            i += 1
        return None

    def antecedent(self, pos: int, current: Speaker | None) -> Speaker | None:
        """Who a pronoun or "-nya" at ``pos`` means: a newcomer just introduced, else the
        current speaker, else the person mentioned last."""
        return self.new_subject_before(pos) or current or self.last_person_before(pos)

    def new_subject_before(self, pos: int) -> Speaker | None:
        """A person the text introduces as a sentence's subject shortly before ``pos``.

        News copy brings in a new voice, then quotes them with "-nya": "Namun, Solehuddin, salah
        satu pengamat hukum, memprediksi ... / “...,” ucapnya". The pronoun then means the
        newcomer, not the previous speaker. Only a first mention counts (a person already in the
        story who turns up as a subject is usually spoken about), in the paragraph of ``pos`` or
        the one before it, opening its sentence after at most a connective ("Namun,",
        "Sementara itu,") and titles.
        """
        para = self.body.rfind("\n", 0, pos)
        while para > 0 and self.body[para - 1] == "\n":  # paragraphs are parted by blank lines
            para -= 1
        lo = self.body.rfind("\n", 0, para) + 1 if para > 0 else 0
        i = bisect.bisect_left(self._starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= lo:
            m = self.mentions[i]
            if m.label == PERSON and m.end <= pos and self._first[m.canonical] == i and self._sentence_subject(m):
                return Speaker(m.canonical, PERSON)
            i -= 1
        return None

    def _sentence_subject(self, m: Mention) -> bool:
        """Whether ``m`` opens its sentence, after at most a connective and titles."""
        cut = max(self.body.rfind("\n", 0, m.start), *(self.body.rfind(e, 0, m.start) for e in (". ", "? ", "! ")))
        lead = self.body[cut + 1:m.start].strip()
        if any(c in lead for c in "“”\"‘’'"):
            return False  # inside or after a quotation: not the writer's subject
        connective, _, rest = lead.rpartition(",") if "," in lead else ("", "", lead)
        words = connective.replace(",", " ").split()
        if len(words) > MAX_CONNECTIVE_WORDS or not all(w.islower() for w in words[1:]):
            return False  # "Namun,", "Sementara itu,"; not "Rina Wulandari, kuasa hukum Budi"
        return all(w[:1].isupper() or w.casefold() in self.lex.titles for w in rest.split())

    def phrase_end(self, start: int, limit: int) -> int:
        """Where the speaker phrase that begins at ``start`` ends (see the module docstring)."""
        toks = tokens(self.body[start:limit], start)
        end = start
        skip_to = -1
        for k, (a, b, word) in enumerate(toks):
            if a < skip_to:
                continue
            if word == "(" and k > 0:  # "(BNPB)" inside a title goes on; "(22/11)" ends it
                close = self.body.find(")", a, limit)
                inside = self.body[a + 1:close] if close > 0 else ""
                if inside and not inside[:1].isdigit() and len(inside) <= 40:
                    skip_to, end = close + 1, close + 1
                    continue
                break
            if word == "." and 0 < k < len(toks) - 1 and toks[k + 1][2][:1].isupper() \
                    and toks[k - 1][2].casefold() in _title_abbreviations():
                continue  # "ujar Plt. Kepala Pusat Data BNPB, Abdul Muhari": a title's stop
            if k >= MAX_SPEAKER_WORDS or word in ".;()[]!?:\n" or word in "“”\"'‘’«»":
                break
            if word == ",":
                nxt = toks[k + 1][2] if k + 1 < len(toks) else ""
                if not nxt[:1].isupper():
                    break
                continue
            if word.islower() and word.casefold() in self.lex.stops and k > 0:
                break
            end = b
        return end

    def name_after(self, start: int, limit: int) -> Speaker | None:
        """The speaker named by the phrase starting at ``start`` ("kata Kepala BNPB Suharyanto")."""
        end = self.phrase_end(start, limit)
        if end <= start:
            return None
        words = tokens(self.body[start:end], start)
        if words and words[0][2].casefold() in self.lex.unnamed:
            return None
        found = self._name_in(start, end, prefer_last=True)
        if found and found.label == PERSON:
            return found
        if not words or words[0][2].casefold() in self.lex.pronouns or words[-1][2].casefold() in self.lex.pronouns:
            return PRONOUN  # "kata dia", "kata perwira polisi itu": someone already named
        if found is None and all(w[2].casefold() in self.lex.titles for w in words if w[2][:1].isupper()):
            return PRONOUN  # "tutur Presiden": a title alone stands for the person holding it
        return found

    def subject_before(self, start: int, verb_start: int) -> Speaker | None:
        """The subject of a verb at ``verb_start``: a pronoun or the last name before it."""
        toks = tokens(self.body[start:verb_start], start)
        # skip "juga", a day name or a comma between the subject and its verb
        # ("Kapolresta Kombes Pol Wahyono, Selasa mengatakan")
        while toks and (toks[-1][2].casefold() in self.lex.adverbs or toks[-1][2].casefold() in self.lex.stops
                        or toks[-1][2] == ","):
            toks.pop()
        if not toks:
            return None
        last = toks[-1][2].casefold()
        if last in self.lex.pronouns or (last.endswith("nya") and len(toks) == 1):
            return PRONOUN
        near = toks[-1][1]
        found = [m for m in self.within(start, near) if near - m.end <= MAX_SUBJECT_GAP]
        people = [m for m in found if m.label == PERSON]
        if len(people) >= 2 and self._apposition(people[-2].end, people[-1].start):
            return Speaker(people[-2].canonical, PERSON)  # "Erman Umar, penasihat hukum Ricky mengatakan"
        if people:
            return Speaker(people[-1].canonical, PERSON)
        if found and found[-1].end >= near - 1:
            return self.speaker_of(found[-1])
        run: list[tuple[int, int, str]] = []
        for tok in reversed(toks):  # "warga bernama Kurniati mengungkapkan": the name right before
            if not tok[2][:1].isupper():
                break
            run.insert(0, tok)
        return self._capitalised(run, start) if run else None

    def _apposition(self, head_end: int, other_start: int) -> bool:
        """Whether the text between two names makes the second part of the first one's
        apposition: a comma, then a few lower-case role words ("penasihat hukum", "istri",
        "kuasa hukum") or titles, so the first name is the subject of the verb that follows."""
        between = self.body[head_end:other_start].strip()
        if not between.startswith(","):
            return False
        words = between[1:].split()
        return 0 < len(words) <= MAX_APPOSITION_WORDS and all(
            w.isalpha() and (w.islower() or w.casefold() in self.lex.titles) for w in words)

    def _name_in(self, start: int, end: int, *, prefer_last: bool) -> Speaker | None:
        found = self.within(start, end)
        people = [m for m in found if m.label == PERSON]
        if people:
            m = people[-1] if prefer_last else people[0]
            return Speaker(m.canonical, PERSON)
        if found:
            return self.speaker_of(found[0])
        return self._capitalised(tokens(self.body[start:end], start), start)

    def _capitalised(self, toks: list[tuple[int, int, str]], start: int) -> Speaker | None:
        """The last run of capitalised words that are not titles: a name the recogniser missed."""
        runs: list[list[str]] = [[]]
        for _, _, word in toks:
            folded = word.casefold()
            is_name = word[:1].isupper() and folded not in self.lex.titles and folded not in self.lex.common \
                and folded not in self.lex.stops and folded not in self.lex.adverbs
            if is_name or (runs[-1] and word.casefold() in _NAME_PARTICLES):
                runs[-1].append(word)
            elif runs[-1]:
                runs.append([])
        named = [r for r in runs if r and r[-1].casefold() not in _NAME_PARTICLES]
        if not named:
            return None
        name = " ".join(named[-1]).strip(" ,.")
        if not name or name.casefold() in self.lex.pronouns:
            return None
        return self.canonical_for(name)

    def canonical_for(self, name: str) -> Speaker:
        """A name the recogniser missed, matched to a mention's canonical name when one ends
        or begins with it ("Asep" -> "Asep Iwan Iriawan"), else kept as printed (PER)."""
        key = name.casefold().split()
        for m in self.mentions:
            mk = m.canonical.casefold().split()
            if len(mk) >= len(key) and (mk[-len(key):] == key or mk[:len(key)] == key):
                return self.speaker_of(m)
        return Speaker(name, PERSON)
