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
def _triggers(*groups: Iterable[str]) -> tuple[str, ...]:
    """Lower-case strings of which every match holds one (the first word of each listed entry),
    without those that hold another: a rule none of them occurs in can be skipped."""
    words = {w.lower().split()[0] for group in groups for w in group if w.split()}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


# For each rule, what any match of it must contain (None: no cheap test). Checked with ``in`` on
# the lower-cased text, which costs far less than a scan that finds nothing.
_TRIGGERS: dict[str, tuple[str, ...] | None] = {
    "numdate": ("/",),
    "textdate": _triggers(W["months"], W["month_abbreviations"]),
    "dayofmonth": ("tanggal", "tgl"),
    "month": _triggers(W["months"], W["month_abbreviations"]),
    "year": ("19", "20"),
    "decade": ("0",),
    "century": ("abad",),
    "yearpart": _triggers(W["year_parts"]),
    "holiday": _triggers(W["holidays"]),
    "season": _triggers(W["seasons"]),
    "clock": ("jam", "pkl", "pukul"),
    "clockrange": None,
    "clockzone": _triggers(W["zones"]),
    "dayname": _triggers(W["days"]),
    "relday": _triggers(W["relative_days"]),
    "anchorday": _triggers(W["anchor_days"]),
    "period": ("bulan", "minggu", "pekan", "tahun"),
    "modperiod": ("bulan", "tahun"),
    "weekend": ("akhir",),
    "offset": _triggers(W["units"], ["waktu"]),
    "duration": _triggers(W["units"]),
    "rangehead": ("-", "–"),
    "redup": ("ber",),
    "vaguedur": _triggers(W["vague_durations"]),
    "ref": _triggers(W["refs"]),
    "pod": _triggers(W["parts_of_day"]),
    "lastnight": ("malam",),
    "set": None,
}

# For rules that rarely match, a piece that every match must hold, as a regex: a body without
# it cannot match the rule, and the piece (starting with a literal or a digit) is found or
# ruled out far faster than the whole rule, which the engine tries at every word. Each is a
# run of the rule's own top-level sequence (or of its lookaround), so it matches inside any
# match of the rule; the reason is given for each.
_CORES: dict[str, str] = {
    # the day's last digit, then the month: "12 Maret", "12-15 Maret"
    "textdate": rf"\d\s+{MONTH_ANY}",
    # the decade's closing zero and "an": "1990-an", "80an"
    "decade": r"0\s*-?\s*an",
    # a bare year: the digits, and what must not follow them (the tail is space-led)
    "year": r"(?:19|20)\d\d(?![\d/]|[.,]\d|-an)(?![\w-])",
    # the unit and the direction: "(dua) hari lalu", "(se)tahun kemudian"
    "offset": rf"{_alt([*W['units'], 'waktu'])}\s+(?:{AGO}|{LATER}|{AHEAD})",
    # the start of the range, its dash and the unit after the range's end (the lookahead)
    "rangehead": rf"[-–]\s*\d{{1,3}}\s+{UNIT}",
    # the earlier clock and the word or dash between (the lookbehind), then the minutes
    "clockrange": r"\d[.:]\d\d(?:[-–]|\s[-–]\s|\shingga\s|\ssampai\s)\d{1,2}[.:]\d\d",
    "modperiod": rf"{MOD}\s+(?:bulan|tahun)",
    "period": rf"(?:pekan|minggu|bulan|tahun)\s+{_alt([*W['period_shift'], *W['anchor_shift']])}",
    # each of the three forms: "setiap hari", "per tahun", "dua kali sehari"
    # (one flat alternation of words, which the engine finds fastest; "kali" without its space)
    "set": rf"{_alt([*W['set_prefixes'], 'per', 'kali'])}\s",
}

# Rules whose leading assertion (a word start, "no digit before") keeps the regex engine from
# skipping ahead to the rule's first word: for these the rest of the pattern is searched alone
# (a literal or character-set start lets the engine jump) and the assertion is checked at each
# match found, which finds the same matches in fewer steps.
_LEAD_SPLIT = frozenset({"holiday", "clockrange", "clockzone", "relday", "anchorday", "modperiod",
                         "weekend", "rangehead", "redup", "vaguedur", "lastnight"})


def _group_end(pattern: str) -> int:
    """The index just past the bracketed group that opens ``pattern`` (escapes and sets skipped)."""
    depth, i, in_set = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
            if pattern[i + 1:i + 2] == "]" or pattern[i + 1:i + 3] == "^]":
                i += 2 if pattern[i + 1] == "]" else 3  # a "]" first in a set is a member
                continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced pattern: {pattern[:40]}")


def _split_lead(name: str, pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    if name not in _LEAD_SPLIT:
        return None
    if not pattern.startswith(("(?<=", "(?<!", "(?:(?<")):
        raise ValueError(f"rule {name}: no leading assertion to split")
    cut = _group_end(pattern)  # the assertion is the first bracketed group
    lead, rest = re.compile(pattern[:cut]), re.compile(pattern[cut:])
    if lead.groups or rest.groupindex != re.compile(pattern).groupindex:
        raise ValueError(f"rule {name}: the part before the first group must be an assertion")
    return lead, rest


def _heads(*groups: Iterable[str]) -> tuple[str, ...]:
    """The leading word characters of each entry, lower-cased ("akhir-akhir ini" -> "akhir")."""
    heads = {re.match(r"\w*", entry.lower()).group() for group in groups for entry in group}  # type: ignore[union-attr]  # \w* always matches
    if "" in heads:
        raise ValueError("an entry that does not start with a word character")
    return tuple(sorted(heads))


_DIGITS = tuple("0123456789")
_NUMBER_HEADS = (*_DIGITS, *_heads(W["numbers"]))
# "se" glued to a unit ("setahun", "sehari", and "sewaktu" for offsets): the unit's own
# letters narrow it down.
_AMOUNT_HEADS = (*_heads(W["approximators"], W["vague_numbers"]), *_NUMBER_HEADS,
                 *("se" + unit for unit in (*_heads(W["units"]), "waktu")))

# For the rules that are tried at most words, the words (or "(") any match starts with: the
# engine jumps from one to the next, where it would try the whole rule at every word. A match
# can only start where no word character precedes (every rule's first assertion says so), so
# the rest of a word that fails is skipped too. Each list follows the optional parts at the
# front of its rule in ``_PATTERNS``.
_OPENINGS: dict[str, tuple[str, ...]] = {
    "numdate": ("(", "hari", *_heads(W["days"]), *_DIGITS),
    "textdate": ("hari", "tanggal", "tgl", *_heads(W["days"]), *_DIGITS),
    "month": ("bulan", *_heads(W["modifiers"], W["months"], W["month_abbreviations"])),
    "year": ("sekitar", "tahun", *_heads(W["modifiers"]), "19", "20"),
    "decade": ("sekitar", "tahun", "era", "dekade", "medio", *_DIGITS),
    "dayname": ("hari", *_heads(W["days"])),
    "period": ("pekan", "minggu", "bulan", "tahun", *_heads(W["modifiers"])),
    "offset": _AMOUNT_HEADS,
    "duration": _AMOUNT_HEADS,
    "ref": _heads(W["refs"]),
    "pod": ("tadi", "kemarin", "besok", "esok", "nanti", *_heads(W["parts_of_day"])),
    "set": ("per", *_heads(W["set_prefixes"]), *_NUMBER_HEADS),
}


def _opening(name: str) -> re.Pattern[str] | None:
    """A regex for the start of ``name``'s matches: its first words as a trie (see
    :mod:`warta.analyze.patterns`), running on to the end of the word (``_finditer_opened``)."""
    if name not in _OPENINGS:
        return None
    return re.compile(trie(_OPENINGS[name]) + r"\w*+")


_COMPILED_LOWER_TRIGGERED = tuple(
    (name, regex, groups, _TRIGGERS[name], _split_lead(name, regex.pattern),
     re.compile(_lower_pattern(_CORES[name])) if name in _CORES else None, _opening(name))
    for name, regex, groups in _COMPILED_LOWER
)


def _finditer_split(lead: re.Pattern[str], rest: re.Pattern[str], text: str) -> list[re.Match[str]] | None:
    """``(lead)(rest)``'s matches in ``text``, as ``finditer`` gives them (None on an empty match)."""
    out: list[re.Match[str]] = []
    pos = 0
    while (m := rest.search(text, pos)) is not None:
        start, end = m.span()
        if end == start:
            return None
        if lead.match(text, start) is None:
            pos = start + 1
            continue
        out.append(m)
        pos = end
    return out



def _finditer_opened(opening: re.Pattern[str], regex: re.Pattern[str], text: str) -> list[re.Match[str]] | None:
    """``regex``'s matches in ``text``, as ``finditer`` gives them (None on an empty match),
    tried only where its ``opening`` is found (see ``_OPENINGS``)."""
    out: list[re.Match[str]] = []
    pos = 0
    while (found := opening.search(text, pos)) is not None:
        start = found.start()
        m = regex.match(text, start)
        if m is None:
            # No match starts inside a word: after a failed word, go on at its end; after a
            # failed "(", at the next character (a number may follow it).
            pos = start + 1 if text[start] == "(" else found.end()
            continue
        if m.end() == start:
            return None
        out.append(m)
        pos = m.end()
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
        for rank, (name, lregex, groups, triggers, split, core, opening) in enumerate(_COMPILED_LOWER_TRIGGERED):
            if triggers is not None and not any(t in low for t in triggers):
                continue
            if core is not None and core.search(low) is None:
                continue
            if split is not None:
                matches = _finditer_split(*split, low)
            elif opening is not None:
                matches = _finditer_opened(opening, lregex, low)
            else:
                matches = None
            for m in matches if matches is not None else lregex.finditer(low):
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
