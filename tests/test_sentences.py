"""Sentence splitting and tokenisation of Indonesian news text (invented sentences)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.analyze.sentences import split_sentences, tokenize


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def tokens(text: str) -> list[str]:
    return [t for t, _, _ in tokenize(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ia tinggal di Jl. Merdeka No. 12 sejak lama. Rumahnya kecil.",
     ["Ia tinggal di Jl. Merdeka No. 12 sejak lama.", "Rumahnya kecil."]),
    ("Prof. Budi Santoso, S.H., M.Si. hadir. Acara dimulai.",
     ["Prof. Budi Santoso, S.H., M.Si. hadir.", "Acara dimulai."]),
    ("Dana disalurkan a.n. Yayasan Kita di Kab. Bogor, Kec. Ciawi. Semua lancar.",
     ["Dana disalurkan a.n. Yayasan Kita di Kab. Bogor, Kec. Ciawi.", "Semua lancar."]),
    ("Harga naik menjadi Rp 1.468.000 atau 0,33 persen. Pasar tenang.",
     ["Harga naik menjadi Rp 1.468.000 atau 0,33 persen.", "Pasar tenang."]),
    ("Gempa terjadi pukul 21.02 WIB. Warga panik.", ["Gempa terjadi pukul 21.02 WIB.", "Warga panik."]),
    ("Surat itu diteken Susilo B. Yudhoyono kemarin. Isinya rahasia.",
     ["Surat itu diteken Susilo B. Yudhoyono kemarin.", "Isinya rahasia."]),
    ("Ia membeli buku, pena, dll. Kemudian ia pulang.",
     ["Ia membeli buku, pena, dll.", "Kemudian ia pulang."]),
    ("Penelitian Andi dkk. menunjukkan hal itu. Hasilnya jelas.",
     ["Penelitian Andi dkk. menunjukkan hal itu.", "Hasilnya jelas."]),
    ("“Kami siap. Semua sudah diatur,” kata Budi. Ia lalu pergi.",
     ["“Kami siap. Semua sudah diatur,” kata Budi.", "Ia lalu pergi."]),
    ("“Kami siap!” ujar Sari. Lalu ia tertawa.", ["“Kami siap!” ujar Sari.", "Lalu ia tertawa."]),
    ("“Kami siap.” Budi pun pergi.", ["“Kami siap.”", "Budi pun pergi."]),
    ("Kabar itu... Tidak ada yang tahu.", ["Kabar itu...", "Tidak ada yang tahu."]),
    ("Kunjungi https://contoh.go.id/berita?id=3. Atau kirim surel ke redaksi@contoh.co.id. Terima kasih.",
     ["Kunjungi https://contoh.go.id/berita?id=3.", "Atau kirim surel ke redaksi@contoh.co.id.",
      "Terima kasih."]),
    ("JAKARTA, KOMPAS.com - Hujan turun. Jalan banjir.",
     ["JAKARTA, KOMPAS.com - Hujan turun.", "Jalan banjir."]),
    ("Judul tanpa titik\n\nParagraf kedua.", ["Judul tanpa titik", "Paragraf kedua."]),
    ("Apa benar? Ya!", ["Apa benar?", "Ya!"]),
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Rp 1.468.000", ["Rp", "1.468.000"]),
    ("Rp1.468.000", ["Rp", "1.468.000"]),
    ("naik 0,33%", ["naik", "0,33", "%"]),
    ("pukul 21.02 WIB.", ["pukul", "21.02", "WIB", "."]),
    ("tanggal 14/6/2018", ["tanggal", "14/6/2018"]),
    ("Kim Jong-un, COVID-19", ["Kim", "Jong-un", ",", "COVID-19"]),
    ("Ma'ruf Amin", ["Ma'ruf", "Amin"]),
    ("dr. Tirta, M.Si.", ["dr.", "Tirta", ",", "M.Si."]),
    ("“Ya,” katanya.", ["“", "Ya", ",", "”", "katanya", "."]),
    ("lihat www.contoh.com.", ["lihat", "www.contoh.com", "."]),
    ("Tribunnews.com melaporkan", ["Tribunnews.com", "melaporkan"]),
])
def test_tokenize(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def test_tokenize_window_offsets_point_into_the_text() -> None:
    text = "Awal. Harga naik 0,33% hari ini."
    toks = tokenize(text, 6, 22)
    assert [t for t, _, _ in toks] == ["Harga", "naik", "0,33", "%"]
    assert all(text[s:e] == t for t, s, e in toks)


def test_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []
    assert tokenize("") == []


# Text assembled from the pieces that trouble a splitter: stops, quotes, numbers, abbreviations.
NEWSY = st.lists(
    st.sampled_from([*list("abcXYZ019 .,;:!?\"'“”‘’()-/\n…%@"), "Jl.", "No.", "dll.", "Rp", " Kim", "www."]),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(NEWSY)
def test_offsets_slice_back_and_sentences_cover_the_text(text: str) -> None:
    toks = tokenize(text)
    for tok, s, e in toks:
        assert text[s:e] == tok and tok.strip() == tok and tok
    assert [s for _, s, _ in toks] == sorted(s for _, s, _ in toks)
    spans = split_sentences(text)
    pos = 0
    for s, e in spans:
        assert pos <= s < e <= len(text)
        assert text[pos:s].strip() == ""       # nothing but space between sentences
        assert text[s:e] == text[s:e].strip()
        pos = e
    assert text[pos:].strip() == ""


@pytest.mark.parametrize("text", [
    "Ia tinggal di Jl. Merdeka No. 12 sejak lama. Rumahnya kecil.",
    "Harga 5.Ia pergi. Oleh B.Ia datang. Bayar Rp5 juta.\nRp. B. Ia",
    "“Kami siap. Semua sudah diatur,” kata Budi. Ia pulang.\n\nselesai.Ia pergi 1.5x. dll.Dia",
    "Kirim ke redaksi@contoh.co.id atau KOMPAS.com/Budi. Selesai!? Ya… Tidak...",
    "",
])
def test_tokenized_sentences_are_split_then_tokenize(text: str) -> None:
    from warta.analyze.sentences import tokenized_sentences

    expected = [(s, e, tokenize(text, s, e)) for s, e in split_sentences(text)]
    assert tokenized_sentences(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Jl.", "B.", "Ia", "dll.", "5", ".", "1.5", "x", "Rp", "“", "”", ",",
                                 "kata", "!", "?", "…", "...", "a@b.com", "KOMPAS.com", "\n", " ", ""]),
                max_size=25).map("".join))
def test_tokenized_sentences_on_any_text(text: str) -> None:
    from warta.analyze.sentences import tokenized_sentences

    assert tokenized_sentences(text) == [(s, e, tokenize(text, s, e)) for s, e in split_sentences(text)]


def _reference_tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """The tokenizer as first written: the full pattern at every token."""
    from warta.analyze.sentences import _SITE_HINT, _TOKEN_RES, _abbreviations, _is_initial

    stop = len(text) if end is None else end
    abbrs = _abbreviations()[0]
    token_re = _TOKEN_RES[text.find("@", start, stop) >= 0, _SITE_HINT.search(text, start, stop) is not None]
    out = []
    pos = start
    while pos < stop:
        m = token_re.search(text, pos, stop)
        if m is None:
            break
        s, e = m.span()
        if m.lastgroup == "word" and e < stop and text[e] == ".":
            word = m.group()
            if (word + ".").casefold() in abbrs or _is_initial(text, word, e, stop):
                e += 1
        out.append((text[s:e], s, e))
        pos = e
    return out


_TOKEN_PIECES = st.sampled_from([
    "Jl", "Prof", "B", "Rp", "Rp5.000", "http://a.id/b", "https://x.co.id.", "www.kompas.com", "a@b.id",
    ".x@y.com", "+62", "-", "KOMPAS.com", "kompas.co.id", "S.H.", "a.n.", "1.468.000", "0,33", "21.02",
    "13/9", "12:30", "1.5x", "2023", "Jong-un", "Ma'ruf", "Jum’at", "...", "…", ".", ",", ":", "/", "@",
    "“", "”", "(", ")", "'", "abc-", "_", "é", "İ", " ", "  ", "\n", "\n\n",
])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_TOKEN_PIECES, max_size=25).map("".join), st.data())
def test_tokenize_equals_the_full_pattern_everywhere(text: str, data: st.DataObject) -> None:
    from warta.analyze.sentences import tokenize

    assert tokenize(text) == _reference_tokenize(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert tokenize(text, start, end) == _reference_tokenize(text, start, end)


def test_tokenize_equals_the_full_pattern_on_the_sample_pages() -> None:
    from importlib.resources import files

    from warta.analyze.sentences import tokenize

    for page in files("warta.samples").iterdir():
        if page.name.endswith((".txt", ".html")):
            text = page.read_text(encoding="utf-8")
            assert tokenize(text) == _reference_tokenize(text), page.name


def _reference_sentence_ranges(text: str, tokens: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """The sentence splitter as first written: every token visited, line breaks found by slicing."""
    from warta.analyze.sentences import _CLOSERS, _OPENERS, _TERMINALS, MAX_QUOTE_CHARS, _abbreviations

    n = len(tokens)
    if not n:
        return []
    inside = [False] * n
    i = 0
    while i < n:
        tok, start, _ = tokens[i]
        if tok not in ("“", '"'):
            i += 1
            continue
        closer = "”" if tok == "“" else '"'
        j = i + 1
        while j < n and tokens[j][0] != closer and tokens[j][1] - start < MAX_QUOTE_CHARS:
            if "\n" in text[tokens[j - 1][2]:tokens[j][1]]:
                break
            j += 1
        if j >= n or tokens[j][0] != closer:
            i += 1
            continue
        k = j + 1
        if k < n and tokens[k][0] == ",":
            k += 1
        if k < n and tokens[k][0][:1].islower() and "\n" not in text[tokens[j][2]:tokens[k][1]]:
            for m in range(i, j):
                inside[m] = True
        i = j + 1
    ending = _abbreviations()[1]
    spans, first, i = [], 0, 0
    while i < n:
        last, tok = i, tokens[i][0]
        is_end = tok in _TERMINALS or tok == "..." or tok.casefold() in ending
        if is_end:
            while last + 1 < n and tokens[last + 1][0] in _TERMINALS and tokens[last][2] == tokens[last + 1][1]:
                last += 1
            while last + 1 < n and tokens[last + 1][0] in _CLOSERS and tokens[last][2] == tokens[last + 1][1]:
                last += 1
        nxt = last + 1
        if nxt >= n:
            break
        boundary = "\n" in text[tokens[last][2]:tokens[nxt][1]]
        if not boundary and is_end and not inside[i]:
            opener = tokens[nxt][0]
            if tok.casefold() in ending and tok not in _TERMINALS:
                boundary = opener[:1].isupper()
            else:
                boundary = opener[:1].isupper() or opener[:1].isdigit() or opener in _OPENERS
        if boundary:
            spans.append((first, last + 1))
            first = nxt
        i = nxt
    spans.append((first, n))
    return spans


_SENTENCE_PIECES = st.sampled_from([
    "Kami siap", ".", "!", "?", "...", "…", "dll.", "Dll.", "Jl.", "“", "”", '"', ",", " kata Budi", " Ia",
    " ia", " 5", " (", "'", ")", "\n", "\n\n", " ", "B.", " Yudhoyono", "?!", "Tbk.", "A", "x",
])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_SENTENCE_PIECES, max_size=30).map("".join))
def test_sentence_ranges_equal_the_reference(text: str) -> None:
    from warta.analyze.sentences import _sentence_ranges

    tokens = tokenize(text)
    assert _sentence_ranges(text, tokens) == _reference_sentence_ranges(text, tokens)
