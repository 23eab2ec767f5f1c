"""The named benchmarks, and the shape of what each one reports.

A benchmark is a function ``(Options) -> Report``. Registering it by name is all the runner
needs: ``python -m bench`` runs every one in registration order, ``--only NAME`` one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

DEFAULT_PAGES = 10_000
DEFAULT_SEED = 7


@dataclass(frozen=True, slots=True)
class Options:
    """What the command line asked for; a benchmark may ignore what does not apply to it."""

    pages: int = DEFAULT_PAGES
    seed: int = DEFAULT_SEED
    tracemalloc: bool = False


@dataclass(slots=True)
class Report:
    """A table of figures: one row per checkpoint (or case), plus notes printed under it."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def render(self) -> str:
        """The report as an aligned plain-text table."""
        widths = [max(len(c), *(len(r[i]) for r in self.rows)) if self.rows else len(c)
                  for i, c in enumerate(self.columns)]
        def line(cells: list[str]) -> str:
            return "  ".join(cell.rjust(w) for cell, w in zip(cells, widths, strict=True))
        out = [self.title, "=" * len(self.title), line(self.columns), line(["-" * w for w in widths])]
        out += [line(row) for row in self.rows]
        out += [f"  {note}" for note in self.notes]
        return "\n".join(out)


Benchmark = Callable[[Options], Report]


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    description: str
    run: Benchmark


BENCHMARKS: dict[str, Entry] = {}


def register(name: str, description: str) -> Callable[[Benchmark], Benchmark]:
    """Decorator: make ``fn`` runnable as ``python -m bench --only NAME``."""

    def deco(fn: Benchmark) -> Benchmark:
        if name in BENCHMARKS:
            raise ValueError(f"benchmark {name!r} is registered twice")
        BENCHMARKS[name] = Entry(name, description, fn)
        return fn

    return deco
