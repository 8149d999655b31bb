"""markdown-it's rules joining runs of text tokens, each reading a token once.

After a paragraph's scan, ``fragments_join`` gives every token its level again (pairing made
some delimiters tags) and joins each run of text tokens into its last; after the whole parse,
``text_join`` makes each ``text_special`` (an escape, an entity) text and joins the runs
again. markdown-it's walk each token by index, reading ``ours(state.tokens)[curr]`` six times, and
``text_join``'s builds a new list of children for each paragraph, though most paragraphs
hold no run at all. Here each token is read once: ``fragments_join`` joins the runs itself
(a paragraph with bold text holds two, the emptied delimiters beside its tags), and a
paragraph with a run after the parse is left to markdown-it's ``text_join``
(``tests/test_text_runs.py`` compares the tokens with markdown-it's rules' on generated
text).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.text_join import _join_text_tokens as markdown_its_join
from markdown_it.rules_inline import StateInline

from concordance.tokens import Token, ours, theirs


def fragments_join(state: StateInline) -> None:
    """markdown-it's ``fragments_join``: each token's level from the tags before it, each
    run of text tokens joined into its last, the tokens after a run moved up in the list
    only where there is one."""
    tokens = ours(state.tokens)
    count = len(tokens)
    level = 0
    index = kept = 0
    # Each token's type read once, kept for the next step (a field of a token read from C
    # is some 160 instructions).
    kind = tokens[0].type if count else ""
    while index < count:
        token = tokens[index]
        nesting = token.nesting
        if nesting < 0:
            level -= 1
        token.level = level
        if nesting > 0:
            level += 1
        next_kind = tokens[index + 1].type if index + 1 < count else ""
        if kind == "text" and next_kind == "text":
            parts = [token.content]
            index += 1
            while index < count and next_kind == "text":
                token = tokens[index]
                parts.append(token.content)
                index += 1
                next_kind = tokens[index].type if index < count else ""
            token.content = "".join(parts)
            token.level = level
            tokens[kept] = token
            kept += 1
            kind = next_kind
            continue
        if index != kept:
            tokens[kept] = token
        kept += 1
        index += 1
        kind = next_kind
    if index != kept:
        del tokens[kept:]


def text_join(state: StateCore) -> None:
    """markdown-it's core rule ``text_join``: in each inline token's children, and an
    image's, each ``text_special`` made ``text`` and each run of text joined into its
    first."""
    for inline_token in ours(state.tokens):
        if inline_token.type != "inline":
            continue
        children = inline_token.children
        if children is None:
            inline_token.children = []  # as markdown-it's rule leaves it
            continue
        for child_token in children:
            if child_token.children:
                child_token.children = _joined(child_token.children)
        joined = _joined(children)
        if joined is not children:  # most paragraphs: no run, the list kept as it is
            inline_token.children = joined


def _joined(tokens: list[Token]) -> list[Token]:
    """``tokens``, each ``text_special`` made ``text``, and where a run of text is left, a new
    list with each run joined into its first (markdown-it's ``_join_text_tokens``). No rule
    after this one changes a list of children in place, so one without a run is not copied."""
    text_before = False
    for token in tokens:
        kind = token.type
        if kind == "text_special":
            token.type = kind = "text"
        is_text = kind == "text"
        if is_text and text_before:
            return ours(markdown_its_join(theirs(tokens)))
        text_before = is_text
    return tokens


def enable(md: MarkdownIt) -> None:
    """Join ``md``'s runs of text by these rules, in markdown-it's rules' places."""
    md.inline.ruler2.at("fragments_join", fragments_join)
    md.core.ruler.at("text_join", text_join)
