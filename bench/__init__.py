"""Benchmarks: a synthetic corpus generator, the build benchmark and its Hugo reference.

Run them as scripts (``python bench/run.py``); the package exists so that tests can
``from bench import run``.
"""
