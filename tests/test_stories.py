"""Stories: dedup, incremental clustering and the story report, on invented articles.

Every outlet, place, person and event below is fictional (the Pasirluhur bridge, the Arvenia
summits, the Wanajaya chilli prices); the texts were written for these tests.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import main
from warta.stories import (
    DuplicateFinder,
    StoryClusterer,
    build_stories,
    featurize,
    render_markdown,
    story_to_dict,
)
from warta.types import Article

BRIDGE = [
    Article(source="wartanusa/jembatan.txt", published="2024-01-18", title="Jembatan Cikareo Ambruk, Dua Warga Luka",
            body="Jembatan gantung Cikareo di Kabupaten Pasirluhur ambruk pada Kamis (18/1/2024) pagi saat "
                 "diseberangi belasan warga. Dua warga luka-luka dan dibawa ke Puskesmas Mekarsaluyu. Bupati "
                 "Pasirluhur Hendra Wiratmaja mengatakan tali baja jembatan putus karena arus Sungai Cikareo "
                 "meninggi setelah hujan deras semalaman. Dinas Pekerjaan Umum akan membangun jembatan darurat."),
    Article(source="kabarpagi/cikareo.txt", published="2024-01-18",
            title="Tali Baja Putus, Jembatan Gantung Cikareo Roboh",
            body="Warga Desa Cikareo, Pasirluhur, panik ketika jembatan gantung penghubung dua dusun roboh, Kamis "
                 "(18/1/2024). Menurut Bupati Hendra Wiratmaja, tali baja jembatan putus diterjang arus Sungai "
                 "Cikareo yang deras akibat hujan. Dua orang terluka dan dirawat di Puskesmas Mekarsaluyu. "
                 "Pemerintah kabupaten menjanjikan jembatan darurat dalam sepekan."),
    Article(source="suaratimur/jembatan-roboh.txt", published="2024-01-19", title=None,
            body="PASIRLUHUR - Pemerintah Kabupaten Pasirluhur mulai membangun jembatan darurat di Sungai Cikareo "
                 "sehari setelah jembatan gantung Cikareo ambruk pada Kamis (18/1/2024). Bupati Hendra Wiratmaja "
                 "meninjau lokasi dan menyebut dua warga yang luka masih dirawat di Puskesmas Mekarsaluyu. Tali baja "
                 "jembatan putus karena arus sungai meninggi."),
]

SUMMIT_2023 = [
    Article(source="a/vostrava-2023.txt", published="2023-09-13", title="Velić dan Dolan Bertemu di Kosmodrom Vostrava",
            body="Presiden Arvenia Tomas Velić bertemu Pemimpin Kordania Kasimir Dolan di Kosmodrom Vostrava pada "
                 "Rabu (13/9/2023). Kedua pemimpin membahas kerja sama militer dan satelit. Velić menyebut Kordania "
                 "sahabat lama Arvenia, sementara Dolan berjanji mendukung Arvenia."),
    Article(source="b/velic-dolan.txt", published="2023-09-13", title="Velić Terima Dolan di Vostrava",
            body="Kasimir Dolan tiba di Kosmodrom Vostrava dengan kereta lapis baja dan disambut Tomas Velić, "
                 "Rabu (13/9/2023). Pertemuan Arvenia dan Kordania itu membahas kerja sama militer serta peluncuran "
                 "satelit Kordania dari kosmodrom tersebut."),
]
VISIT_2024 = Article(
    source="c/velic-ke-kordania.txt", published="2024-06-19", title="Velić Kunjungi Ibu Kota Kordania",
    body="Presiden Arvenia Tomas Velić tiba di ibu kota Kordania dan disambut Kasimir Dolan, Rabu (19/6/2024). "
         "Kedua pemimpin menandatangani perjanjian kemitraan strategis. Velić dan Dolan membahas kerja sama "
         "militer, sementara Dolan menyebut Arvenia sahabat lama Kordania.")

WIRE = ("Wanajaya (ANTARA) - Harga cabai rawit merah di Pasar Induk Wanajaya naik menjadi Rp95.000 per kilogram "
        "pada Jumat (1/3/2024), tertinggi sejak awal tahun. Kepala Dinas Perdagangan Wanajaya Sutarmi mengatakan "
        "pasokan dari sentra produksi di Lembursari berkurang karena banjir merendam ladang petani. Pemerintah "
        "kota akan menggelar operasi pasar di tiga kecamatan mulai pekan depan untuk menahan kenaikan harga.")
WIRE_ORIGINAL = Article(source="lintasberita/cabai.txt", published="2024-03-01", title="Harga Cabai Rawit Naik",
                        body=WIRE)
WIRE_COPY = Article(source="cakrawala/cabai.txt", published="2024-03-02", title="Cabai Rawit Tembus Rp95.000",
                    body="CAKRAWALANEWS.COM - " + WIRE + " Baca berita lainnya di kanal ekonomi.")
FESTIVAL = Article(
    source="suaratimur/festival.txt", published="2024-07-10", title="Festival Lappa Riaja Dibuka",
    body="Festival budaya Lappa Riaja dibuka dengan tarian massal di alun-alun kota, Rabu (10/7/2024). Ratusan "
         "penari dari dua belas sanggar tampil membawakan tari tradisional, dan panitia memperkirakan seribu "
         "wisatawan datang selama tiga hari festival.")

ALL = [*BRIDGE, *SUMMIT_2023, VISIT_2024, WIRE_ORIGINAL, WIRE_COPY, FESTIVAL]


def grouping(clusterer: StoryClusterer) -> set[frozenset[str]]:
    """The partition found, independent of story keys."""
    return {frozenset(members) for members in clusterer.stories_.values()}


def together(clusterer: StoryClusterer, *sources: str) -> bool:
    return len({clusterer.labels_[s] for s in sources}) == 1


def test_same_event_from_three_outlets_is_one_story() -> None:
    c = StoryClusterer().fit(ALL)
    assert together(c, *(a.source for a in BRIDGE))
    assert not together(c, BRIDGE[0].source, FESTIVAL.source)


def test_same_actors_months_apart_stay_apart() -> None:
    c = StoryClusterer().fit(ALL)
    assert together(c, *(a.source for a in SUMMIT_2023))
    assert not together(c, SUMMIT_2023[0].source, VISIT_2024.source)


def test_republished_wire_copy_is_linked_to_its_original_whatever_the_order() -> None:
    for items in ([WIRE_ORIGINAL, WIRE_COPY], [WIRE_COPY, WIRE_ORIGINAL]):
        c = StoryClusterer().fit(items)
        assert c.duplicates_ == {WIRE_COPY.source: WIRE_ORIGINAL.source}
        assert together(c, WIRE_COPY.source, WIRE_ORIGINAL.source)


def test_dedup_does_not_link_rewrites_of_one_event() -> None:
    finder = DuplicateFinder().fit([featurize(a, order=i) for i, a in enumerate(BRIDGE)])
    assert finder.originals_ == {}


def test_partial_fit_gives_the_grouping_of_fit_on_the_union() -> None:
    whole = StoryClusterer().fit(ALL)
    parts = StoryClusterer()
    parts.partial_fit([BRIDGE[0], SUMMIT_2023[0], WIRE_ORIGINAL, FESTIVAL])
    parts.partial_fit([BRIDGE[1], SUMMIT_2023[1], WIRE_COPY])
    parts.partial_fit([BRIDGE[2], VISIT_2024])
    assert grouping(parts) == grouping(whole)
    assert parts.duplicates_ == whole.duplicates_


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_order_of_arrival_does_not_change_the_grouping(seed: int) -> None:
    shuffled = ALL[:]
    random.Random(seed).shuffle(shuffled)
    assert grouping(StoryClusterer().fit(shuffled)) == grouping(StoryClusterer().fit(ALL))


def test_build_stories_puts_every_article_in_exactly_one_story_with_stable_ids() -> None:
    stories = build_stories(ALL)
    members = [s for story in stories for s in story.articles]
    assert sorted(members) == sorted(a.source for a in ALL)
    again = build_stories(list(reversed(ALL)))
    assert {s.id: set(s.articles) for s in stories} == {s.id: set(s.articles) for s in again}
    bridge = next(s for s in stories if BRIDGE[0].source in s.articles)
    assert bridge.title in {a.title for a in BRIDGE if a.title}
    assert bridge.start == "2024-01-18" and bridge.end == "2024-01-19"


def test_story_json_has_the_contract_fields_and_the_copies() -> None:
    rows = [story_to_dict(s) for s in build_stories(ALL)]
    assert all({"id", "title", "articles", "duplicates", "related", "timeline"} <= row.keys() for row in rows)
    wire = next(r for r in rows if WIRE_ORIGINAL.source in r["articles"])
    assert wire["duplicates"] == {WIRE_COPY.source: WIRE_ORIGINAL.source}
    json.dumps(rows)  # plain JSON all the way down
    assert "Jembatan" in render_markdown(build_stories(ALL))


def test_title_falls_back_to_the_lead_without_its_dateline() -> None:
    story = build_stories([BRIDGE[2]])[0]
    assert story.title.startswith("Pemerintah Kabupaten Pasirluhur")


def test_cli_stories_groups_the_bundled_samples() -> None:
    samples = Path(__file__).resolve().parents[1] / "src" / "warta" / "samples"
    paths = sorted(str(p) for p in samples.glob("*.txt"))
    result = CliRunner().invoke(main, ["stories", "--format", "jsonl", *paths])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert sorted(s for r in rows for s in r["articles"]) == paths
    bridge = [r for r in rows if any("jembatan-cikareo" in s for s in r["articles"])]
    assert len(bridge) == 1 and len(bridge[0]["articles"]) == 3
    chilli = [r for r in rows if any("cabai-rawit" in s for s in r["articles"])]
    assert len(chilli) == 1 and len(chilli[0]["duplicates"]) == 1
