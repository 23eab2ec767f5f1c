"""Who published a page, and where the story was filed: outlet and dateline.

The outlet comes from the page's own cues, strongest first:

1. the dateline lead ("TEMPO.CO, Jakarta -", "MOSKWA, KOMPAS.com -", "Jakarta (Indonesia Window) -");
2. a line that is only a site name or domain near the top ("kontan.co.id");
3. a credit that names the outlet with a domain inside the article ("(Serambinews.com/Agus)");
4. a copyright or promotion line ("© 2024 Kompas.com", "... dari Tempo.co di Google News");
5. the page URL, when the input carried one.

"Artikel ini telah tayang di X" names where a copy came FROM: networks syndicate among their own
sites, so it is the weakest cue, used only when nothing else names the outlet.
Names without a domain ("Indonesia Window", "MI") are looked up in ``lang/id/outlets.tsv``, which
also names the network behind regional brands ("SuaraJakarta.id" is published by suara.com).

>>> parse_dateline("KONTAN.CO.ID - MOSKOW. Pada Kamis, Rusia ...").place
'MOSKOW'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from warta.extract.domains import registered_domain
from warta.lang import read_lines, read_table, read_words

#: A domain-like token: "Tempo.co", "KONTAN.CO.ID", "jabar.tribunnews.com", "Ntvnews.id".
DOMAIN = re.compile(
    r"\b((?:[a-z0-9](?:[a-z0-9-]{0,40}[a-z0-9])?\.)+(?:com|co\.id|id|co|net|org|or\.id|go\.id|tv|news|info|web\.id|my\.id|ac\.id))\b",
    re.I)
_PART = r"[A-Za-zÀ-ÿ][\w.'’&]*(?: [A-Za-zÀ-ÿ(][\w.'’&)]*){0,3}"
#: A dash, a colon, or a lone non-Latin symbol where a dash belongs (a dash garbled by a wrong
#: encoding upstream: "DEMAK, KOMPAS \u03b2 Banjir ...").
_SEP = r"\s*[-–—]+\s+|\s*:\s+|\s+[^\x00-\x7f\u00c0-\u024f\u2018-\u201f]\s+"
DATELINE = re.compile(
    rf"^(?P<a>{_PART}?)\s*(?:\((?P<pa>[^()]{{2,40}})\))?"
    rf"(?:\s*,\s*(?P<b>{_PART}?)\s*(?:\((?P<pb>[^()]{{2,40}})\))?)?"
    rf"(?P<sep>{_SEP})"
    rf"(?:(?P<c>[A-Z][A-Z .'’]{{1,30}}?)\s*[.,]\s+)?(?=\S)")
#: Words that start ordinary sentences or labels and so are never a dateline place or outlet.
NOT_PLACE = read_words("id", "not_place_words.txt")
COPY_FROM = re.compile(r"(telah|sudah|pertama kali) (tayang|terbit|dimuat|dipublikasikan) di", re.I)


@dataclass(frozen=True, slots=True)
class Dateline:
    """The lead's dateline: place, the outlet it names and any wire credited.

    ``outlet`` is a registered domain when the printed name tells one; ``outlet_name`` is the
    name as printed ("Indonesia Window", "KobraPostOnline"), kept even when no domain is known.
    """

    place: str | None
    outlet: str | None
    wire: str | None
    end: int
    outlet_name: str | None = None


@cache
def outlet_names() -> dict[str, str]:
    """Printed outlet name (case-folded) -> publisher's domain, from ``lang/id/outlets.tsv``."""
    out: dict[str, str] = {}
    for row in read_table("id", "outlets.tsv"):
        domain = publisher(row[0])
        for name in row[1].split("|"):
            out.setdefault(name.casefold(), domain)
    return out


@cache
def _listed() -> dict[str, str]:
    """Every domain ``lang/id/outlets.tsv`` lists -> its publisher: itself, or the network named
    in the optional third column."""
    out: dict[str, str] = {}
    for row in read_table("id", "outlets.tsv"):
        domain = registered_domain(row[0])
        if len(row) > 2 and row[2]:
            out[domain] = row[2]
        else:
            out.setdefault(domain, domain)
    return out


def networks() -> dict[str, str]:
    """Regional brand's domain -> its network's domain."""
    return {domain: owner for domain, owner in _listed().items() if owner != domain}


def publisher(host: str) -> str:
    """The domain that publishes ``host``: its registered domain, or the network that runs it.

    >>> publisher("jabar.tribunnews.com"), publisher("https://www.SuaraJakarta.id/news/1")
    ('tribunnews.com', 'suara.com')
    >>> publisher("inewskutai.id"), publisher("suarakarya.id")
    ('inews.id', 'suarakarya.id')
    """
    domain = registered_domain(host)
    listed = _listed().get(domain)
    if listed is not None:
        return listed
    for shape, network in _network_shapes():  # an unlisted brand of a network's shape
        if shape.fullmatch(domain):
            return network
    return domain


@cache
def _network_shapes() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Domain shapes of networks' regional brands ("inews<city>.id"), from
    ``lang/id/outlet_network_patterns.tsv``."""
    return tuple((re.compile(row[0]), row[1]) for row in read_table("id", "outlet_network_patterns.tsv"))


@cache
def wire_names() -> dict[str, str]:
    """Agency alias -> canonical agency name, from ``lang/id/wire_agencies.tsv``."""
    out: dict[str, str] = {}
    for row in read_table("id", "wire_agencies.tsv"):
        for name in row[1].split("|"):
            out[name] = row[0]
    return out


@cache
def place_names() -> frozenset[str]:
    """Known places (Indonesian regions, world cities, countries), case-folded, for datelines."""
    names: set[str] = set()
    for name in ("loc_id_region.txt", "loc_world_city.txt", "loc_country.txt"):
        try:
            names.update(line.strip().casefold() for line in read_lines("id", f"gazetteer/{name}"))
        except FileNotFoundError:  # pragma: no cover - the gazetteers ship with the package
            continue
    return frozenset(names)


def domain_of(token: str) -> str | None:
    """The registered domain a printed name stands for: a domain-like token or a known name."""
    token = token.strip(" .,")
    m = DOMAIN.fullmatch(token)
    if m:
        return publisher(m.group(1).lower())
    return outlet_names().get(token.casefold())


def _looks_like_place(part: str) -> bool:
    words = part.split()
    if not words or len(words) > 4 or any(ch.isdigit() for ch in part):
        return False
    if words[0].casefold() in NOT_PLACE:
        return False
    return all(w[:1].isupper() for w in words)


def _is_place(part: str) -> bool:
    name = part.casefold()
    return name in place_names() or re.sub(r"^(kota|kabupaten|kab\.)\s+", "", name) in place_names()


def _name_like(part: str) -> bool:
    """An outlet's printed name: 1-3 capitalised words, no digits ("Nawacita", "Berita Baru")."""
    words = part.split()
    return 0 < len(words) <= 3 and not any(c.isdigit() for c in part) and part[:1].isupper()


@lru_cache(maxsize=8192)
def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of a lead paragraph, or None when the line has none.

    A part with a domain ("KOMPAS.com") or a known outlet name is the outlet; a known place or
    an all-capitals word is the place. With two unknown parts, Indonesian convention puts the
    place first ("CIANJUR, KobraPostOnline -") unless the first is the only non-place.
    """
    m = DATELINE.match(text)
    if not m or len(text) - m.end() < 20 or not (text[m.end()].isupper() or text[m.end()] in "0123456789\"“'‘"):
        return None  # a dateline is followed by a new sentence, not "Rusia — yang ..."
    parts = [p.strip() for p in (m.group("a"), m.group("b"), m.group("c")) if p]
    parens = [p.strip() for p in (m.group("pa"), m.group("pb")) if p]
    outlet = wire = place = name = None
    for p in parens:
        agency = wire_names().get(p) or wire_names().get(p.title())
        if agency:
            wire = agency  # "(ANTARA)": the copy's agency; the page may be anyone's reprint
            name = name or p
        elif domain_of(p) or (_name_like(p) and len(p.split()) <= 3 and not p.islower()):
            outlet = outlet or domain_of(p)
            name = name or p
        else:
            return None  # "(kiri)", "(27)": a parenthesis that is no outlet
    rest: list[str] = []
    for p in parts:
        d = domain_of(p) if DOMAIN.search(p) or p.casefold() in outlet_names() else None
        if d and outlet is None:
            outlet, name = d, p
        elif d is None:
            rest.append(p)
    if any(not _looks_like_place(p) and not _name_like(p) for p in rest):
        return None
    colon = m.group("sep").strip() == ":"
    if len(rest) == 1:
        p = rest[0]
        if _is_place(p) or (p.isupper() and _looks_like_place(p)) or outlet or wire:
            if not _looks_like_place(p):
                return None
            place = p
        elif not colon and len(parts) == 1 and _name_like(p):
            name = p  # "Darilaut - Sebanyak 89 desa ...": an outlet we do not know
        else:
            return None
    elif len(rest) >= 2:
        if colon:
            return None
        first, second = rest[0], rest[1]
        if _is_place(second) and not _is_place(first):
            name, place = first, second
        elif _looks_like_place(first):
            place, name = first, second
        else:
            return None
    if place is None and outlet is None and wire is None and name is None:
        return None
    return Dateline(place, outlet, wire, m.end(), name)


#: How outlets refer to themselves in their own copy: "Pantauan Kompas.com di lokasi",
#: "kata X kepada Tempo", "dikutip Tribunnews.com dari akun ...", "dihimpun detikcom".
SELF_REFERENCE = re.compile(
    r"\b(?:pantauan|pemantauan|dihubungi|diulas|kepada|ditemui|wawancara(?: khusus)? dengan|"
    r"dihimpun|diberitakan|dirangkum|"
    r"(?:dikutip|dilansir|dirangkum|diakses)(?=\s+\S+\s+dari))\s+(?P<name>[\w.-]+(?:\s[A-Z][\w.]+)?)", re.I)
#: A paragraph's closing sign-off naming source and outlet: "(antara/jpnn)".
SIGNOFF = re.compile(r"\((?:[\w.]+/)+(?P<name>[\w.]+)\)\s*$")
LEAD_DOMAIN = re.compile(r"^(?:[A-Z][\w.' ]{1,30},\s*)?" + DOMAIN.pattern + r"\s*(?:[,\-–—:]|$)", re.I)
#: Cheap pre-check: a separator ("-", "–", ":") within the first 60 characters.
MAY_BE_DATELINE = re.compile(r"^.{2,60}?(?:\s[-–—]|:\s)")
DATELINE_ALONE = re.compile(r"^[A-Z][\w.' ]{1,30},\s*([A-Z][\w.]*(?: [A-Z][\w.]*)?)\s*[-–—:]?\s*$")
LOGO = re.compile(r"^logo\s+(.{2,40})$", re.I)
PHOTO_CREDIT_OUTLET = re.compile(r"\b(?:foto|photo)\s*:\s*(?:[^/.]{2,40}/)?([\w.]{3,30})\s*$", re.I)
#: A lead opening with a name and a desk label before the dash ("VIVA Nasional –", "Okezone Bola -");
#: the name counts only when the directory knows it.
LEAD_NAME = re.compile(r"^([A-Za-z][\w.]{1,30})\s+[^\s\d][^\s]{1,20}\s+[-–—]\s+[A-Z\"“]")
URL_HOST = re.compile(r"https?://([\w.-]+)")


def outlet_from_text(lines: list[str], dateline: Dateline | None) -> str | None:
    """The page's outlet from its own cues (see the module docstring for the order)."""
    if dateline and dateline.outlet:
        return dateline.outlet
    # "(ANTARA)" names the agency whose copy this is; its own site is the outlet only when
    # nothing else on the page names one.
    agency_site = dateline and dateline.wire and dateline.outlet_name
    weak = domain_of(dateline.outlet_name) if agency_site and dateline and dateline.outlet_name else None
    for t in lines[:6]:  # a site-name line at the top
        m = DOMAIN.fullmatch(t.strip().lower())
        if m:
            return publisher(m.group(1))
    votes: Counter[str] = Counter()
    copied_from: Counter[str] = Counter()

    def vote(name: str, weight: int) -> None:
        domain = domain_of(name)
        if domain and not (wire_names().get(name.strip(" .,")) and not DOMAIN.search(name)):
            votes[domain] += weight

    for t in lines:
        if COPY_FROM.search(t):
            for m in DOMAIN.finditer(t):  # "telah tayang di jabar.inews.id": the network's copy
                copied_from[publisher(m.group(1).lower())] += 1
            continue
        other = parse_dateline(t[:160]) if MAY_BE_DATELINE.match(t) else None
        if other and other.outlet:
            votes[other.outlet] += 5
        else:
            lead = LEAD_DOMAIN.match(t)  # "Liputan6.com, Jakarta Presiden ...", "Pematang Siantar, MISTAR.ID"
            if lead:
                votes[publisher(lead.group(1).lower())] += 4
            alone = DATELINE_ALONE.match(t)  # "DENPASAR, NusaBali" on a line of its own
            if alone:
                vote(alone.group(1), 4)
            named = LEAD_NAME.match(t)  # "VIVA Nasional – Depo ...": a known name and its desk
            if named:
                vote(named.group(1), 4)
        for m in re.finditer(r"[(\[]\s*" + DOMAIN.pattern + r"\s*/", t, re.I):  # "(Serambinews.com/Agus)"
            votes[publisher(m.group(1).lower())] += 3
        if re.search(r"©|copyright|hak cipta|google news|ikuti berita|berita pilihan", t, re.I):
            for m in DOMAIN.finditer(t):
                votes[publisher(m.group(1).lower())] += 2
        for m in SELF_REFERENCE.finditer(t):
            name = m.group("name")
            vote(name, 2)
            if " " in name:
                vote(name.split()[0], 2)
        sign = SIGNOFF.search(t)
        if sign:
            vote(sign.group("name"), 2)
        for m in URL_HOST.finditer(t):
            votes[publisher(m.group(1).lower())] += 1
        logo = LOGO.match(t)  # "Logo Bloomberg Technoz": the site's own logo, as alt text
        if logo:
            vote(logo.group(1), 3)
        for m in PHOTO_CREDIT_OUTLET.finditer(t):  # "Foto: Nama/kumparan": the outlet's photographer
            vote(m.group(1), 1)
    if votes:
        return votes.most_common(1)[0][0]
    if weak:
        return weak
    return copied_from.most_common(1)[0][0] if copied_from else None
