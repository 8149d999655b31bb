"""Concordance: annotated quotes in Markdown articles -> a verified, cross-linked concept site."""

__version__ = "0.1.0"
