"""Where each line of a body begins and ends, and how far it is indented, as markdown-it's
``StateBlock`` marks them: found once for each body's parse, and for each block quote's
content again, by ``token_states.BlockState``, whose class stays Python (it subclasses
markdown-it's); compiled here, its loop over the lines runs in C.
"""

from __future__ import annotations


def line_marks(src: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """Where each line of ``src`` begins and ends, the characters and the columns (a tab to
    the next multiple of four) of its indentation, and one more of each past the last line,
    as ``StateBlock.__init__`` marks them: a last line of nothing but spaces and tabs, with
    no line feed after it, has none. Each line's indentation is read only where its first
    character is a space or a tab, not through a call for each line."""
    begins: list[int] = []
    ends: list[int] = []
    indented: list[int] = []
    length, start = len(src), 0
    while start < length:
        end = src.find("\n", start)
        if end < 0:
            end = length
        if src[start] in _INDENTS:
            indented.append(len(begins))
        begins.append(start)
        ends.append(end)
        start = end + 1
    begins.append(length)
    ends.append(length)
    shifts = [0] * len(begins)
    if not indented:
        return begins, ends, shifts, shifts[:]
    columns = shifts[:]
    for line in indented:
        text = src[begins[line] : ends[line]]
        indentation = text[: len(text) - len(text.lstrip(" \t"))]
        shifts[line], columns[line] = len(indentation), _columns(indentation)
    if ends[-2] == length and shifts[-2] == length - begins[-2]:
        del begins[-2], ends[-2], shifts[-2], columns[-2]  # a last line of spaces alone
    return begins, ends, shifts, columns


_INDENTS = " \t"
"""The characters that indent a line (markdown-it's ``isStrSpace``)."""


def _columns(indentation: str) -> int:
    """The columns of spaces and tabs, each tab to the next multiple of four."""
    offset = 0
    for character in indentation:
        offset += 4 - offset % 4 if character == "\t" else 1
    return offset
