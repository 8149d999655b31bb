"""Keys as PyMdown Extensions' keys extension writes them (``++ctrl+alt+del++``,
``++cmd+"K"++``), as Material for MkDocs' pages and FastAPI's docs press them: each key a
``<kbd>`` of its name as keyboards print it (``Ctrl``, ``Alt``, ``Del``), a ``+`` between
two, as the extension shows them. A key must be one it knows, by its name or another it
answers to (``del``, ``delete``), or a text in quotes (``++"My key"++``): ``++glorp++`` stays
text, as the extension leaves it, and so does a ``++`` right after a letter or digit
(``C++``, ``a++b++``), in code or escaped.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from concordance.lazy_patterns import lazy_compile
from concordance.tokens import Token, ours

_KEY = r"""[\w-]+|"(?:\\.|[^\\"\n])+"|'(?:\\.|[^\\'\n])+'"""
_KEYS = lazy_compile(rf"(?<![\w+\\])\+\+((?:{_KEY})(?:\+(?:{_KEY}))*)\+\+")
_ONE = lazy_compile(_KEY)

# fmt: off
_TITLED = frozenset({
    "alt", "backspace", "break", "browser-back", "browser-favorites", "browser-forward",
    "browser-home", "browser-refresh", "browser-search", "browser-stop", "caps-lock",
    "clear", "copy", "eject", "end", "enter", "fingerprint", "help", "home", "left-alt",
    "left-button", "left-command", "left-meta", "left-option", "left-shift", "left-super",
    "mail", "media", "meta", "middle-button", "num-clear", "num-enter", "num-lock",
    "option", "page-down", "page-up", "power", "print", "print-screen", "reset",
    "right-alt", "right-button", "right-command", "right-meta", "right-option",
    "right-shift", "right-super", "scroll-lock", "select", "shift", "sleep", "space",
    "super", "tab", "volume-down", "volume-up", "zoom",
})
"""Keys whose name, its words capitalised, is what keyboards print (``page-up``: Page Up)."""
_PRINTED = {
    "backslash": "\\", "bar": "|", "brace-left": "{", "brace-right": "}",
    "bracket-left": "[", "bracket-right": "]", "colon": ":", "comma": ",",
    "double-quote": '"', "equal": "=", "exclam": "!", "grave": "`", "greater": ">",
    "less": "<", "minus": "-", "period": ".", "plus": "+", "question": "?",
    "semicolon": ";", "single-quote": "'", "slash": "/", "tilde": "~", "underscore": "_",
    "arrow-up": "Up", "arrow-down": "Down", "arrow-left": "Left", "arrow-right": "Right",
    "delete": "Del", "insert": "Ins", "escape": "Esc", "num-asterisk": "Num *",
    "num-delete": "Num Del", "num-equal": "Num =", "num-minus": "Num -", "num-plus": "Num +",
    "num-separator": "Num .", "num-slash": "Num /", "alt-graph": "AltGr", "command": "Cmd",
    "control": "Ctrl", "function": "Fn", "left-control": "Left Ctrl",
    "left-windows": "Left Win", "right-control": "Right Ctrl", "right-windows": "Right Win",
    "windows": "Win", "backtab": "Back Tab", "context-menu": "Menu",
    "media-next-track": "Next Track", "media-pause": "Pause", "media-play": "Play",
    "media-play-pause": "Play/Pause", "media-prev-track": "Previous Track",
    "media-stop": "Stop", "volume-mute": "Mute", "x-button1": "X Button 1",
    "x-button2": "X Button 2",
}
"""Keys printed otherwise: a sign, or a short name."""
_ALIASES = {
    "add": "num-plus", "altgr": "alt-graph", "apps": "context-menu", "back": "backspace",
    "bksp": "backspace", "bktab": "backtab", "cancel": "break", "capital": "caps-lock",
    "close-brace": "brace-right", "close-bracket": "bracket-right", "clr": "clear",
    "cmd": "command", "cplk": "caps-lock", "ctrl": "control", "dblquote": "double-quote",
    "decimal": "num-separator", "del": "delete", "divide": "num-slash", "down": "arrow-down",
    "esc": "escape", "return": "enter", "exclamation": "exclam",
    "favorites": "browser-favorites", "fn": "function", "forward": "browser-forward",
    "grave-accent": "grave", "greater-than": "greater", "gt": "greater", "hyphen": "minus",
    "ins": "insert", "lalt": "left-alt", "launch-mail": "mail", "launch-media": "media",
    "lbutton": "left-button", "lcmd": "left-command", "lcommand": "left-command",
    "lcontrol": "left-control", "lctrl": "left-control", "left": "arrow-left",
    "left-cmd": "left-command", "left-ctrl": "left-control", "lopt": "left-option",
    "loption": "left-option", "left-opt": "left-option", "left-win": "left-windows",
    "less-than": "less", "lmeta": "left-meta", "lshift": "left-shift",
    "lsuper": "left-super", "lt": "less", "lwin": "left-windows", "lwindows": "left-windows",
    "mbutton": "middle-button", "menu": "context-menu", "multiply": "num-asterisk",
    "mute": "volume-mute", "next": "page-down", "next-track": "media-next-track",
    "num-del": "num-delete", "numlk": "num-lock", "open-brace": "brace-left",
    "open-bracket": "bracket-left", "opt": "option", "page-dn": "page-down",
    "pg-dn": "page-down", "pg-up": "page-up", "pipe": "bar", "play": "media-play",
    "play-pause": "media-play-pause", "prev-track": "media-prev-track", "prior": "page-up",
    "prtsc": "print-screen", "question-mark": "question", "ralt": "right-alt",
    "rbutton": "right-button", "rcontrol": "right-control", "rcmd": "right-command",
    "rcommand": "right-command", "rctrl": "right-control", "refresh": "browser-refresh",
    "right": "arrow-right", "right-cmd": "right-command", "right-ctrl": "right-control",
    "right-opt": "right-option", "right-win": "right-windows", "rmeta": "right-meta",
    "ropt": "right-option", "roption": "right-option", "rshift": "right-shift",
    "rsuper": "right-super", "rwin": "right-windows", "rwindows": "right-windows",
    "scroll": "scroll-lock", "search": "browser-search", "separator": "num-separator",
    "spc": "space", "stop": "media-stop", "subtract": "num-minus", "tabulator": "tab",
    "up": "arrow-up", "vol-down": "volume-down", "vol-mute": "volume-mute",
    "vol-up": "volume-up", "win": "windows", "xbutton1": "x-button1", "xbutton2": "x-button2",
}
"""Other names of keys, as the extension answers to them."""
# fmt: on
_LETTERS_AND_DIGITS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_NUMBERED = lazy_compile(r"(?:f([1-9]|1\d|2[0-4])|num([0-9]))")
"""Function keys (``f1`` to ``f24``) and the number pad's digits (``num5``: Num 5)."""


def enable(md: MarkdownIt) -> None:
    # Before text_join, which makes an escaped "\+" plain text.
    md.core.ruler.after("inline", "keyboard_keys", _keyboard_keys)


def _keyboard_keys(state: StateCore) -> None:
    if "++" not in state.src:
        return  # most bodies, told at C speed
    for token in ours(state.tokens):
        if token.type == "inline" and token.children and "++" in token.content:
            token.children = [
                piece
                for child in _with_entities(token.children)
                for piece in (_pressed(child) if child.type == "text" else [child])
            ]


def _with_entities(children: list[Token]) -> list[Token]:
    """``children`` with each character reference made one text with the text around it,
    as ``text_join`` would make it, so that a key in quotes may hold one
    (``++alt+"&Uuml;"++``); an escaped character stays apart, which no key starts with."""
    out: list[Token] = []
    for child in children:
        entity = child.type == "text_special" and child.info == "entity"
        if (entity or child.type == "text") and out and out[-1].type == "text":
            out[-1] = _text(out[-1], out[-1].content + child.content)
        elif entity:
            out.append(_text(child, child.content))
        else:
            out.append(child)
    return out


def _pressed(child: Token) -> list[Token]:
    """``child``, a text, with each series of keys in it as the keys' elements."""
    if "++" not in child.content:
        return [child]
    out: list[Token] = []
    kept = 0
    for found in _KEYS.finditer(child.content):
        names = [printed(key) for key in _ONE.findall(found[1])]
        if "" in names:
            continue  # a key the extension does not know: all stays text
        out.append(_text(child, child.content[kept : found.start()]))
        for number, name in enumerate(names):
            out += [_text(child, "+")] if number else []
            out += [Token("kbd_open", "kbd", 1), _text(child, name), Token("kbd_close", "kbd", -1)]
        kept = found.end()
    if not out:
        return [child]
    out.append(_text(child, child.content[kept:]))
    return [token for token in out if token.type != "text" or token.content]


def printed(key: str) -> str:
    """What a keyboard prints on ``key`` as written between ``++`` (its name, another name,
    or a text in quotes); empty if it is no key the extension knows."""
    if key[0] in "\"'":
        return re.sub(r"\\(.)", r"\1", key[1:-1]).strip()
    # Looked up as written, as the extension does by default: ``++Ctrl++`` is no key.
    name = _ALIASES.get(key, key)
    if len(name) == 1 and name in _LETTERS_AND_DIGITS:
        return name.upper()
    if numbered := _NUMBERED.fullmatch(name):
        return f"F{numbered[1]}" if numbered[1] else f"Num {numbered[2]}"
    if name in _TITLED:
        return name.replace("-", " ").title()
    return _PRINTED.get(name, "")


def _text(child: Token, content: str) -> Token:
    token = Token("text", "", 0, content=content)
    token.level = child.level
    return token
