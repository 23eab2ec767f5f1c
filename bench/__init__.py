"""warta's speed and memory benchmarks: ``make bench`` or ``python -m bench``.

The pages are synthesised on the fly from the invented sample pages bundled with the package
(:mod:`bench.synth`), so the figures need no corpus and no network, and a 10,000-page run
costs the memory of one page. Each benchmark is a plain function registered by name
(:mod:`bench.registry`); ``python -m bench --only extract`` runs one of them.

Adding one (say ``store``): write ``bench/store.py`` with a function decorated
``@register("store", "what it measures")`` returning a :class:`bench.registry.Report`, and add
``"bench.store"`` to ``BENCH_MODULES`` in :mod:`bench.__main__`.
"""
