"""The PostgreSQL backend against a real server: the same Store and web API as on SQLite.

The server comes from ``WARTA_TEST_PG_URL`` or is started here by
``scripts/postgres_test_server.sh`` (which installs Debian's postgresql as root when missing)
and stopped when the session ends. Only when PostgreSQL cannot be installed are these skipped.
Every page is invented (the bundled samples and the sentences of tests/test_search.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warta.store import Store, postgres
from warta.store.db import migrations as sqlite_migrations
from warta.types import AnalyzedArticle, Mention, Quote
from warta.web import KnowledgeBase, SearchFilters, create_app

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "postgres_test_server.sh"
SAMPLES = ROOT / "src" / "warta" / "samples"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a running server (its maintenance database), stopped and removed at the end if started here.

    The cluster lives in its own folder under the system temp dir, not pytest's (whose parent
    is private to root): as root the server runs as the postgres user, who must reach it.
    """
    if os.environ.get("WARTA_TEST_PG_URL"):
        yield os.environ["WARTA_TEST_PG_URL"]
        return
    folder = Path(tempfile.mkdtemp(prefix="warta-pg-"))
    folder.chmod(0o755)
    done = subprocess.run(["bash", str(SCRIPT), "start", str(folder)], capture_output=True, text=True, check=False)
    if done.returncode == 3:
        pytest.skip(f"PostgreSQL is not installed and cannot be here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    try:
        yield done.stdout.strip()
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database on the server for one test."""
    import psycopg

    name = f"warta_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield pg_server.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def search_results() -> list:  # type: ignore[type-arg]
    from test_search import ARTICLES, result

    return [result(k) for k in ARTICLES]


def test_ingest_is_idempotent_and_migrations_recorded(pg_url: str) -> None:
    with Store.open(pg_url) as store:
        first = store.ingest(search_results())
        again = store.ingest(search_results())
        assert (first.added, first.failed) == (7, 0)
        assert (again.added, again.skipped) == (0, 7)
        assert store.count_articles() == store.count_pages() == 7
        assert store.schema_version() == postgres.migrations()[-1][0] == sqlite_migrations()[-1].version
        assert store.backend == "postgresql"
    with Store.open(pg_url) as store:  # reopening applies nothing twice
        assert store.count_articles() == 7


@pytest.mark.parametrize(
    ("query", "expected"),
    [("pengungsi", {"ungsi", "pengungsi"}), ("Bekasi", {"bekasi"}), ("bekasi", {"bekasi"}), ("bekas", {"bekas"}),
     ("bekas*", {"bekas", "bekasi"}), ('"pakaian bekas"', {"bekas"}), ("diri -menjaga", set()),
     ("kediri OR sindangsari", {"kediri", "sindang"}), ("*** --", set())],
)
def test_search_matches_as_on_sqlite(pg_url: str, tmp_path: Path, query: str, expected: set[str]) -> None:
    with Store.open(pg_url) as pg, Store.open(tmp_path / "same.db") as lite:
        pg.ingest(search_results())
        lite.ingest(search_results())
        got = {h.source for h in pg.search(query, limit=50)}
        assert {s.removeprefix("pages/").removesuffix(".txt") for s in got} == expected
        assert got == {h.source for h in lite.search(query, limit=50)}


def test_title_ranks_higher_and_snippet_is_original_text(pg_url: str) -> None:
    with Store.open(pg_url) as store:
        store.ingest(search_results())
        hits = store.search("tahu OR hujan")
        assert hits[0].source == "pages/kediri.txt"  # in its title; the others only in the body
        assert hits[0].score > hits[-1].score
        (hit,) = [h for h in store.search("pengungsi") if h.source == "pages/ungsi.txt"]
        assert "[mengungsi]" in hit.snippet


def test_analysis_and_page_text_round_trip(pg_url: str) -> None:
    (first, *_) = search_results()
    article = first.article
    mention = Mention("Merapi", "LOC", "Merapi", 0, 6)
    quote = Quote("Kami aman", "Sutrisno", "direct", 10, 20, "kata", "PER")
    analysed = type(first)(first.source, first.page, article, None, AnalyzedArticle(article, (mention,), (quote,)))
    with Store.open(pg_url) as store:
        store.ingest([analysed])
        ((article_id, stored),) = list(store.iter_articles())
        assert stored == article
        got = store.get_analysis(article_id)
        assert got is not None and got.entities == (mention,) and got.quotes == (quote,)
        assert store.get_page_text(article_id) == first.page.text
        assert store.has_page(next(iter(store.known_hashes())))


def test_stories_and_web_api(pg_url: str) -> None:
    from warta.pipeline import analyze_results, extract_paths
    from warta.stories import build_stories, story_to_dict

    with Store.open(pg_url) as store:
        store.ingest(analyze_results(extract_paths([str(SAMPLES)])))
        analysed = [a for a in (store.get_analysis(i) for i, _ in store.iter_articles()) if a is not None]
        rows = [story_to_dict(s) for s in build_stories(analysed)]
        assert store.save_stories(rows) == len(rows) > 0
        assert store.save_stories(rows) == len(rows)  # replacing is idempotent
    kb = KnowledgeBase.open(pg_url)
    assert kb.search(SearchFilters("jembatan")).total > 0
    with TestClient(create_app(pg_url)) as client:
        found = client.get("/api/search", params={"q": "jembatan"}).json()
        assert found["total"] > 0
        hit = found["items"][0]
        start, end = hit["matches"][0]
        assert hit["snippet"][start:end].lower().startswith("jembatan")
        story = client.get("/api/stories").json()["items"][0]
        assert client.get(f"/api/stories/{story['id']}").status_code == 200
        assert client.get(f"/api/articles/{hit['id']}").json()["id"] == hit["id"]
        outlets = client.get("/api/outlets").json()
        assert outlets and client.get("/").status_code == 200
        name = kb.entity_names("", 1)[0].name
        assert client.get(f"/api/entities/{name}").status_code == 200
    kb.close()


def test_stories_update_incrementally(pg_url: str) -> None:
    from test_stories import ALL, BATCH_1, BATCH_2, grouping, ingest, stored, stored_grouping, story_of
    from warta.stories import StoryClusterer
    from warta.stories.kb import stories_from_store, update_stories

    with Store.open(pg_url) as store:
        ingest(store, BATCH_1)
        assert update_stories(store).rebuilt
        festival = story_of(store, BATCH_1[-1].source)
        before = stored(store)
        ingest(store, BATCH_2)
        update = update_stories(store)
        assert not update.rebuilt and update.clustered == len(BATCH_2)
        assert stored(store)[festival] == before[festival]
        expected = grouping(StoryClusterer().fit(ALL))
        assert stored_grouping(store) == expected
        assert len(store.duplicate_links()) == 1
        stories_from_store(store)
        assert stored_grouping(store) == expected
