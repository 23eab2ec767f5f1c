"""Fixtures shared by the whole test suite.

Tests use only material the team wrote (``src/warta/samples`` and text made up inside the
tests). ``shared_corpus`` points at the real pages beside the project when they are there and
skips the test cleanly when they are not (a fresh clone, a CI run without ``../shared``).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The invented sample pages bundled with the package."""
    return Path(str(files("warta").joinpath("samples")))


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """``../shared/corpus`` (real third-party pages, never copied into the project), or skip."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not available on this machine")
    return SHARED_CORPUS
