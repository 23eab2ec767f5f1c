"""``python -m bench``: run the registered benchmarks and print their tables.

    python -m bench                      every benchmark, 10,000 pages
    python -m bench --only extract       one of them
    python -m bench --pages 20000        more pages (checkpoints at 1k, 5k, 10k, 20k)
    python -m bench --tracemalloc        also trace the Python heap (slower)
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time

from bench.registry import BENCHMARKS, DEFAULT_PAGES, DEFAULT_SEED, Options

# Modules whose import registers benchmarks; add yours here (bench.store, bench.ner ...).
BENCH_MODULES = ("bench.extract", "bench.analyze", "bench.stories", "bench.web")


def main(argv: list[str] | None = None) -> int:
    for module in BENCH_MODULES:
        importlib.import_module(module)
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", choices=sorted(BENCHMARKS),
                        help="run only this benchmark (repeatable)")
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES,
                        help="pages per benchmark (default %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the page generator")
    parser.add_argument("--tracemalloc", action="store_true", help="trace Python allocations (slower)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    if args.list:
        for entry in BENCHMARKS.values():
            print(f"{entry.name:10} {entry.description}")
        return 0
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    options = Options(pages=args.pages, seed=args.seed, tracemalloc=args.tracemalloc)
    names = args.only or list(BENCHMARKS)
    print(f"warta bench | Python {platform.python_version()} | {platform.machine()} | "
          f"{os.cpu_count()} CPUs (one used) | {time.strftime('%Y-%m-%d %H:%M')}\n")
    for name in names:
        report = BENCHMARKS[name].run(options)
        print(report.render(), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
