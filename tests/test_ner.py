"""Tests for the entity recogniser: features, the shipped model, the token-file reader.

Tests that need the public corpora (../shared/data) skip when they are absent; everything else
runs on invented sentences.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.analyze.ner import (
    MODEL_FILE,
    NerModelMissing,
    Tagger,
    bio_to_spans,
    load_tagger,
    read_token_lines,
    repair_bio,
    tag_spans,
)
from warta.analyze.ner_features import Gazetteer, Resources, sentence_features, tokenize_entry, word_shape

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_model = pytest.mark.skipif(not MODEL_FILE.is_file(), reason="no trained model; run `make train`")


@pytest.mark.parametrize(
    ("token", "shape"),
    [("Jokowi", "Xx"), ("KPK", "X"), ("HUT-71", "X-d"), ("2024", "d"), ("detikcom", "x"), ("McLaren", "XxXx")],
)
def test_word_shape(token: str, shape: str) -> None:
    assert word_shape(token) == shape


def test_gazetteer_entries_are_split_like_corpus_tokens() -> None:
    assert tokenize_entry("Paris Saint-Germain") == ("paris", "saint", "-", "germain")


def test_gazetteer_prefers_the_longest_match() -> None:
    gz = Gazetteer.from_lists({"region": ["Jawa", "Jawa Barat"], "title": ["Gubernur"]})
    marks = gz.matches(["gubernur", "jawa", "barat", "tiba"])
    assert "gz:title:B" in marks[0]
    assert "gz:region:B" in marks[1] and "gz:region:I" in marks[2]
    assert marks[3] == []


def _reference_matches(gz: Gazetteer, lowered: list[str]) -> list[list[str]]:
    """Longest match first, left to right, token by token: what the sparse scan must give."""
    marks: list[list[str]] = [[] for _ in lowered]
    i = 0
    while i < len(lowered):
        found = 0
        for length in range(min(gz.max_len, len(lowered) - i), 0, -1):
            names = gz.entries.get(tuple(lowered[i:i + length]))
            if names:
                for name in names:
                    marks[i] += [f"gz:{name}:B", f"gz:{name}"]
                    for j in range(i + 1, i + length):
                        marks[j] += [f"gz:{name}:I", f"gz:{name}"]
                found = length
                break
        i += found or 1
    return marks


@pytest.mark.parametrize("sentence", [
    "gubernur jawa barat tiba di jawa",
    "jawa jawa barat barat kpk reuters presiden",
    "tidak ada apa-apa di sini",
    "kementerian koordinator bidang pembangunan manusia dan kebudayaan jawa barat",
])
def test_sparse_gazetteer_marks_equal_the_reference(sentence: str) -> None:
    gz = Resources.load().gazetteer
    lowered = sentence.split()
    assert gz.matches(lowered) == _reference_matches(gz, lowered)
    assert gz.marked(lowered) == [(i, m) for i, m in enumerate(_reference_matches(gz, lowered)) if m]


def test_packaged_gazetteers_load() -> None:
    gz = Resources.load().gazetteer
    for words, name in [(("jawa", "barat"), "loc_id_region"), (("kpk",), "org_government"),
                        (("reuters",), "org_media"), (("presiden",), "per_title")]:
        assert name in gz.entries[words]


def test_features_describe_token_context_and_gazetteers() -> None:
    feats = sentence_features(["Gubernur", "Ridwan", "Kamil", "meresmikan", "jalan", "di", "Bandung"],
                              Resources.load())
    assert len(feats) == 7
    assert "BOS" in feats[0] and "EOS" in feats[6]
    assert "w=ridwan" in feats[1] and "sh=Xx" in feats[1] and "cap" in feats[1]
    assert "-1:gz:per_title" in feats[1]  # the title right before a name
    assert "gz:loc_id_region:B" in feats[6]
    assert "verbal" in feats[3]  # me- prefix on a lower-case word
    assert all(isinstance(f, str) for row in feats for f in row)


def test_features_of_empty_sentence() -> None:
    assert sentence_features([], Resources.load()) == []


@pytest.mark.parametrize(
    ("labels", "spans"),
    [
        (["O", "B-PER", "I-PER", "O", "B-LOC"], [(1, 3, "PER"), (4, 5, "LOC")]),
        (["B-ORG", "B-ORG"], [(0, 1, "ORG"), (1, 2, "ORG")]),
        (["I-LOC", "I-LOC", "O"], [(0, 2, "LOC")]),
        (["B-PER", "I-ORG"], [(0, 1, "PER"), (1, 2, "ORG")]),
        ([], []),
    ],
)
def test_bio_to_spans(labels: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert bio_to_spans(labels) == spans


def test_repair_bio_opens_orphan_inside_tags() -> None:
    assert repair_bio(["O", "I-PER", "I-PER", "I-ORG"]) == ["O", "B-PER", "I-PER", "B-ORG"]


def test_read_token_lines(tmp_path: Path) -> None:
    path = tmp_path / "tokens.conll"
    path.write_bytes(b"Presiden\r\nJoko B-PER\r\n\r\n\r\nIa\tO\ntiba\n\n\n.\n")
    assert list(read_token_lines(path)) == [["Presiden", "Joko"], ["Ia", "tiba"], ["."]]


def test_missing_model_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(NerModelMissing, match="make train"):
        Tagger(tmp_path / "nope.crfsuite")


@needs_model
def test_tagger_loads_fast_and_is_shared() -> None:
    t0 = time.perf_counter()
    Tagger()
    assert time.perf_counter() - t0 < 1.0
    assert load_tagger() is load_tagger()


@needs_model
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Presiden Joko Widodo tiba di Jakarta pada Senin .", {("Joko Widodo", "PER"), ("Jakarta", "LOC")}),
        ("Ketua KPK Firli Bahuri diperiksa di Mabes Polri .", {("KPK", "ORG"), ("Firli Bahuri", "PER")}),
        ("Gempa mengguncang Kabupaten Cianjur , Jawa Barat .", {("Jawa Barat", "LOC")}),
        ('" Kami siap , " kata Menteri Keuangan Sri Mulyani .', {("Sri Mulyani", "PER")}),
    ],
)
def test_tagger_finds_plausible_entities(sentence: str, expected: set[tuple[str, str]]) -> None:
    tokens = sentence.split()
    found = {(" ".join(tokens[s:e]), kind) for s, e, kind in tag_spans(tokens)}
    assert expected <= found


@needs_model
def test_tagger_output_is_valid_bio() -> None:
    tagger = load_tagger()
    assert tagger.tag([]) == []
    tags = tagger.tag(["Wakil", "Bupati", "Sleman", "meninjau", "lokasi", "banjir", "bersama", "BPBD", "DIY", "."])
    assert len(tags) == 10
    for prev, cur in zip(["O", *tags], tags, strict=False):
        assert cur == "O" or (cur[:2] in ("B-", "I-") and cur[2:] in ("PER", "ORG", "LOC"))
        if cur.startswith("I-"):
            assert prev[2:] == cur[2:]


@needs_model
@pytest.mark.skipif(not (DATA / "idner-news-2k" / "dev.txt").is_file(), reason="../shared/data not here")
def test_quality_floor_on_idner_dev() -> None:
    """Pinned floor on a public dev split: a regression in features or training shows here."""
    pairs: list[tuple[list[str], list[str]]] = []
    for block in (DATA / "idner-news-2k" / "dev.txt").read_text(encoding="utf-8").split("\r\n\r\n"):
        rows = [ln.split() for ln in block.splitlines() if ln.strip()]
        if rows:
            pairs.append(([r[0] for r in rows], [r[-1] for r in rows]))
    tagger = load_tagger()
    hit = npred = ngold = 0
    for tokens, gold in pairs:
        g, p = set(bio_to_spans(gold)), set(bio_to_spans(tagger.tag(tokens)))
        hit, npred, ngold = hit + len(g & p), npred + len(p), ngold + len(g)
    f1 = 2 * hit / (npred + ngold)
    assert f1 >= 0.78, f"idner-news-2k dev span F1 fell to {f1:.3f}"


def _reference_features(tokens: list[str], res: Resources) -> list[list[str]]:
    """The features as first written, token by token with no cache: the cached featurizer
    must give exactly these (the model was trained on them)."""
    from warta.analyze.ner_features import _own_features, _token_view

    lowered = [t.lower() for t in tokens]
    views = [_token_view(t, lw) for t, lw in zip(tokens, lowered, strict=True)]
    gz = res.gazetteer.matches(lowered)
    n = len(tokens)
    out: list[list[str]] = []
    for i, token in enumerate(tokens):
        feats = ["bias", *views[i], *_own_features(token, lowered[i], res), *gz[i]]
        if i == 0:
            feats.append("BOS")
        if i == n - 1:
            feats.append("EOS")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                feats += [f"{off}:{f}" for f in views[j]]
                if off == -1:
                    feats += [f"-1:{f}" for f in gz[j] if not f.endswith((":B", ":I"))]
            else:
                feats.append(f"{off}:pad")
        if i > 0:
            feats.append(f"bi-1={lowered[i - 1]}|{lowered[i]}")
        if i < n - 1:
            feats.append(f"bi+1={lowered[i]}|{lowered[i + 1]}")
        out.append(feats)
    return out


@pytest.mark.parametrize("sentence", [
    "Presiden Joko Widodo tiba di Kabupaten Cianjur , Jawa Barat .",
    "Kepala BNPB Suharyanto : \" Kami siap \" , katanya .",
    "Jakarta",
    "Gol Noah Darvich pada menit 51 membawa Jerman unggul 1-0 atas Prancis Jakarta Jakarta .",
])
def test_cached_features_equal_the_reference(sentence: str) -> None:
    from warta.analyze.ner_features import Featurizer

    res = Resources.load()
    tokens = sentence.split()
    featurizer = Featurizer(res)
    assert featurizer(tokens) == _reference_features(tokens, res)
    assert featurizer(tokens) == _reference_features(tokens, res)     # served from the cache
    assert sentence_features(tokens, res) == _reference_features(tokens, res)


@needs_model
def test_pruned_features_keep_the_tags() -> None:
    """Features the model does not know weigh nothing: dropping them changes no tag."""
    import pycrfsuite

    from warta.analyze.ner import model_attributes

    known = model_attributes(MODEL_FILE)
    assert known is not None and "bias" in known
    crf = pycrfsuite.Tagger()
    crf.open(str(MODEL_FILE))
    res = Resources.load()
    for sentence in ("Wakil Bupati Sleman meninjau lokasi banjir bersama BPBD DIY .",
                     "Kata juru bicara Kremlin Dmitry Peskov di Moskow , Senin ."):
        tokens = sentence.split()
        assert load_tagger().tag(tokens) == repair_bio(crf.tag(_reference_features(tokens, res)))


@needs_model
@pytest.mark.parametrize("sentence", [
    "Presiden Joko Widodo tiba di Kabupaten Cianjur , Jawa Barat .",
    "Jakarta",
    "Kata juru bicara Kremlin Dmitry Peskov di Moskow , Senin .",
    "Lens | | Rennes FC | Racing di Kota Bandung",     # pair features of words that hold "|"
])
def test_tagger_features_are_the_known_reference_features_as_bytes(sentence: str) -> None:
    """The tagger hands crfsuite UTF-8 bytes: the same features, in the same order."""
    from warta.analyze.ner import model_attributes

    known = model_attributes(MODEL_FILE)
    assert known is not None
    tokens = sentence.split()
    expected = [[f.encode() for f in row if f in known] for row in _reference_features(tokens, Resources.load())]
    assert load_tagger()._features(tokens) == expected


def test_model_attributes_of_a_file_that_is_no_model(tmp_path: Path) -> None:
    from warta.analyze.ner import model_attributes

    bogus = tmp_path / "ner.crfsuite"
    bogus.write_bytes(b"not a model")
    assert model_attributes(bogus) is None


def _reference_repair_bio(labels: list[str]) -> list[str]:
    out, prev = [], "O"
    for label in labels:
        if label.startswith("I-") and prev[2:] != label[2:]:
            label = "B-" + label[2:]
        out.append(label)
        prev = label
    return out


def _reference_bio_to_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    kind = ""
    for i, label in enumerate([*labels, "O"]):
        inside = label.startswith("I-") and start is not None and label[2:] == kind
        if start is not None and not inside:
            spans.append((start, i, kind))
            start = None
        if label.startswith(("B-", "I-")) and start is None:
            start, kind = i, label[2:]
    return spans


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "I-ORG", "X", "I-", "B-"]), max_size=12))
def test_bio_helpers_equal_the_reference(labels: list[str]) -> None:
    assert repair_bio(labels) == _reference_repair_bio(labels)
    assert bio_to_spans(labels) == _reference_bio_to_spans(labels)
    assert bio_to_spans(repair_bio(labels)) == _reference_bio_to_spans(_reference_repair_bio(labels))
