"""Stories: dedup, incremental clustering and the story report, on invented articles.

Every outlet, place, person and event below is fictional (the Pasirluhur bridge, the Arvenia
summits, the Wanajaya chilli prices); the texts were written for these tests.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import main
from warta.pipeline import ExtractResult
from warta.store import Store
from warta.stories import (
    DuplicateFinder,
    StoryClusterer,
    build_stories,
    featurize,
    render_html,
    render_markdown,
    story_to_dict,
)
from warta.stories.cluster import state_from_dict, state_to_dict, yearless_gap
from warta.stories.features import article_day
from warta.stories.kb import stories_from_store, update_stories
from warta.stories.people import story_entities, who_said_what
from warta.stories.summary import summarize
from warta.stories.timeline import build_timeline, figures, normalise_date
from warta.types import AnalyzedArticle, Article, Event, Mention, Quote

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


# -- dates: yearless, weekday-checked ------------------------------------------------------------

@pytest.mark.parametrize(("article", "day", "dated"), [
    # A yearless "(20/10)" takes the year the rest of the article speaks of.
    (Article(source="x", body="Rapat dewan gubernur 2023 ditutup Kamis (20/10). Suku bunga naik."),
     date(2023, 10, 20), "text"),
    # "Rabu 3 Januari 2023" was a Tuesday; Wednesday 3 January is 2024: a New Year typo.
    (Article(source="x", body="Gempa kecil terasa lagi, katanya, Rabu 3 Januari 2023."), date(2024, 1, 3), "text"),
    # Outside early January the printed year stands, whatever the weekday says.
    (Article(source="x", body="Tanggul jebol pada Minggu (16/3/2024) dini hari."), date(2024, 3, 16), "text"),
    # A date far after all the others is a typo, not the day the report speaks from.
    (Article(source="x", body="Gempa Senin (21/11/2022). Presiden datang Selasa (22/11/2022), lalu (22/11/2023)."),
     date(2022, 11, 22), "text"),
    # A published date shown on the page is taken as is.
    (Article(source="x", published="2024-02-09", body="Banjir (17/3)."), date(2024, 2, 9), "published"),
])
def test_article_day_reads_yearless_and_mistyped_dates(article: Article, day: date, dated: str) -> None:
    assert article_day(article) == (day, dated)


def test_a_yearless_date_with_no_year_anywhere_is_kept_as_month_and_day() -> None:
    f = featurize(Article(source="x", body="Seratus kios di Pasar Anyar Kalisari terbakar, Sabtu (11/8) malam."))
    assert f.day is None and f.month_day == (8, 11)
    assert yearless_gap((8, 11), date(2022, 11, 29)) == 110
    assert yearless_gap((12, 30), date(2024, 1, 2)) == 3  # across New Year


def test_two_market_fires_months_apart_in_the_year_stay_apart_even_without_a_year() -> None:
    first = Article(source="a/pasar.txt", title="Ratusan Kios Pasar Kalisari Ludes Terbakar",
                    body="Ratusan kios di Pasar Kalisari ludes terbakar, Sabtu (11/8) malam. Petugas pemadam "
                         "kebakaran mengerahkan belasan mobil. Api diduga berasal dari korsleting listrik di kios "
                         "pedagang pakaian. Kerugian pedagang ditaksir miliaran rupiah.")
    second = Article(source="b/pasar.txt", published="2022-11-29", title="Puluhan Kios Pasar Kalisari Terbakar",
                     body="Kebakaran melanda Pasar Kalisari, Selasa (29/11/2022) malam, menghanguskan puluhan kios "
                          "sayur. Tujuh unit mobil pemadam dikerahkan dan api padam menjelang subuh. Polisi masih "
                          "menyelidiki penyebab kebakaran; tidak ada korban jiwa.")
    assert not together(StoryClusterer().fit([first, second]), first.source, second.source)
    dated_first = Article(source=first.source, title=first.title, body=first.body.replace("(11/8)", "(28/11)"))
    assert together(StoryClusterer().fit([dated_first, second]), first.source, second.source)


# -- timeline -----------------------------------------------------------------------------------

def _event(text: str, when: str, start: int = 0) -> Event:
    return Event(date=when, granularity="day", sentence=text, start=start, end=start + len(text), timex="")


QUAKE_A = AnalyzedArticle(
    Article(source="a/gempa.txt", outlet="kabarpagi.co.id", published="2024-05-06",
            body="Gempa mengguncang Kabupaten Pasirluhur, Senin (6/5/2024). Empat belas orang meninggal dunia."),
    events=(_event("Gempa magnitudo 5,4 mengguncang Kabupaten Pasirluhur pada Senin siang, 14 orang meninggal "
                   "dunia.", "2024-05-06T13:21"),
            _event("Sekitar pukul 14.00 warga mengungsi ke lapangan.", "TAF"),
            _event("Jembatan lama dibangun pada 1998.", "1998", 90)))
QUAKE_B = AnalyzedArticle(
    Article(source="b/gempa.txt", outlet="wartanusa.com", published="2024-05-07",
            body="Gempa Pasirluhur menewaskan 62 orang."),
    events=(_event("Gempa magnitudo 5,4 yang mengguncang Kabupaten Pasirluhur pada Senin menewaskan 62 orang "
                   "meninggal dunia.", "2024-05-06TNI"),))


def test_timeline_merges_one_event_from_two_outlets_and_flags_the_death_toll() -> None:
    entries = build_timeline([QUAKE_A, QUAKE_B], {"a/gempa.txt": "kabarpagi.co.id", "b/gempa.txt": "wartanusa.com"},
                             date(2024, 5, 6))
    quake = [e for e in entries if e.date == "2024-05-06"]
    assert len(quake) == 1  # time-of-day suffixes normalised to the day, one entry for both outlets
    assert quake[0].sources == ("a/gempa.txt", "b/gempa.txt")
    assert quake[0].outlets == ("kabarpagi.co.id", "wartanusa.com")
    assert quake[0].disagreement == {"orang meninggal": {"14": ["a/gempa.txt"], "62": ["b/gempa.txt"]}}
    assert all(e.date != "TAF" for e in entries)  # a time of day alone is no timeline date
    assert [e.background for e in entries if e.date == "1998"] == [True]


@pytest.mark.parametrize(("value", "normal"), [
    ("2023-02-03TNI", "2023-02-03"), ("2023-02-03T10:30", "2023-02-03"), ("2023-W37", "2023-W37"),
    ("2023-09", "2023-09"), ("T10:30", None), ("PRESENT_REF", None), ("P3D", None),
])
def test_timex_values_are_kept_to_their_date(value: str, normal: str | None) -> None:
    assert normalise_date(value) == normal


@pytest.mark.parametrize(("text", "found"), [
    ("Empat belas orang meninggal dunia", {"orang meninggal": "14"}),
    ("sebanyak 2.345 rumah rusak berat", {"rumah rusak": "2345"}),
    ("1,5 juta warga terdampak", {"warga terdampak": "1500000"}),
    ("pada 2024 harga naik", {}),
])
def test_figures_are_keyed_by_what_they_count(text: str, found: dict[str, str]) -> None:
    assert figures(text) == found


def test_timeline_flags_a_clause_that_outlets_date_differently() -> None:
    text = "Depo bahan bakar Rawaselatan terbakar hebat dan ratusan warga sekitar dievakuasi ke tempat aman."
    a = AnalyzedArticle(Article(source="a.txt", body=text), events=(_event(text, "2023-03-03"),))
    b = AnalyzedArticle(Article(source="b.txt", body=text), events=(_event(text, "2023-02-03"),))
    entries = build_timeline([a, b])
    assert all(e.disagreement == {"date": {"2023-03-03": ["a.txt"], "2023-02-03": ["b.txt"]}} for e in entries)


# -- summary, people, quotes ------------------------------------------------------------------------

def test_summary_is_three_to_five_cited_non_redundant_sentences() -> None:
    summary = summarize(BRIDGE)
    assert 3 <= len(summary) <= 5
    assert all(s.source in {a.source for a in BRIDGE} for s in summary)
    assert len({s.text for s in summary}) == len(summary)
    bodies = {a.source: a.body for a in BRIDGE}
    assert all(s.text in bodies[s.source] for s in summary)  # extractive: printed by that outlet
    assert not summary[0].text.startswith("PASIRLUHUR -")


def _mention(name: str, label: str, role: str | None = None) -> Mention:
    return Mention(text=name, label=label, canonical=name, start=0, end=len(name), role=role)


def test_entities_and_who_said_what_are_grouped_across_articles() -> None:
    said = "Kami akan periksa semua jembatan gantung di Pasirluhur."
    a = AnalyzedArticle(Article(source="a.txt", outlet="wartanusa.com", published="2024-01-18T10:00:00+07:00",
                                body=said),
                        entities=(_mention("Hendra Wiratmaja", "PER", "Bupati Pasirluhur"), _mention("BPBD", "ORG")),
                        quotes=(Quote(said, "Hendra Wiratmaja", "direct", 0, 10),
                                Quote("Tidak ada korban jiwa.", None, "direct", 0, 5)))
    b = AnalyzedArticle(Article(source="b.txt", outlet="kabarpagi.co.id", published="2024-01-19", body=said),
                        entities=(_mention("Hendra Wiratmaja", "PER", "Bupati"), _mention("Sungai Cikareo", "LOC")),
                        quotes=(Quote(said, "Hendra Wiratmaja", "direct", 0, 10),
                                Quote("Jembatan darurat selesai sepekan.", "Hendra Wiratmaja", "direct", 0, 5)))
    people = story_entities([a, b])
    assert [(p.name, p.label, p.articles) for p in people] == [("Hendra Wiratmaja", "PER", 2), ("BPBD", "ORG", 1)]
    assert set(people[0].roles) == {"Bupati Pasirluhur", "Bupati"}
    groups = who_said_what([a, b])
    assert [g.speaker for g in groups] == ["Hendra Wiratmaja"]  # unattributed quotes are left out
    first, second = groups[0].quotes
    assert (first.source, first.outlet, first.date, first.also) == ("a.txt", "wartanusa.com", "2024-01-18", ("b.txt",))
    assert second.source == "b.txt"


def test_story_json_carries_the_report_keys_the_web_ui_reads() -> None:
    row = story_to_dict(build_stories([QUAKE_A, QUAKE_B])[0])
    assert {"timeline", "summary", "entities", "quotes", "duplicates", "related"} <= row.keys()
    assert all(isinstance(s["sources"], list) and s["text"] for s in row["summary"])
    assert any("disagreement" in e for e in row["timeline"])
    json.dumps(row)


# -- reports ------------------------------------------------------------------------------------

HOSTILE = Article(source="evil/page.txt", outlet="evil.example", published="2024-01-18",
                  title="Jembatan <script>alert('x')</script> Ambruk",
                  body="Jembatan gantung Cikareo ambruk <script>alert('pwned')</script> saat dilintasi warga "
                       "pada Kamis (18/1/2024) pagi. Dua warga luka-luka dan dibawa ke puskesmas terdekat "
                       "oleh petugas. <img src=x onerror=alert(1)> Bupati meninjau lokasi kejadian sore harinya.")


def test_html_report_escapes_hostile_article_text() -> None:
    page = render_html(build_stories([HOSTILE, *BRIDGE]))
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert page.startswith("<!doctype html>")


def test_markdown_report_shows_sources_summary_and_flags() -> None:
    text = render_markdown(build_stories([QUAKE_A, QUAKE_B]))
    assert "**Sources**" in text and "**Summary**" in text and "outlets disagree" in text
    assert "<script>" not in render_markdown(build_stories([HOSTILE]))


def test_cli_stories_html_and_db(tmp_path: Path) -> None:
    samples = Path(__file__).resolve().parents[1] / "src" / "warta" / "samples"
    paths = sorted(str(p) for p in samples.glob("*.txt"))
    html_out = CliRunner().invoke(main, ["stories", "--format", "html", "--no-analyze", *paths])
    assert html_out.exit_code == 0, html_out.output
    assert "<h1>" in html_out.output
    db = str(tmp_path / "kb.db")
    first = CliRunner().invoke(main, ["stories", "--db", db, "--format", "jsonl", *paths])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(main, ["stories", "--db", db, "--format", "jsonl", "--rebuild"])  # the store alone
    rows = [json.loads(line) for line in again.output.splitlines() if line.startswith("{")]
    bridge = [r for r in rows if any("jembatan-cikareo" in s for s in r["articles"])]
    assert len(bridge) == 1 and len(bridge[0]["articles"]) == 3 and bridge[0]["summary"]
    with Store.open(db) as store:
        stored = store._conn.execute("SELECT count(*), max(n_articles) FROM stories").fetchone()
    assert stored[0] == len(rows) and stored[1] == 3


def test_cli_stories_needs_pages_or_a_db() -> None:
    result = CliRunner().invoke(main, ["stories"])
    assert result.exit_code != 0 and "--db" in result.output
    result = CliRunner().invoke(main, ["stories", "--rebuild", "page.txt"])
    assert result.exit_code != 0 and "--db" in result.output


# -- the knowledge base, incrementally ------------------------------------------------------------

BATCH_1 = [BRIDGE[0], BRIDGE[1], *SUMMIT_2023, WIRE_ORIGINAL, FESTIVAL]
BATCH_2 = [BRIDGE[2], VISIT_2024, WIRE_COPY]  # one more report of the bridge, a new event, a copy


def ingest(store: Store, articles: list[Article]) -> None:
    assert store.ingest(ExtractResult(a.source, None, a) for a in articles).failed == 0


def stored(store: Store) -> dict[str, tuple[frozenset[str], str]]:
    """Story id -> (member sources, updated_at), as saved."""
    out: dict[str, tuple[set[str], str]] = {}
    for sid, source, stamp in store._conn.execute(
            "SELECT s.id, a.source, s.updated_at FROM stories s JOIN story_articles m ON m.story_id = s.id "
            "JOIN articles a ON a.id = m.article_id"):
        out.setdefault(sid, (set(), stamp))[0].add(source)
    return {sid: (frozenset(members), stamp) for sid, (members, stamp) in out.items()}


def stored_grouping(store: Store) -> set[frozenset[str]]:
    return {members for members, _ in stored(store).values()}


def story_of(store: Store, source: str) -> str:
    return next(sid for sid, (members, _) in stored(store).items() if source in members)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write of the store gets a later updated_at, so that an untouched story shows."""
    ticks = iter(range(1, 10_000))
    monkeypatch.setattr("warta.store.db._now", lambda: f"2024-08-01T00:00:{next(ticks):04d}")


@pytest.mark.usefixtures("clock")
def test_a_new_batch_joins_the_saved_stories_and_leaves_the_others_untouched(tmp_path: Path) -> None:
    with Store.open(tmp_path / "kb.db") as store:
        ingest(store, BATCH_1)
        first = update_stories(store)
        assert first.rebuilt and len(first.stories) == 4
        before = stored(store)
        bridge, wire, festival = (story_of(store, a.source) for a in (BRIDGE[0], WIRE_ORIGINAL, FESTIVAL))

        ingest(store, BATCH_2)
        second = update_stories(store)
        after = stored(store)
    assert not second.rebuilt and second.clustered == 3 and second.removed == []
    assert after[bridge][0] == {a.source for a in BRIDGE}              # joined the story, kept its id
    assert after[wire][0] == {WIRE_ORIGINAL.source, WIRE_COPY.source}  # the copy joins its original
    visit = story_of_sources(after, VISIT_2024.source)
    assert visit not in before and after[visit][0] == {VISIT_2024.source}  # a new event, a new story
    assert after[festival] == before[festival]                          # same members, same updated_at
    assert after[bridge][1] != before[bridge][1]
    assert {s.id for s in second.stories} >= {bridge, wire, visit}
    assert festival not in {s.id for s in second.stories}
    written = next(s for s in second.stories if s.id == wire)
    assert written.duplicates == {WIRE_COPY.source: WIRE_ORIGINAL.source}


def story_of_sources(rows: dict[str, tuple[frozenset[str], str]], source: str) -> str:
    return next(sid for sid, (members, _) in rows.items() if source in members)


def test_nothing_new_writes_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "kb.db") as store:
        ingest(store, BATCH_1)
        update_stories(store)
        before = stored(store)
        again = update_stories(store)
        assert (again.stories, again.clustered, again.unchanged) == ([], 0, len(before))
        assert stored(store) == before


def test_arrival_order_of_batches_and_rebuild_give_one_grouping(tmp_path: Path) -> None:
    groupings = []
    for name, batches in (("ab", [BATCH_1, BATCH_2]), ("ba", [BATCH_2, BATCH_1])):
        with Store.open(tmp_path / f"{name}.db") as store:
            for batch in batches:
                ingest(store, batch)
                update_stories(store)
            groupings.append(stored_grouping(store))
            links = store.duplicate_links()
            stories_from_store(store)
            groupings.append(stored_grouping(store))
            assert store.duplicate_links() == links == {WIRE_COPY.source: WIRE_ORIGINAL.source}
    expected = grouping(StoryClusterer().fit(ALL))
    assert all(g == expected for g in groupings)


def test_a_knowledge_base_without_saved_state_is_clustered_afresh(tmp_path: Path) -> None:
    with Store.open(tmp_path / "kb.db") as store:
        ingest(store, BATCH_1)
        store.save_stories(story_to_dict(s) for s in build_stories(BATCH_1))  # as warta 0.x saved them
        ingest(store, BATCH_2)
        update = update_stories(store)
        assert update.rebuilt and stored_grouping(store) == grouping(StoryClusterer().fit(ALL))


def test_story_state_round_trips_through_json() -> None:
    c = StoryClusterer().fit(ALL)
    for key in c.stories_:
        state = c.story_state(key)
        assert state_from_dict(json.loads(json.dumps(state_to_dict(state)))) == state


def test_cli_stories_db_adds_a_batch_and_prints_what_it_wrote(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for folder, batch in ((one, BATCH_1), (two, BATCH_2)):
        folder.mkdir()
        for i, a in enumerate(batch):
            (folder / f"{i}.txt").write_text(f"{a.title or ''}\n\n{a.body}\n", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    first = CliRunner().invoke(main, ["stories", "--db", db, "--format", "jsonl", "--no-analyze", str(one)])
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(main, ["stories", "--db", db, "--format", "jsonl", "--no-analyze", str(two)])
    assert second.exit_code == 0, second.output
    assert "3 new article(s)" in second.output and "unchanged" in second.output
    rows = [json.loads(line) for line in second.output.splitlines() if line.startswith("{")]
    assert sorted(s for r in rows for s in r["articles"] if s.startswith(str(two))) == sorted(
        str(two / f"{i}.txt") for i in range(len(BATCH_2)))
    rebuilt = CliRunner().invoke(main, ["stories", "--db", db, "--format", "jsonl", "--rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert len([line for line in rebuilt.output.splitlines() if line.startswith("{")]) == 5


def test_printed_dates_read_short_month_names() -> None:
    from warta.stories.features import printed_dates

    found = [(d.year, d.month, d.day) for d in printed_dates("Banjir surut pada 5 Des 2023; warga kembali 7 Agt.")]
    assert found == [(2023, 12, 5), (None, 8, 7)]
    assert printed_dates("Ada 5 desa terendam.") == []
