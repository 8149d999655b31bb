"""The ``labels:`` of site.yaml: a site's own words for the interface, each checked against
the label it replaces, where it is written."""

from __future__ import annotations

from collections.abc import Mapping

from concordance.diagnostics import Diagnostic, Span, error, warning
from concordance.fields import Fields
from concordance.labels import (
    PATTERNS,
    PLURAL_FORMS,
    LabelText,
    english,
    first_count,
    forms_of,
    invalid_pattern,
    placeholders,
)
from concordance.lazy_patterns import lazy_compile
from concordance.load import YNode
from concordance.textnorm import visible

_TEXT_TAGS = ("str", "int", "float", "timestamp")
_BRACED = lazy_compile(r"(?<!\{)\{++[^{}]*+\}+")
"""Braces around anything: a ``{name}`` when it is one pair around a name alone. A run of
``{`` is read from its first (and possessively): a label of thousands of ``{`` was read to its
end from each of them."""
_NAME = lazy_compile(r"\{\w+\}")


def site_labels(f: Fields, language: str) -> tuple[dict[str, LabelText], list[Diagnostic]]:
    """The labels site.yaml sets, with a located diagnostic for each it cannot use (an
    unknown key is a warning, a label that cannot be shown an error); those are left out,
    so their page keeps the catalog's words."""
    item = f.get("labels")
    if item is None:
        return {}, []
    if not isinstance(item.value, dict):
        hint = "write each label on a line of its own below 'labels:', as '  search: Find'"
        f.diagnostics.append(
            error(item.span, "field-type", "'labels' must be a mapping of labels", hint)
        )
        return {}, []
    labels: dict[str, LabelText] = {}
    problems: list[Diagnostic] = []
    for key, node in item.value.items():
        at = node.key_span or node.span
        if key not in english():
            problems.append(_unknown(at, key))
            continue
        value, found = _label(key, node, language)
        problems += found
        if value is not None:
            labels[key] = value
    return labels, problems


def _unknown(at: Span, key: str) -> Diagnostic:
    import difflib  # here: only a key that is not a label's reads it (1.4 ms of a start)

    close = difflib.get_close_matches(key, list(english()), n=1)
    hint = (
        f"did you mean '{close[0]}'?"
        if close
        else "the labels are the keys of concordance/catalogs/en.yaml"
    )
    return warning(at, "label-unknown", f"unknown label '{key}' in site.yaml", hint)


def _label(key: str, node: YNode, language: str) -> tuple[LabelText | None, list[Diagnostic]]:
    if isinstance(node.value, dict) and isinstance(english()[key], Mapping):
        return _counted(key, node, language)
    text = _text(node)
    if text is None and (empty := _emptiness(node)):
        msg, hint = f"label '{key}' {empty}", f"{_EMPTY_HINT}, or take the line out"
        return None, [error(node.span, "label-invalid", msg, hint)]
    if text is None:
        kind = "text, or a form for each count (one: ..., other: ...)"
        expected = kind if isinstance(english()[key], Mapping) else "text"
        hint = _text_hint(node)
        return None, [error(node.span, "label-invalid", f"label '{key}' must be {expected}", hint)]
    if key in PATTERNS:
        problem = invalid_pattern(text)
        if problem:
            msg = f"label '{key}' is no date pattern ({problem})"
            hint = "e.g. d MMMM y (5 March 2024) or y年M月d日; words in single quotes: d 'de' MMMM"
            return None, [error(node.span, "label-invalid", msg, hint)]
        return text, []
    wrong = _placeholder_problem(key, text, node.span)
    return (None, [wrong]) if wrong else (text, [])


def _counted(key: str, node: YNode, language: str) -> tuple[LabelText | None, list[Diagnostic]]:
    """A count's label written form by form (``one: ...``, ``other: ...``)."""
    assert isinstance(node.value, dict)
    forms: dict[str, str] = {}
    problems = []
    for form, child in node.value.items():
        text = _text(child)
        if form not in PLURAL_FORMS:
            msg = f"label '{key}' has a form '{form}', which no language counts with"
            hint = f"the forms of {language} are: {', '.join(forms_of(language))}"
            problems.append(error(child.key_span or child.span, "label-invalid", msg, hint))
        elif text is None:
            empty = _emptiness(child)
            msg = f"form '{form}' of label '{key}' {empty or 'must be text'}"
            problems.append(error(child.span, "label-invalid", msg, _EMPTY_HINT))
        elif problem := _placeholder_problem(key, text, child.span):
            problems.append(problem)
        else:
            forms[form] = text
    if "other" not in node.value:
        msg = f"label '{key}' has no form 'other', which every count may need"
        hint = f"the forms of {language} are: {', '.join(forms_of(language))}"
        problems.append(error(node.span, "label-invalid", msg, hint))
    if problems:
        return None, problems
    # A form only counts past a thousand need (French's many: a million) is no warning.
    firsts = {form: first_count(language, form) for form in forms_of(language)}
    missing = {form: n for form, n in firsts.items() if form not in forms and n is not None}
    return forms, [_forms_missing(key, node.span, language, missing)] if missing else []


def _forms_missing(key: str, at: Span, language: str, missing: dict[str, int]) -> Diagnostic:
    """A warning for a count's label without a form its language counts with: those counts
    take ``other`` (Russian 2 and 5, when only one and other are given)."""
    named = " or ".join(f"'{form}'" for form in missing)
    counts = " and ".join(str(n) for n in missing.values())
    msg = f"label '{key}' has no form {named}: counts such as {counts} will take 'other'"
    hint = f"add '{next(iter(missing))}: ...'; the forms of {language} are: "
    return warning(at, "label-form-missing", msg, hint + ", ".join(forms_of(language)))


def _text_hint(node: YNode) -> str:
    """How to write as text a value YAML read as something else."""
    if node.tag == "bool":
        return f"quote it to show it as written: '{node.value}'"
    if node.tag in ("seq", "map"):
        return "quote a value that holds ': ' or starts with '{' or '['"
    return "write the words after ':'"


_EMPTY_HINT = "write the words after ':'"


def _emptiness(node: YNode) -> str | None:
    """How a label that is no text is empty (``search: ''``, ``search:`` alone, a space or
    an invisible character only), to say so rather than that it must be text; None for a
    value of another kind."""
    if node.tag == "null" or node.value is None:
        return "is empty"
    if node.tag == "str" and isinstance(node.value, str):
        return "holds no character a reader sees" if node.value.strip() else "is empty"
    return None


def _text(node: YNode) -> str | None:
    if node.tag in _TEXT_TAGS and isinstance(node.value, str) and visible(node.value):
        return node.value
    return None


def _miswritten(text: str) -> str | None:
    """The first braces of ``text`` that are no ``{name}``."""
    return next((m[0] for m in _BRACED.finditer(text) if not _NAME.fullmatch(m[0])), None)


def _placeholder_problem(key: str, text: str, at: Span) -> Diagnostic | None:
    """An error for a ``{name}`` the page does not fill in, or for braces meant as one but
    written otherwise (``{{ n }}`` as templates write it, ``{ n }``, ``{}``): either would
    show as written, where the reader expects a number or a name."""
    known = placeholders(english()[key])
    named = ", ".join(f"{{{name}}}" for name in sorted(known))
    hint = f"it may use {named}" if known else "it takes no {name}: write the words alone"
    if (miswritten := _miswritten(text)) is not None:
        msg = f"label '{key}' writes {miswritten!r}, which is no {{name}} and would show as written"
        if known:
            hint = f"write a name in one pair of braces, without spaces: it may use {named}"
        return error(at, "label-invalid", msg, hint)
    unknown = sorted(placeholders(text) - known)
    if not unknown:
        return None
    msg = f"label '{key}' names {{{unknown[0]}}}, which the page does not fill in"
    return error(at, "label-invalid", msg, hint)
