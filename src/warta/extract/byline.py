"""Reporters, editors and wire credits from the lines around an article.

Bylines come in a handful of shapes that recur across outlets, so they are read by shape:

    Penulis: Agus Ramadhan | Editor: Ansari Hasyim       label: name, on one line
    Reporter / Nabiila Azzahra / Editor / Ida Rosdalina  label line, then the name line
    Moh. Rizky / Penulis / Tasya Paramitha / Editor      name line, then the label line
    Muhammad Taufiq / Rabu, 05 Oktober 2022 | 15:36 WIB  a bare name right above the date line
    oleh Helmi Fithriansyah diperbarui 05 Sep 2024       "oleh NAME" before a date
    Laporan Wartawan Tribunnews.com, Gabriella Gunatyas  a report credit

An outlet's name in a person slot ("Reporter: Tempo.co") is not a person; "Sumber: Reuters"
is a wire credit, not an author.

Wire credits in the text: "Sumber: Reuters", a line of agency names ("REUTERS | TASS"), "Melansir
Reuters", "Dilansir Bloomberg", "dikutip dari Antara", "(ANTARA)" in the dateline, and a bare
agency tag closing the last paragraph ("... 131 orang. ANTARA", "(antara/jpnn)"). Photo credits
in captions never count: callers pass body and credit lines only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from warta.extract.lines import cue_kind
from warta.extract.outlet import DOMAIN, outlet_names, wire_names

AUTHOR_LABELS = (r"penulis|reporter|wartawan|pewarta|jurnalis|kontributor|peliput|oleh|ditulis oleh|writer|author"
                 r"|laporan wartawan(?: [\w.]+)?|laporan reporter(?: [\w.]+)?")
EDITOR_LABELS = r"editor|penyunting|redaktur|editing|diedit oleh"
SOURCE_LABELS = r"sumber|source"
LABEL = re.compile(rf"^(?P<label>{AUTHOR_LABELS}|{EDITOR_LABELS}|{SOURCE_LABELS})\s*$", re.I)
LABELLED = re.compile(
    rf"(?:^|\|\s*|\s{{2,}})(?P<label>{AUTHOR_LABELS}|{EDITOR_LABELS}|{SOURCE_LABELS})\s*[:,]\s*(?P<value>[^|]+?)\s*(?=\||$)",
    re.I)
NAME_WORD = (r"(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)?|[A-Z][a-z]{0,3}\.|[A-Z]\.?|[A-Z]{2,}"
             r"|(?:bin|binti|van|de|da|al|el)\b)")
PERSON = re.compile(rf"^{NAME_WORD}(?:\s+{NAME_WORD}){{0,5}}$")
OLEH = re.compile(rf"^(?i:oleh|by)\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,5}})\b")
PAREN_NAME = re.compile(r"\(\s*([^()/]{3,60})\s*\)")
#: A label where LABELLED can find one: at the start of the line (the other places are after
#: "|" and after a run of spaces, each cheaper to look for than LABELLED itself).
LABEL_FIRST = re.compile(rf"(?:{AUTHOR_LABELS}|{EDITOR_LABELS}|{SOURCE_LABELS})\s*[:,]", re.I)
WIDE_SPACE = re.compile(r"\s{2,}")
SOURCE_ROLE = re.compile(SOURCE_LABELS)
EDITOR_ROLE = re.compile(EDITOR_LABELS)
#: Between the names of one credit: "A, B dan C", "A/B", "A & B".
NAME_SEPARATOR = re.compile(r"\s*(?:,|/|&|\bdan\b|\band\b)\s*")
TRAILING_DASH = re.compile(r"\s*[-–—]\s*$")
#: The end of the name that opens a date line: "Muhammad Taufiq, Rabu ...", "Nama - Rabu ...".
DATE_LINE_HEAD = re.compile(r"\s*(?:,|\s[-–—|•]\s|-(?=[A-Z]))\s*")
ROLE_AFTER_NAME = re.compile(r"\s*,?\s*(?:jurnalis|wartawan|reporter|kontributor)\b.*$", re.I)
#: The reporter's sign-off closing the last paragraph: ". (Yanti/Andin)".
SIGNOFF_NAME = re.compile(r"[.!?\"”]\s*\(\s*([A-Z][\w. ]{2,40}?)\s*/\s*[\w. ]{2,40}\)\s*$")
DATE_WORD = re.compile(
    r"(?i)(senin|selasa|rabu|kamis|jum.?at|sabtu|minggu|diperbarui|dipublikasikan|diterbitkan|update)\b")
SOURCE_PREFIX = re.compile(r"(?i)^(sumber|source)\s*:\s*")
#: Between the agencies of a credit line: "REUTERS | TASS", "AFP/Reuters", "Reuters dan AP".
AGENCY_SEPARATOR = re.compile(r"\s*[|/,;&]\s*|\s+dan\s+")
#: A bare agency tag closing a paragraph: "... 131 orang. ANTARA", "(antara/jpnn)".
CLOSING_TAG = re.compile(r"(?:[.!?\"”]\s+|\()(?P<t>[A-Za-z]{2,12})(?:\s*/\s*[a-z]{2,12})*\)?\s*$")
CREDIT_VERBS = (r"(?:melansir|menukil|pantauan|dilansir(?:\s+dari)?|mengutip(?:\s+dari)?|dikutip(?:\s+(?:dari|oleh))?"
                r"|sebagaimana dikutip|seperti dikutip(?:\s+(?:dari|oleh))?|seperti dilansir(?:\s+dari)?|sumber\s*:)")


@dataclass(slots=True)
class Byline:
    """People credited for the article, and the agencies whose copy it uses."""

    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    wires: list[str] = field(default_factory=list)

    def add(self, role: str, value: str) -> None:
        """Credit ``value`` (possibly several names) in the slot a label names."""
        role = role.casefold()
        for name in split_names(value):
            agency = agency_of(name)
            if agency:
                _append(self.wires, agency)
            elif SOURCE_ROLE.fullmatch(role):
                continue  # "Sumber: Kompas.com": an outlet, not a person or agency
            elif is_person_name(name):
                _append(self.editors if EDITOR_ROLE.fullmatch(role) else self.authors, name)


def _append(target: list[str], value: str) -> None:
    if value.casefold() not in {v.casefold() for v in target}:
        target.append(value)


def undouble(text: str) -> str:
    """'Andika PratamaAndika Pratama' -> 'Andika Pratama' (a name glued to its own copy)."""
    n = len(text)
    if n % 2 == 0 and n >= 6 and text[: n // 2] == text[n // 2:]:
        return text[: n // 2]
    return text


def split_names(value: str) -> list[str]:
    """'A, B dan C' -> ['A', 'B', 'C'], dropping trailing roles and dashes."""
    value = TRAILING_DASH.sub("", value.strip())
    parts = NAME_SEPARATOR.split(value)
    return [undouble(p.strip(" .:-–")) if not p.strip().endswith(".") or len(p.strip()) > 3 else p.strip()
            for p in parts if p.strip(" .:-–")]


def agency_of(name: str) -> str | None:
    """The canonical agency a credit names ("REUTERS" -> "Reuters"), or None."""
    name = name.strip(" .()")
    return wire_names().get(name) or wire_names().get(name.title()) or (
        "Antara" if name.casefold() in ("antara", "ant") else None)


@lru_cache(maxsize=8192)
def is_person_name(name: str) -> bool:
    """A plausible person's name: capitalised words, no digits, not an outlet or agency."""
    name = name.strip()
    if not name or len(name) > 60 or DOMAIN.search(name) or name.casefold() in outlet_names():
        return False
    if agency_of(name) or (name.isupper() and len(name.split()) == 1) or cue_kind(name):
        return False
    return bool(PERSON.match(name))


def read_byline(header: list[str], date_line: int | None, title_line: int | None = None,
                footer: tuple[str, ...] = (), last_paragraph: str = "") -> Byline:
    """Authors and editors from the header lines (those above the article body).

    ``date_line`` is the index in ``header`` of the line that gave the publication date, if
    any: a bare name right above it, or before it on the same line, is the author; so is a bare
    name right under the headline (``title_line``). ``footer`` holds the non-body lines after
    the lead ("Editor : Abriandi" below the text), ``last_paragraph`` the body's last
    paragraph, whose closing "(Yanti/Andin)" sign-off names the reporter.
    """
    by = Byline()
    labels = [i for i, t in enumerate(header) if LABEL.match(t.strip())]
    # "Reporter / Nabiila / Editor / Ida" (name after label) or "Moh. Rizky / Penulis /
    # Tasya / Editor" (name before label): the last label line tells which.
    name_before = bool(labels) and not _name_at(header, labels[-1] + 1) and _name_at(header, labels[-1] - 1)
    for i, raw in enumerate(header):
        text = raw.strip()
        label = LABEL.match(text)
        if label:
            j = i - 1 if name_before else i + 1
            if 0 <= j < len(header) and not LABEL.match(header[j].strip()):
                value = undouble(header[j].strip())
                if is_person_name(value) or agency_of(value) or DOMAIN.search(value):
                    by.add(label.group("label"), value)
            continue
        if _labelled(by, text):
            continue
        oleh = OLEH.match(text)
        if oleh:
            by.add("penulis", oleh.group("name"))
            continue
        if date_line is not None and i == date_line:
            head = DATE_LINE_HEAD.split(text, maxsplit=1)[0]
            head = ROLE_AFTER_NAME.sub("", head)
            if head != text and is_person_name(undouble(head)) and not _is_date_word(head):
                by.add("penulis", head)
        near = (date_line is not None and i == date_line - 1) or (title_line is not None and i == title_line + 1)
        if near and not by.authors and len(text.split()) >= 2 and is_person_name(undouble(text)):
            by.add("penulis", undouble(text))
    for text in footer:
        text = text.strip()
        if not _labelled(by, text) and text.startswith("("):
            m = PAREN_NAME.fullmatch(text)  # "(Admiraldy Eka Saputra)"
            if m and not by.authors and is_person_name(m.group(1)) and len(m.group(1).split()) >= 2:
                by.add("penulis", m.group(1))
    sign = SIGNOFF_NAME.search(last_paragraph)
    if sign and not by.authors and is_person_name(sign.group(1)):
        by.add("penulis", sign.group(1))
    return by


def _name_at(lines: list[str], j: int) -> bool:
    return 0 <= j < len(lines) and is_person_name(undouble(lines[j].strip()))


def _labelled(by: Byline, text: str) -> bool:
    """Read "Penulis: A | Editor: B" forms; True when the line was one."""
    if ":" not in text and "," not in text and "  " not in text:
        return False
    if "|" not in text and LABEL_FIRST.match(text) is None and WIDE_SPACE.search(text) is None:
        return False  # no place where LABELLED could find a label
    found = False
    for m in LABELLED.finditer(text):
        by.add(m.group("label"), m.group("value"))
        found = True
    return found


def _is_date_word(text: str) -> bool:
    return bool(DATE_WORD.match(text))


@cache
def _credit_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A credit ("Melansir Reuters") and, as a cheap pre-check on lower-cased text, any agency name."""
    aliases = sorted(wire_names(), key=len, reverse=True)
    alias_re = "|".join(re.escape(a) for a in aliases)
    credited = re.compile(
        rf"\b{CREDIT_VERBS}\s+(?:(?:kantor berita|media|laman|situs)\s+(?:\w+\s+){{0,2}})?(?P<a>{alias_re})\b", re.I)
    lowered = "|".join(re.escape(a.lower()) for a in aliases)
    return credited, re.compile(rf"\b(?:{lowered}|ant)\b")


def wire_credits(body_lines: list[str], dateline_wire: str | None,
                 credit_lines: tuple[str, ...] = ()) -> list[str]:
    """Agencies credited in the body text (see the module docstring for the forms read)."""
    wires: list[str] = []
    if dateline_wire:
        _append(wires, dateline_wire)
    credited, any_alias = _credit_patterns()
    for k, text in enumerate([*body_lines, *credit_lines]):
        if not any_alias.search(text.lower()):
            continue
        for m in credited.finditer(text):
            name = m.group("a")
            if name in wire_names() or name.isupper() or name[:1].isupper():
                agency = agency_of(name)
                if agency:
                    _append(wires, agency)
        if is_credit_line(text):
            for part in AGENCY_SEPARATOR.split(SOURCE_PREFIX.sub("", text)):
                agency = agency_of(part)
                if agency:
                    _append(wires, agency)
        if len(body_lines) - 3 <= k < len(body_lines):  # a closing tag: "... 131 orang. ANTARA" / "(antara/jpnn)"
            tail = CLOSING_TAG.search(text)
            if tail:
                agency = agency_of(tail.group("t"))
                if agency and (tail.group("t").isupper() or text.rstrip().endswith(")")):
                    _append(wires, agency)
    return wires


def is_credit_line(text: str) -> bool:
    """A line that only credits agencies: 'REUTERS | TASS', 'Sumber: Reuters', 'AFP/Reuters'."""
    if len(text) > 80:
        return False
    body = SOURCE_PREFIX.sub("", text.strip())
    parts = [p for p in AGENCY_SEPARATOR.split(body) if p]
    return bool(parts) and len(body) < 60 and all(agency_of(p) for p in parts)
