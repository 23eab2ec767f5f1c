"""The surface grammar of Indonesian temporal expressions: which spans are time, not what they mean.

Every rule is one regex built once, at import, from the words in ``lang/id/time.json``; the
rules only *find* spans and name their parts (day, month, unit, tail ...), and
:mod:`warta.analyze.timex` gives them a TIMEX3 value. Splitting the two keeps the patterns
readable and lets the resolver be tested without regexes::

    >>> [c.rule for c in scan("Kamis (5/12/2013) pukul 10.00 WIB")]
    ['numdate', 'clock']

Span conventions follow the IndoTimex gold (Mirza 2015): prepositions and signals ("pada",
"sejak", "selama", "dalam", "hingga") stay outside the span; qualifiers that change the value
or its precision ("sekitar", "hampir", "tanggal", "bulan", "tahun", a trailing "lalu",
"kemarin", "ke depan") are inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from warta.analyze.patterns import trie
from warta.lang.id import load_time_words

__all__ = ["Candidate", "parse_number", "scan"]

W: dict[str, Any] = load_time_words()


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "kemarin lusa" wins over "kemarin"."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


MONTH_FULL = _alt(W["months"])
MONTH_ABBR = _alt(W["month_abbreviations"])
# An abbreviation may carry its dot ("Agt."), a full name may not ("27 November." ends a sentence).
MONTH_ANY = rf"(?:{MONTH_FULL}|{MONTH_ABBR}\.?)"
DAY = _alt(W["days"])
ZONE = _alt(W["zones"])
UNIT = _alt(W["units"])
POD = _alt(W["parts_of_day"])
VAGUE = _alt(W["vague_numbers"])
APPROX = _alt(W["approximators"])
MOD = _alt(W["modifiers"])
_NUM_BASE = _alt(k for k in W["numbers"] if k != "setengah")
_NUM_NEXT = _alt([*W["numbers"], *W["number_multipliers"]])
# "48", "1,5", "dua belas", "satu setengah", "setengah": a cardinal, digits or words.
NUM = rf"(?:\d{{1,4}}(?:,\d+)?(?:\s+setengah)?|setengah|{_NUM_BASE}(?:\s+{_NUM_NEXT})*)"
PERIOD_SHIFT = _alt(W["period_shift"])
ANCHOR_SHIFT = _alt(W["anchor_shift"])
AGO = _alt(W["ago"])
LATER = _alt([*W["later"], *W["earlier"]])
AHEAD = _alt(W["ahead"])
DUR_TAIL = _alt(W["durative_tails"])
# Words that may follow a dated day and belong to it: "Minggu (28/12/2014) kemarin".
DATE_TAIL = r"(?P<tail>\s+(?:kemarin|yang\s+lalu|lalu|ini|nanti|mendatang))?"
B = r"(?<![\w-])"  # a word starts here (not inside "QZ8501" or "pra-")
E = r"(?![\w-])"  # a word ends here ("sehari-hari" is not "sehari")

_PATTERNS: dict[str, str] = {
    # Kompas datelines: "Minggu (28/12/2014)", "Sabtu (13/9)", "(13/9/2023)"; day first, always.
    "numdate": rf"{B}(?:(?:hari\s+)?(?P<dow>{DAY})\s*,?\s*)?(?P<open>\()?(?<![\d/])(?P<d>\d{{1,2}})/"
               rf"(?P<m>\d{{1,2}})(?:/(?P<y>\d{{4}}|\d{{2}}))?(?![\d/])(?(open)\)){DATE_TAIL}{E}",
    # "13 September 2023", "Sabtu 20 April 1997", "Tanggal 10 Agustus", "1 Agt".
    "textdate": rf"{B}(?:(?:hari\s+)?(?P<dow>{DAY})\s*,?\s*)?(?:(?:tanggal|tgl\.?)\s*)?"
                rf"(?P<d>\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?\s+(?P<m>{MONTH_ANY})(?:\s+(?:tahun\s+)?(?P<y>\d{{4}}))?{DATE_TAIL}{E}",
    # "tanggal 24 kemarin": a day of the month without the month.
    "dayofmonth": rf"{B}(?:tanggal|tgl\.?)\s+(?P<d>\d{{1,2}})(?![\d/.])(?!\s+{MONTH_ANY}{E}){DATE_TAIL}{E}",
    # "Oktober 2022", "bulan Maret lalu", "akhir Mei", "Agustus".
    "month": rf"{B}(?:(?P<mod>{MOD})\s+)?(?:(?P<bulan>bulan)\s+)?(?P<m>{MONTH_ANY})"
             rf"(?:\s+(?:tahun\s+)?(?P<y>\d{{4}}))?(?P<tail>\s+(?:{PERIOD_SHIFT}|nanti))?{E}",
    # "2014", "tahun 1993", "sekitar tahun 2000", "awal 2015", "tahun 2016 mendatang".
    # Not after "/": "Permen No 1/2013" numbers a regulation.
    "year": rf"(?<![\w/-])(?:(?P<approx>sekitar)\s+)?(?:(?P<mod>{MOD})\s+)?(?:(?P<tahun>tahun)\s+)?"
            rf"(?P<y>(?:19|20)\d\d)(?![\d/]|[.,]\d|-an)(?P<tail>\s+(?:lalu|silam|mendatang|nanti|ini))?{E}",
    # "tahun 40-an", "1990-an", "era 80-an": TIMEX3 decades are the first three digits.
    "decade": rf"{B}(?:(?P<approx>sekitar)\s+)?(?:(?P<pre>tahun|era|dekade|medio)\s+)?"
              rf"(?P<dec>(?:19|20)?\d0)\s*-?\s*an{E}",
    "century": rf"{B}abad\s+(?:ke\s*-?\s*)?(?P<c>\d{{1,2}}|[ivx]+){E}",
    # "kuartal III 2014", "semester pertama tahun ini".
    "yearpart": rf"{B}(?P<kind>{_alt(W['year_parts'])})\s+(?:ke-?)?(?P<n>{_alt(W['ordinals'])})"
                rf"(?:\s+(?:tahun\s+)?(?:(?P<y>\d{{4}})|(?P<tail>{PERIOD_SHIFT})))?{E}",
    # "Natal", "malam tahun baru", "HUT RI": fixed days of the calendar.
    "holiday": rf"{B}(?P<h>{_alt(W['holidays'])})(?:\s+(?P<y>\d{{4}}))?{E}",
    "season": rf"{B}(?P<s>{_alt(W['seasons'])})(?:\s+(?:tahun\s+)?(?P<tail>{PERIOD_SHIFT}))?{E}",
    # "pukul 06.18 WIB", "sekitar pukul 7 pagi", "jam 10 malam".
    "clock": rf"{B}(?:(?P<approx>{APPROX})\s+)?(?:pukul|pkl\.?|jam)\s+(?P<h>\d{{1,2}})(?:[.:](?P<mi>\d\d))?"
             rf"(?![\d.,:]\d)(?:\s*(?P<zone>{ZONE}){E})?(?:\s+(?P<pod>{POD}))?(?!\w)",
    # The end of "pukul 09.00-10.30" or "pukul 14.00 hingga 16.00": a clock because the start is one.
    "clockrange": r"(?:(?<=\d[.:]\d\d[-–])|(?<=\d[.:]\d\d\s[-–]\s)|(?<=\d[.:]\d\d\shingga\s)"
                  rf"|(?<=\d[.:]\d\d\ssampai\s))(?P<h>\d{{1,2}})[.:](?P<mi>\d\d)(?:\s*(?P<zone>{ZONE}){E})?{E}",
    # "21.02 WIB": a bare clock only with its zone, so "1.000" and "21.5" stay numbers.
    "clockzone": rf"(?<![\w.,])(?P<h>\d{{1,2}})[.:](?P<mi>\d\d)\s*(?P<zone>{ZONE}){E}",
    # "Selasa", "hari Minggu", "Senin lalu", "Jumat depan".
    "dayname": rf"{B}(?:(?P<hari>hari)\s+)?(?P<dow>{DAY})"
               rf"(?P<tail>\s+(?:kemarin|lalu|ini|depan|mendatang|nanti))?{E}",
    "relday": rf"{B}(?P<w>{_alt(W['relative_days'])}){E}",
    "anchorday": rf"{B}(?P<w>{_alt(W['anchor_days'])}){E}",
    # "pekan lalu", "bulan depan", "tahun ini", "akhir tahun lalu", "tahun itu".
    "period": rf"{B}(?:(?P<mod>{MOD})\s+)?(?P<u>pekan|minggu|bulan|tahun)\s+"
              rf"(?:(?P<shift>{PERIOD_SHIFT})|(?P<anchor>{ANCHOR_SHIFT})){E}",
    # "akhir tahun", "awal bulan": the current period, with a modifier.
    "modperiod": rf"{B}(?P<mod>{MOD})\s+(?P<u>bulan|tahun){E}(?!\s+(?:\d|{MONTH_ANY}{E}))",
    "weekend": rf"{B}akhir\s+(?:pekan|minggu)(?:\s+(?P<shift>{PERIOD_SHIFT}))?{E}",
    # "dua hari lalu", "sebulan kemudian", "tiga tahun silam", "dua pekan lagi".
    "offset": rf"{B}(?:(?P<approx>{APPROX})\s+)?(?:(?P<n>{NUM})\s+|(?P<se>se)|(?P<vague>{VAGUE})\s+)"
              rf"(?P<u>{UNIT}|waktu)\s+(?:(?P<ago>{AGO})|(?P<rel>{LATER})|(?P<ahead>{AHEAD})){E}",
    # "enam tahun", "48 jam", "setahun", "setengah hari", "tiga hari ke depan", "beberapa jam".
    "duration": rf"(?<!\w)(?:(?<=\d-)|(?<!-))(?:(?P<approx>{APPROX})\s+)?"
                rf"(?:(?P<n>{NUM})\s+|(?P<se>se)|(?P<vague>{VAGUE})\s+)"
                rf"(?P<u>{UNIT})(?:\s+(?:dan\s+)?(?P<n2>\d{{1,2}}|{NUM})\s+(?P<u2>menit|detik|jam|hari|bulan))?"
                rf"(?P<tail>\s+{DUR_TAIL})?{E}",
    # The "2" of "2-3 menit": its unit is the one after the range.
    "rangehead": rf"(?<![\w.,-])(?P<n>\d{{1,3}})(?=\s*[-–]\s*\d{{1,3}}\s+(?P<u>{UNIT}){E})",
    "redup": rf"{B}ber(?P<u>detik|menit|jam|hari|minggu|pekan|bulan|tahun)-(?P=u){E}",
    "vaguedur": rf"{B}(?P<w>{_alt(W['vague_durations'])}){E}",
    "ref": rf"{B}(?P<w>{_alt(W['refs'])}){E}",
    # "Selasa sore" is joined later; here "sore", "siang ini", "tadi malam", "semalam".
    "pod": rf"{B}(?:(?P<pre>tadi|kemarin|besok|esok|nanti)\s+)?(?P<pod>{POD})"
           rf"(?P<tail>\s+(?:ini|itu|tadi|nanti|harinya|tiba))?{E}",
    "lastnight": rf"{B}(?P<w>semalam|tadi\s+malam){E}(?!-)",
    # "setiap hari", "tiap Senin", "setiap 2 tahun", "tiga kali sehari", "per tahun".
    "set": rf"{B}(?:(?:{_alt(W['set_prefixes'])})\s+(?:(?P<n>{NUM})\s+)?(?P<u>{UNIT}|{DAY}|{POD})"
           rf"|(?P<per>per)\s+(?P<pu>hari|minggu|pekan|bulan|tahun|jam)|(?P<k>{NUM})\s+kali\s+"
           rf"(?:dalam\s+)?se(?P<ku>hari|minggu|pekan|bulan|tahun))(?!-){E}",
}

# When two candidates overlap, the longer wins; on equal length, the earlier rule in this list.
RULE_ORDER: tuple[str, ...] = tuple(_PATTERNS)
_COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _PATTERNS.items()
)


def _lower_pattern(pattern: str) -> str:
    """The pattern for lower-cased text: literals lower-cased; escapes (``\\S``, ``\\W``, ``\\d``) and
    ``(?P<name>``/``(?P=name)`` kept as they are."""
    return re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|[^\\(]+|\(",
                  lambda m: m.group() if m.group()[0] == "\\" or m.group().startswith("(?P") else m.group().lower(),
                  pattern)


# The same rules without IGNORECASE, for text that was lower-cased first: case-insensitive
# matching is the slow part of the scan. Group values are still read from the original text.
_COMPILED_LOWER: tuple[tuple[str, re.Pattern[str], tuple[tuple[str, int], ...]], ...] = tuple(
    (name, regex, tuple(regex.groupindex.items()))
    for name, regex in ((name, re.compile(_lower_pattern(pattern))) for name, pattern in _PATTERNS.items())
)


# -- where each rule can start ---------------------------------------------------------------
#
# Every rule starts where no word character precedes (each pattern's first assertion says so),
# and with one of a few words: a day name, "pukul", a digit ... Those first words, for each rule,
# are below (only their start counts: "akhir" for "akhir-akhir ini", "se" + a unit for
# "setahun"). The scan then tries each rule only at the words it can start with, instead of
# letting the regex engine try all of them at every word of the text.

def _heads(*groups: Iterable[str]) -> tuple[str, ...]:
    """The leading word characters of each entry, lower-cased ("akhir-akhir ini" -> "akhir")."""
    heads = {re.match(r"\w*", entry.lower()).group() for group in groups for entry in group}  # type: ignore[union-attr]  # \w* always matches
    if "" in heads:
        raise ValueError("an entry that does not start with a word character")
    return tuple(sorted(heads))


_DIGITS = tuple("0123456789")
_MODS = _heads(W["modifiers"])
_APPROX = _heads(W["approximators"])
_NUMBER_HEADS = (*_DIGITS, *_heads(W["numbers"]))
# What opens an amount: "sekitar", "beberapa", "dua", "48", and "se" glued to a unit ("setahun",
# "sehari", and "sewaktu" for offsets).
_AMOUNT_HEADS = (*_APPROX, *_heads(W["vague_numbers"]), *_NUMBER_HEADS,
                 *("se" + unit for unit in (*_heads(W["units"]), "waktu")))

# The words (or "(") a match of each rule starts with, following the optional parts at the
# front of its pattern in ``_PATTERNS``.
_OPENINGS: dict[str, tuple[str, ...]] = {
    "numdate": ("(", "hari", *_heads(W["days"]), *_DIGITS),
    "textdate": ("hari", "tanggal", "tgl", *_heads(W["days"]), *_DIGITS),
    "dayofmonth": ("tanggal", "tgl"),
    "month": ("bulan", *_MODS, *_heads(W["months"], W["month_abbreviations"])),
    "year": ("sekitar", "tahun", *_MODS, "19", "20"),
    "decade": ("sekitar", "tahun", "era", "dekade", "medio", *_DIGITS),
    "century": ("abad",),
    "yearpart": _heads(W["year_parts"]),
    "holiday": _heads(W["holidays"]),
    "season": _heads(W["seasons"]),
    "clock": ("pukul", "pkl", "jam", *_APPROX),
    "clockrange": _DIGITS,
    "clockzone": _DIGITS,
    "dayname": ("hari", *_heads(W["days"])),
    "relday": _heads(W["relative_days"]),
    "anchorday": _heads(W["anchor_days"]),
    "period": ("pekan", "minggu", "bulan", "tahun", *_MODS),
    "modperiod": _MODS,
    "weekend": ("akhir",),
    "offset": _AMOUNT_HEADS,
    "duration": _AMOUNT_HEADS,
    "rangehead": _DIGITS,
    "redup": ("ber",),
    "vaguedur": _heads(W["vague_durations"]),
    "ref": _heads(W["refs"]),
    "pod": ("tadi", "kemarin", "besok", "esok", "nanti", *_heads(W["parts_of_day"])),
    "lastnight": ("semalam", "tadi"),
    "set": ("per", *_heads(W["set_prefixes"]), *_NUMBER_HEADS),
}
if set(_OPENINGS) != set(_PATTERNS):
    raise ValueError(f"rules without openings: {sorted(set(_PATTERNS) - set(_OPENINGS))}")


def _ranks_by_head() -> dict[str, frozenset[int]]:
    """First word -> the ranks (places in ``RULE_ORDER``) of the rules that can start with it."""
    ranks: dict[str, set[int]] = {}
    for rank, name in enumerate(RULE_ORDER):
        for head in _OPENINGS[name]:
            ranks.setdefault(head, set()).add(rank)
    return {head: frozenset(found) for head, found in ranks.items()}


_RANKS_BY_HEAD = _ranks_by_head()
_LONGEST_HEAD = max(map(len, _RANKS_BY_HEAD))

# A word start whose word begins with some rule's first word, running to the word's end, or a
# "(" (alone: the number after it is a word start of its own). The words are a trie (see
# :mod:`warta.analyze.patterns`), so the engine rejects most words after a letter or two.
_WORD_START = re.compile(r"(?<!\w)(?:" + trie(h for h in _RANKS_BY_HEAD if h != "(") + r"\w*+|\()")

# Distinct words whose rules are kept; the table is emptied when full (see ``_ranks_for``).
WORD_CACHE_SIZE = 20_000
_RANKS_FOR: dict[str, tuple[int, ...]] = {}


def _ranks_for(word: str) -> tuple[int, ...]:
    """The ranks of the rules that can start with ``word`` (a word of the text, or "(")."""
    ranks = _RANKS_FOR.get(word)
    if ranks is None:
        found: set[int] = set()
        for k in range(1, min(len(word), _LONGEST_HEAD) + 1):
            found.update(_RANKS_BY_HEAD.get(word[:k], ()))
        if len(_RANKS_FOR) >= WORD_CACHE_SIZE:
            _RANKS_FOR.clear()
        ranks = _RANKS_FOR[word] = tuple(sorted(found))
    return ranks


def _rule_matches(low: str) -> list[tuple[int, re.Match[str]]] | None:
    """``(rank, match)`` for every match of every rule in ``low``, as each rule's ``finditer``
    gives them (in another order), or None if a rule matched the empty string.

    Each rule is tried only at the word starts it can start with; a rule's next match is looked
    for after the end of its last one, as ``finditer`` does.
    """
    next_start = [0] * len(_COMPILED_LOWER)
    out: list[tuple[int, re.Match[str]]] = []
    for word in _WORD_START.finditer(low):
        pos = word.start()
        for rank in _ranks_for(word.group()):
            if pos < next_start[rank]:
                continue
            m = _COMPILED_LOWER[rank][1].match(low, pos)
            if m is None:
                continue
            if m.end() == pos:
                return None
            next_start[rank] = m.end()
            out.append((rank, m))
    return out


# Characters whose lower case still matches exactly what IGNORECASE matched (decided per character, once).
_LOWER_SAFE: dict[str, bool] = {}
_CLASSES = (re.compile(r"\w"), re.compile(r"\d"), re.compile(r"\s"))


def _lower_safe(char: str) -> bool:
    low = char.lower()
    if len(low) != 1 or char in "\u0130\u0131\u017f":  # İ, dotless ı, long ſ: IGNORECASE matches i/s
        return False
    return all((cls.match(char) is None) == (cls.match(low) is None) for cls in _CLASSES)


def _lowered(text: str) -> str | None:
    """``text`` lower-cased when every rule matches it exactly as IGNORECASE would match ``text``."""
    low = text.lower()
    if text.isascii():
        return low
    if len(low) != len(text):
        return None
    for char in set(text):
        if char >= "\x80":
            safe = _LOWER_SAFE.get(char)
            if safe is None:
                safe = _LOWER_SAFE[char] = _lower_safe(char)
            if not safe:
                return None
    return low


_COUNT_NOUN = re.compile(rf"\s*(?:{_alt(W['count_nouns'])})(?!\w)", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“”]\s*|\n\s*)$")
_CAPITALISED_NEXT = re.compile(r"\s+([A-Z][a-z]+)")
_CLAUSE_END = re.compile(r"\s*[.,!?\"”)]")
_LAST_WORD = re.compile(r"(\S+)\s*$")
_DIGIT_END = re.compile(r"\d\)?$")
_NOT_DULU = frozenset(W["not_a_time_before_dulu"])
_FULL_MONTHS = frozenset(W["months"])


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span one rule matched, with the named parts the resolver needs."""

    rule: str
    start: int
    end: int
    parts: dict[str, str | None]

    def part(self, name: str) -> str:
        """A named part, lower-cased with single spaces ('' when absent)."""
        value = self.parts.get(name)
        return " ".join(value.lower().split()) if value else ""


def _word_before(text: str, start: int) -> str:
    match = _LAST_WORD.search(text[max(0, start - 30):start])
    return match.group(1).lower().strip("(\"“”'") if match else ""


def _plausible(rule: str, g: dict[str, Any], start: int, end: int, text: str) -> bool:
    """Reject matches that are well-formed but, in context, not time (counts, names, 'dulu' = first).

    ``g`` holds the named groups as they read in ``text``, ``start``/``end`` the span.
    """
    if rule == "numdate":
        # "3/4" alone is a fraction or a score; a date has a day name, brackets or a year.
        return bool(g["dow"] or g["open"] or g["y"])
    if rule == "year":
        if not (g["tahun"] or g["mod"] or g["approx"] or g["tail"]):
            before = text[max(0, start - 4):start].lower()
            if "rp" in before or _COUNT_NOUN.match(text, end):
                return False
        return True
    if rule == "decade":
        return bool(g["pre"]) or len(g["dec"]) == 4
    if rule == "month":
        name = g["m"].lower()
        if g["y"] or g["bulan"] or g["mod"] or g["tail"]:
            return name in _FULL_MONTHS or bool(g["y"] or g["bulan"])
        # A bare month must be spelled out and must not be a first name ("April Jasmine").
        following = _CAPITALISED_NEXT.match(text, end)
        return name in _FULL_MONTHS and g["m"][0].isupper() and not following
    # "minggu, 5 Januari 2025": a day name before a printed date is Sunday however it is cased
    # (the date's numbers decide the value), so these rules need no "minggu" = week check.
    if rule == "dayname":
        if g["dow"].lower() == "minggu" and (g["tail"] or "").strip() in ("lalu", "depan", "ini") and (
                _SENTENCE_START.search(text[max(0, start - 3):start])):
            return False  # "Minggu lalu, ..." opening a sentence is last week
        if g["dow"].lower() == "minggu" and not (g["dow"][0] == "M" or g["hari"]):
            return False  # lower-case "minggu" is a week unless it names a day ("hari minggu")
        # "Jumat" in "salat Jumat" is the prayer, "Pasar Minggu" a place.
        return _word_before(text, start) not in ("salat", "shalat", "sholat", "pasar")
    if rule == "period" and g["anchor"]:
        before = _word_before(text, start)
        if before.isdigit() or before in W["numbers"] or before in W["vague_numbers"]:
            return False  # "berusia 53 tahun itu" is an age, not "that year"
    if rule == "period" and g["u"] == "Minggu" and not g["mod"]:
        # Capitalised mid-sentence, "Minggu lalu" is last Sunday (the dayname rule takes it).
        return bool(_SENTENCE_START.search(text[max(0, start - 3):start]))
    if rule == "ref" and g["w"].lower() in ("dulu", "dahulu"):
        # "terlebih dahulu", "ketemu dulu." mean "first"; "dulu, ia ..." and "saya dulu di" mean "formerly".
        at_start = _SENTENCE_START.search(text[max(0, start - 3):start]) is not None
        clause_end = _CLAUSE_END.match(text, end, end + 3) is not None
        return _word_before(text, start) not in _NOT_DULU and (at_start or not clause_end)
    if rule == "pod" and not (g["pre"] or g["tail"]):
        # A bare "pagi"/"malam" is time only after a temporal preposition ("ketika malam tiba").
        before = _word_before(text, start).rstrip(",")
        return before in _POD_LEADS or before in W["days"] or _DIGIT_END.search(before) is not None
    if rule == "clock":
        hour, minute = int(g["h"]), int(g["mi"] or 0)
        return hour <= 24 and minute < 60
    if rule == "clockzone":
        return int(g["h"]) <= 24 and int(g["mi"]) < 60
    return True


_POD_LEADS = frozenset({
    "pada", "ketika", "saat", "hingga", "sampai", "semakin", "menjelang", "jelang", "sejak",
    "sepanjang", "larut", "memasuki", "tiap", "setiap", "dari", "sore", "siang", "pagi", "malam", "kemarin",
})


def scan(text: str) -> list[Candidate]:
    """All plausible candidates, overlaps resolved: longest first, then by rule order, in text order."""
    found: list[tuple[int, int, int, Candidate]] = []
    low = _lowered(text)
    if low is None:  # rare: a character whose lower case IGNORECASE would not match the same way
        for rank, (name, regex) in enumerate(_COMPILED):
            for m in regex.finditer(text):
                start, end = m.span()
                if end > start:
                    g = m.groupdict()
                    if _plausible(name, g, start, end, text):
                        found.append((start - end, rank, start, Candidate(name, start, end, g)))
    else:
        matches = _rule_matches(low)
        if matches is None:  # no rule matches the empty string today; if one did, scan plainly
            matches = [(rank, m) for rank, (_, regex, _) in enumerate(_COMPILED_LOWER) for m in regex.finditer(low)]
        for rank, m in matches:
            name, _, groups = _COMPILED_LOWER[rank]
            start, end = m.span()
            if end > start:
                regs = m.regs
                # Group values from the original text: case matters ("Minggu", "WIB").
                g = {key: (text[regs[i][0]:regs[i][1]] if regs[i][0] >= 0 else None) for key, i in groups}
                if _plausible(name, g, start, end, text):
                    found.append((start - end, rank, start, Candidate(name, start, end, g)))
    found.sort(key=lambda item: item[:3])
    taken: list[Candidate] = []
    for _, _, _, cand in found:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


def parse_number(phrase: str) -> float | None:
    """'48' -> 48, '1,5' -> 1.5, 'dua belas' -> 12, 'dua puluh lima' -> 25, 'satu setengah' -> 1.5."""
    words = phrase.lower().split()
    half = 0.0
    if len(words) > 1 and words[-1] == "setengah":
        words, half = words[:-1], 0.5
    if len(words) == 1 and re.fullmatch(r"\d+(?:,\d+)?", words[0]):
        return float(words[0].replace(",", ".")) + half
    total = group = last = 0.0
    for word in words:
        if word in W["numbers"]:
            group, last = group + last, float(W["numbers"][word])
        elif word == "belas":
            group, last = group + last + 10, 0.0
        elif word in W["number_multipliers"] and word != "ribu":
            group, last = group + last * W["number_multipliers"][word], 0.0
        elif word == "ribu":
            total, group, last = total + (group + last) * 1000, 0.0, 0.0
        else:
            return None
    return total + group + last + half
