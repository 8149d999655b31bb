"""Names -> slugs: concepts by title or alias, speakers by name; collisions and cycles found."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from concordance.diagnostics import Diagnostic, Span, error, warning
from concordance.model import ArticleReferences, Concept, ConceptDef, Slug
from concordance.textnorm import blanks_left_out, fold_name, unseen_escaped
from concordance.urls import slugify


@dataclass(frozen=True, slots=True)
class Names:
    """Every concept and speaker, and how each name resolves to one."""

    concepts: dict[Slug, Concept]
    concept_keys: dict[str, Slug]
    """fold_name(title or alias) -> slug."""
    speakers: dict[Slug, str]
    speaker_keys: dict[str, Slug]

    def concept(self, name: str) -> Slug:
        return self.concept_keys[fold_name(name)]

    def speaker(self, name: str | None) -> Slug | None:
        return self.speaker_keys[fold_name(name)] if name else None


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(slots=True, eq=False, repr=False)
class _Claims:
    """Which slug each name key and each slug belongs to, and who claimed it first."""

    keys: dict[str, tuple[Slug, str]] = field(default_factory=dict)
    slugs: dict[Slug, tuple[str, str, str]] = field(default_factory=dict)
    """slug -> (name key, where it was claimed, the name as written there)."""
    diagnostics: list[Diagnostic] = field(default_factory=list)


def resolve(
    defs: list[ConceptDef],
    articles: Sequence[ArticleReferences],
    every_file: bool = True,
    unread_concepts: Mapping[str, str] | None = None,
) -> tuple[Names, list[Diagnostic]]:
    """Every concept and speaker named in ``articles`` (whole or partial) and ``defs``, with
    the problems of their names. ``every_file``: whether every content file could be read;
    ``unread_concepts``: the concept files that define no concept for an error, by name
    (``zorp.md``), each as its diagnostics name it."""
    claims = _Claims()
    concepts: dict[Slug, Concept] = {}
    titled: list[tuple[ConceptDef, Slug]] = []  # each definition that took its slug
    for d in sorted(defs, key=lambda d: d.path):
        slug = _claim_definition(claims, d)
        if slug is not None:
            concepts[slug] = _concept(d, slug)
            titled.append((d, slug))
    # Aliases after every title: a title names its own concept, so an alias that is
    # another concept's title is the mistake, reported where the alias is written.
    for d, slug in titled:
        _claim_aliases(claims, d, slug)
    defined = _defined_names(defs, claims)
    guesses = NameIndex.of(defined)
    typos: dict[str, Span] = {}  # name key -> where its claim was reported
    references, speaking = _written(defs, articles)
    # A name is written thousands of times over: the first place of each decides its claim.
    for name, span in references.first():
        key = fold_name(name)
        if key in claims.keys:
            continue
        slug = slugify(name)
        defined_here = slug in concepts and concepts[slug].path is not None
        claimed = _claim_slug(claims, slug, name, span, defined_here)
        claims.keys[key] = (slug, span.path)  # on a collision: the other concept, and an error
        if claimed:
            concepts[slug] = Concept(slug, name, (), None, "", (), (), None)
            found = _undefined(name, span, slug, defined, guesses, unread_concepts or {})
            claims.diagnostics.append(found)
            if found.code == "concept-unknown":
                typos[key] = span
    if typos:  # a likely typo is reported wherever it is written, so each place gets fixed
        claims.diagnostics += [
            _undefined(name, span, slugify(name), defined, guesses, unread_concepts or {})
            for name, span in references.where(lambda name: fold_name(name) in typos)
            if span != typos[fold_name(name)]
        ]
    concept_keys = {key: slug for key, (slug, _) in claims.keys.items()}
    if every_file:
        # A file that could not be read may name any concept, so none can be called unused:
        # that would be a guess, false as often as not (and an error under --strict). The
        # file's own error is reported; once it is fixed, the next check tells.
        claims.diagnostics.extend(_unused(defs, concept_keys, references.firsts))
    by_path = {d.path: d for d in defs}
    resolved = {
        slug: _link(concept, by_path.get(concept.path or ""), concept_keys)
        for slug, concept in concepts.items()
    }
    claims.diagnostics.extend(_broader_selves(resolved, by_path, concept_keys))
    claims.diagnostics.extend(_related_selves(resolved, by_path, concept_keys))
    claims.diagnostics.extend(_broader_cycles(resolved, by_path, concept_keys))
    speakers, speaker_keys, speaker_diags = _speakers(speaking)
    names = Names(dict(sorted(resolved.items())), concept_keys, speakers, speaker_keys)
    overridden = _overridden(defs, references, speaking)
    return names, claims.diagnostics + speaker_diags + overridden


_UNSEEN_HINT = "the two differ only in characters no one sees: delete them, and they are one"


def _alike(name: str, other: str) -> bool:
    """Whether two names differ only in characters drawn as nothing (``blanks_left_out``)."""
    return fold_name(blanks_left_out(name)) == fold_name(blanks_left_out(other))


_OVERRIDES = re.compile("[\u202d\u202e]")
"""The left-to-right and right-to-left overrides: they draw the letters after them in the
order they give, whatever their script (``blip\u202eolf`` is shown as blipflo). Marks and
isolates, which a name pasted from an Arabic or Hebrew page may carry, reorder no letter."""


def _overridden(
    defs: list[ConceptDef], references: _Written, speaking: _Written
) -> list[Diagnostic]:
    """A warning at each concept or speaker name that holds a writing-direction override:
    its page, cards and feeds show its letters in another order than they are written (and
    than its address, which is made of them as written): a name reads as another.
    ``references``, ``speaking``: those of ``_written``."""
    defined = [
        *((d.title, d.title_span) for d in defs),
        *(pair for d in defs for pair in zip(d.aliases, d.alias_spans, strict=True)),
    ]
    # A name is written thousands of times over: each looked at once.
    written = {*references.firsts, *speaking.firsts, *(name for name, _ in defined)}
    overriding = {name for name in written if _OVERRIDES.search(name)}
    if not overriding:
        return []
    named = [*references.where(overriding.__contains__), *defined]
    named += speaking.where(overriding.__contains__)
    found = {span: name for name, span in named if name in overriding}
    return [
        warning(
            span,
            "name-direction-override",
            f"the name '{name}' holds a writing-direction override"
            f" (U+{ord(_OVERRIDES.findall(name)[0]):04X}): it is shown with its letters in"
            " another order than they are written",
            "delete it: a name's letters are shown in their own script's direction without it",
        )
        for span, name in sorted(found.items())
    ]


def _defined_names(defs: list[ConceptDef], claims: _Claims) -> dict[str, str]:
    """Every name (title or alias) of a defined concept -> that concept's title."""
    titles: dict[str, str] = {slugify(d.title): d.title for d in defs}
    return {
        name: titles[slug]
        for d in defs
        for name in (d.title, *d.aliases)
        if (slug := claims.keys.get(fold_name(name), ("", ""))[0]) in titles
    }


def _undefined(
    name: str,
    span: Span,
    slug: Slug,
    defined: dict[str, str],
    guesses: NameIndex,
    unread: Mapping[str, str],
) -> Diagnostic:
    """An unknown name: a likely typo of a defined concept, or a concept without a file, or
    one whose file (``unread``) could not be read: the hint said to add the file that was
    there, its error reported at it."""
    guess = guesses.closest(name)
    if guess is not None:
        title = defined[guess]
        named = f"'{guess}'" if guess == title else f"'{guess}' (concept '{title}')"
        msg = f"unknown concept '{name}'; did you mean {named}?"
        hint = f"write '{guess}', or add concepts/{slug}.md if '{name}' is a different concept"
        return warning(span, "concept-unknown", msg, hint)
    hint = f"add concepts/{slug}.md to define it, or use the name of a defined concept"
    if (path := unread.get(f"{slug}.md")) is not None:
        hint = f"fix the error reported for {path}: until then it defines no concept"
    return warning(span, "concept-undefined", f"concept '{name}' has no definition", hint)


def _unused(
    defs: list[ConceptDef], keys: dict[str, Slug], names: Iterable[str]
) -> list[Diagnostic]:
    """Defined concepts nothing refers to: no quote, article, 'broader' or 'related' names them.
    A concept named only by another concept's definition is in use: it organises the others."""
    used = {keys.get(fold_name(name)) for name in set(names)}
    diagnostics = []
    for d in sorted(defs, key=lambda d: d.path):
        slug = keys.get(fold_name(d.title))
        if slug is not None and slug not in used and slug == slugify(d.title):
            msg = f"concept '{d.title}' is defined but no quote, article or concept refers to it"
            hint = "tag a quote with it, name it in another concept's 'related', or delete the file"
            diagnostics.append(warning(d.title_span, "concept-unused", msg, hint))
    return diagnostics


MOST_EDITS = 3
"""The most edits ``_distance`` accepts between two names (for names over 20 characters)."""


@dataclass(frozen=True, slots=True)
class NameIndex:
    """Names prepared for many ``closest`` lookups, by the length of their comparable form.

    Every unknown name of a site is looked up among every defined one. Compared one pair at
    a time in Python, 5,000 unknown names took 9 s against 5,000 defined ones. A typo changes
    the length by ``MOST_EDITS`` at most, so only forms of a length that close are compared,
    by rapidfuzz in C++ with that cutoff; the few that come back get the exact rule
    (``_distance``) in Python."""

    names: tuple[str, ...]
    """In order: among equally near names, the first is the guess."""
    by_length: dict[int, tuple[list[str], list[int]]]
    """Length of a comparable form -> the forms of that length, and their names' places."""

    @classmethod
    def of(cls, names: Iterable[str]) -> NameIndex:
        ordered = tuple(sorted(names))
        by_length: dict[int, tuple[list[str], list[int]]] = {}
        for at, name in enumerate(ordered):
            form = _comparable(name)
            forms, places = by_length.setdefault(len(form), ([], []))
            forms.append(form)
            places.append(at)
        return cls(ordered, by_length)

    def closest(self, name: str) -> str | None:
        """The name an unknown one most likely meant: the same words up to case, plural,
        word order and a typo or two (the nearest by ``_distance``, the first in order among
        equals). None when nothing is close enough to be a safe guess."""
        near = [(distance, self.names[at]) for at, distance in self._near(_comparable(name))]
        return min(near)[1] if near else None

    def _near(self, wanted: str) -> Iterator[tuple[int, int]]:
        """(place, ``_distance``) of each name whose form is near enough to ``wanted``."""
        from rapidfuzz import process  # imported here, as in ``_distance``
        from rapidfuzz.distance import OSA

        for length in range(len(wanted) - MOST_EDITS, len(wanted) + MOST_EDITS + 1):
            forms, places = self.by_length.get(length, ([], []))
            found = process.extract(
                wanted, forms, scorer=OSA.distance, score_cutoff=MOST_EDITS, limit=None
            )
            for form, _, at in found:
                distance = _distance(wanted, form)
                if distance is not None:
                    yield places[at], distance


_PLURAL_IES = re.compile(r"(?<=\w\w)ies\b")
_PLURAL_S = re.compile(r"(?<=\w[^\Wsu])s\b")


def _comparable(name: str) -> str:
    """Case-free, without plural endings, words sorted: 'Policies green' -> 'green policy'."""
    words = _PLURAL_S.sub("", _PLURAL_IES.sub("y", fold_name(name))).replace("-", " ").split()
    return " ".join(sorted(words))


def _distance(a: str, b: str) -> int | None:
    """Edits (a transposition counts as one) between two comparable names, when few enough
    for a typo: one up to 10 characters, two up to 20, three beyond. Very short names are too
    easy to confuse, so they must match exactly."""
    if a == b:
        return 0
    shorter = min(len(a), len(b))
    if shorter < 4:
        return None
    allowed = 1 if shorter <= 10 else 2 if shorter <= 20 else MOST_EDITS
    if abs(len(a) - len(b)) > allowed:
        return None  # every edit changes the length by one at most
    # Imported here: only a name that resolves to nothing needs it, and a small rebuild
    # (see delta.py) should not pay for loading it.
    from rapidfuzz.distance import OSA

    distance = int(OSA.distance(a, b, score_cutoff=allowed))
    return distance if distance <= allowed else None


def _claim_definition(claims: _Claims, d: ConceptDef) -> Slug | None:
    slug = slugify(d.title)
    owner = claims.slugs.get(slug)
    if owner is not None and owner[0] == fold_name(d.title):
        # The same name (up to case and Unicode form) defined twice: one would be lost.
        msg = f"concept '{d.title}' is already defined in {owner[1]}"
        claims.diagnostics.append(
            error(d.title_span, "concept-duplicate", msg, "merge the two definitions into one file")
        )
        return None
    if not _claim_slug(claims, slug, d.title, d.title_span):
        # Reported once, here; references to this title go to the slug's owner.
        claims.keys.setdefault(fold_name(d.title), (slug, d.path))
        return None
    _claim_name(claims, d, slug, d.title, d.title_span)
    return slug


def _claim_aliases(claims: _Claims, d: ConceptDef, slug: Slug) -> None:
    for name, span in zip(d.aliases, d.alias_spans, strict=True):
        _claim_name(claims, d, slug, name, span)


def _claim_name(claims: _Claims, d: ConceptDef, slug: Slug, name: str, span: Span) -> None:
    """``name`` (a title or an alias of ``d``) for concept ``slug``, or an error where it is
    written when it names another concept already."""
    named = claims.keys.get(fold_name(name))
    if named is None:
        claims.keys[fold_name(name)] = (slug, d.path)
    elif named[0] != slug:
        other = claims.slugs[named[0]][2] if named[0] in claims.slugs else named[0]
        names = "is the title of" if fold_name(other) == fold_name(name) else "already names"
        msg = f"'{name}' {names} concept '{other}' ({named[1]}): it cannot name '{d.title}'"
        hint = f"remove '{name}' from the aliases of '{d.title}': a name belongs to one concept"
        if name == d.title:
            hint = "a name may belong to one concept only: remove it from the other's aliases"
        claims.diagnostics.append(error(span, "alias-conflict", msg, hint))


def _claim_slug(
    claims: _Claims, slug: Slug, name: str, span: Span, of_defined: bool = False
) -> bool:
    """Whether ``name`` takes ``slug`` (first come); else a slug-collision at ``span``.
    ``of_defined``: the name is a reference whose address is a defined concept's, most often
    that concept written another way (``glorp-plan``, its address, for ``glorp plan``)."""
    key = fold_name(name)
    owner = claims.slugs.get(slug)
    if owner is None:
        claims.slugs[slug] = (key, span.path, name)
        return True
    if owner[0] != key:
        msg = (
            f"concept '{unseen_escaped(name)}' has the address '{slug}' of concept"
            f" '{unseen_escaped(owner[2])}' ({owner[1]})"
        )
        hint = (
            "rename one of the two, or define it in a concept file whose title gives another"
            f" address, with '{name}' among its aliases"
        )
        if of_defined:
            hint = (
                f"write '{owner[2]}' if that concept is meant (or add '{name}' to its aliases);"
                " else give this one another name"
            )
        if _alike(name, owner[2]):
            hint = _UNSEEN_HINT
        claims.diagnostics.append(error(span, "slug-collision", msg, hint))
    return False


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Written:
    """Names as written, each with where (``Span``), in the order they are read: two lists
    rather than a pair each, filled in C a tuple of an article or quote at a time."""

    names: list[str]
    spans: list[Span]
    firsts: dict[str, Span]
    """Each name once, where it is first written, in that order: a name is written thousands
    of times, and only its first place decides what it names. The checks that read every
    name read these, once each (at N=5000, 1,400 names of 117,000 written)."""

    @classmethod
    def of(cls, names: list[str], spans: list[Span]) -> _Written:
        # One look-up for each name written; dicts made of them all, reversed for the first
        # places and again for their order, made and hashed two entries for each.
        firsts: dict[str, Span] = {}
        for at, name in enumerate(names):
            if name not in firsts:
                firsts[name] = spans[at]
        return cls(names, spans, firsts)

    def first(self) -> Iterable[tuple[str, Span]]:
        """Each name once, where it is first written, in that order."""
        return self.firsts.items()

    def where(self, wanted: Callable[[str], bool]) -> list[tuple[str, Span]]:
        """Every place of the names ``wanted`` says yes to (each asked once): none, most
        often, and then the names written are not gone through."""
        found = {name for name in self.firsts if wanted(name)}
        if not found:
            return []
        return [pair for pair in zip(self.names, self.spans, strict=True) if pair[0] in found]


def _written(
    defs: list[ConceptDef], articles: Sequence[ArticleReferences]
) -> tuple[_Written, _Written]:
    """The concept names of ``articles`` and of ``defs``' ``broader`` and ``related``; the
    speakers' names of ``articles``: each article's ``speaker`` first, then each quote's
    (its own, or the article's it inherits). Files in the order of their paths."""
    names: list[str] = []
    spans: list[Span] = []
    speakers: list[str] = []
    speaker_spans: list[Span] = []
    for article in sorted(articles, key=lambda a: a.path):
        names += article.concept_names
        spans += article.concept_spans
        fallback = Span(article.path, 1, 1)  # a name always comes with its span; a guard
        if article.speaker:
            speakers.append(article.speaker)
            speaker_spans.append(article.speaker_span or fallback)
        for quote in article.quotes:
            names += quote.concept_names
            spans += quote.concept_spans
            if quote.speaker:
                speakers.append(quote.speaker)
                speaker_spans.append(quote.speaker_span or fallback)
    for d in sorted(defs, key=lambda d: d.path):
        names += (*d.broader, *d.related)
        spans += (*d.broader_spans, *d.related_spans)
    if len(names) != len(spans):  # each name is read with its place: this cannot happen
        raise ValueError(f"{len(names)} concept names with {len(spans)} places")
    return _Written.of(names, spans), _Written.of(speakers, speaker_spans)


def _concept(d: ConceptDef, slug: Slug) -> Concept:
    body = d.body_html
    return Concept(slug, d.title, d.aliases, d.summary, body, (), (), d.path, d.links, d.headings)


def _link(concept: Concept, d: ConceptDef | None, keys: dict[str, Slug]) -> Concept:
    if d is None:
        return concept

    def slugs(names: tuple[str, ...]) -> tuple[Slug, ...]:
        found = (keys[fold_name(n)] for n in names if fold_name(n) in keys)
        return tuple(dict.fromkeys(s for s in found if s != concept.slug))

    return replace(concept, broader=slugs(d.broader), related=slugs(d.related))


def _broader_selves(
    concepts: dict[Slug, Concept], defs: dict[str, ConceptDef], keys: dict[str, Slug]
) -> list[Diagnostic]:
    """A concept named in its own 'broader' (by its title or an alias): the shortest cycle.
    ``_link`` leaves the link out, as a page cannot list itself as narrower, so the cycle
    search never sees it."""
    return [
        _cycle_error(concept, slug, [slug, slug], defs, keys)
        for slug, concept in concepts.items()
        if (d := defs.get(concept.path or "")) is not None
        and slug in {keys.get(fold_name(name)) for name in d.broader}
    ]


def _related_selves(
    concepts: dict[Slug, Concept], defs: dict[str, ConceptDef], keys: dict[str, Slug]
) -> list[Diagnostic]:
    """A warning at each name in a concept's 'related' that is the concept itself (by its
    title or an alias): ``_link`` leaves it out, as a page is no see-also of its own, and the
    editor, who meant another concept or a typo, was not told."""
    return [
        warning(
            span,
            "related-self",
            f"'related' names the concept itself: '{name}'",
            "remove it, or name the concept meant: a page is not related to itself",
        )
        for slug, concept in concepts.items()
        if (d := defs.get(concept.path or "")) is not None
        for name, span in zip(d.related, d.related_spans, strict=True)
        if keys.get(fold_name(name)) == slug
    ]


def _broader_cycles(
    concepts: dict[Slug, Concept], defs: dict[str, ConceptDef], keys: dict[str, Slug]
) -> list[Diagnostic]:
    """One error per cycle, at the 'broader' entry that closes it."""
    diagnostics = []
    state: dict[Slug, int] = {}  # 1 visiting, 2 done
    for start in sorted(concepts):
        stack: list[tuple[Slug, int]] = [(start, 0)]
        path: list[Slug] = []
        while stack:
            slug, i = stack.pop()
            if i == 0:
                if state.get(slug) == 2:
                    continue
                state[slug] = 1
                path.append(slug)
            parents = concepts[slug].broader
            if i < len(parents):
                stack.append((slug, i + 1))
                parent = parents[i]
                if state.get(parent) == 1:
                    cycle = [*path[path.index(parent) :], parent]
                    diagnostics.append(_cycle_error(concepts[slug], parent, cycle, defs, keys))
                elif state.get(parent) != 2:
                    stack.append((parent, 0))
            else:
                state[slug] = 2
                path.pop()
    return diagnostics


def _cycle_error(
    concept: Concept,
    parent: Slug,
    cycle: list[Slug],
    defs: dict[str, ConceptDef],
    keys: dict[str, Slug],
) -> Diagnostic:
    d = defs[concept.path or ""]
    span = next(
        s
        for n, s in zip(d.broader, d.broader_spans, strict=True)
        if keys.get(fold_name(n)) == parent
    )
    msg = "'broader' makes a cycle: " + " → ".join(cycle)
    return error(span, "broader-cycle", msg, "a concept cannot be broader than itself")


def _speakers(written: _Written) -> tuple[dict[Slug, str], dict[str, Slug], list[Diagnostic]]:
    speakers: dict[Slug, str] = {}
    keys: dict[str, Slug] = {}
    owners: dict[Slug, Span] = {}
    first: dict[str, tuple[str, Span]] = {}  # name key -> the name as first written, where
    diagnostics = []
    for name, span in written.first():
        key = fold_name(name)
        if key in first:
            continue
        first[key] = (name, span)
        slug = slugify(name)
        keys[key] = slug
        if slug in speakers:
            owner = owners[slug]
            msg = (
                f"speaker '{unseen_escaped(name)}' has the same slug as"
                f" '{unseen_escaped(speakers[slug])}' ({owner.path}:{owner.line})"
            )
            hint = "write the speaker's name the same way everywhere"
            hint = _UNSEEN_HINT if _alike(name, speakers[slug]) else hint
            diagnostics.append(error(span, "slug-collision", msg, hint))
            continue
        speakers[slug] = name
        owners[slug] = span
    # Each other spelling of a name, where written. A quote that inherits the article's name
    # is at its span too: said once there.
    warned: set[Span] = set()
    for name, span in written.where(
        lambda name: _written_otherwise(name, first[fold_name(name)][0])
    ):
        if span not in warned:
            warned.add(span)
            spelt, at = first[fold_name(name)]
            diagnostics.append(_speaker_spelling(name, span, spelt, at))
    return dict(sorted(speakers.items())), keys, diagnostics


_UNSEEN = dict.fromkeys(
    map(
        ord,
        "\u00ad\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff",
    )
)
"""What changes nothing a reader sees of a name: a soft hyphen, the marks and controls of
writing direction that a name pasted from an Arabic or Hebrew page carries (a trailing LRM),
a word joiner, a byte order mark. (Not the joiners, which change how Persian or Sinhala
letters are drawn, nor variation selectors, which draw ❤️ as an emoji.)"""


def _written_otherwise(name: str, spelt: str) -> bool:
    """Whether ``name`` looks other than ``spelt``: not when the two differ only in how
    their letters are encoded (``Ö`` as one character, or as ``O`` and a mark, as macOS
    saves it) or in characters no one sees (``_UNSEEN``), which no editor can fix by eye."""
    return name != spelt and _as_seen(name) != _as_seen(spelt)


def _spelt(first: dict[str, tuple[str, Span]], name: str) -> str:
    """How the name known by ``name``'s key was first written."""
    return first[fold_name(name)][0]


def _as_seen(name: str) -> str:
    return unicodedata.normalize("NFC", name.translate(_UNSEEN))


def _speaker_spelling(name: str, span: Span, spelt: str, at: Span) -> Diagnostic:
    """Two spellings of one speaker (in other case or width) are one page, under the
    first: said at each other spelling, so the editor can write them alike."""
    msg = (
        f"speaker '{name}' is written '{spelt}' in {at.path}:{at.line}:"
        f" one speaker, shown as '{spelt}'"
    )
    return warning(span, "speaker-spelling", msg, f"write '{spelt}' here, or the same everywhere")
