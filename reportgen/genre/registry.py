"""The genre registry: the role table, the outline kinds and the shared words of one search
path (the user's ``--templates`` folders first, then the built-ins), loaded and validated
together.

Every command works in one genre: the entry points (render, check, import, batch) enter it
with :func:`using`, and the readers, the outline rules and the roll-up ask :func:`current`
instead of being handed the template folders through every call. Outside ``using`` the
built-in genre is current.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportgen.cache import cache_dir, read_pickle, write_pickle
from reportgen.core.reading import is_regular
from reportgen.errors import InputError
from reportgen.genre.files import GENRE_CONFLICT
from reportgen.genre.kinds import Kind, KindSpec, PartSpec, load_kind_file
from reportgen.genre.roles import RoleSpec, RoleTable, load_roles
from reportgen.genre.words import Words, load_words
from reportgen.problem import Problem, error
from reportgen.render.templating import search_path

__all__ = [
    "ROLE_ORDER",
    "Genre",
    "Kind",
    "KindSpec",
    "PartSpec",
    "RoleSpec",
    "all_kinds",
    "current",
    "default_role",
    "genre_for",
    "guess_kind",
    "infer_role",
    "infer_roles",
    "is_theme",
    "kind_choices",
    "kind_files",
    "load_kind",
    "role_ids",
    "role_labels",
    "role_order_text",
    "roles",
    "settle_roles",
    "umbrella_roles",
    "using",
    "weak_only",
]


@dataclass(frozen=True, eq=False)
class Genre:
    """Roles, kinds and words of one search path."""

    roles: RoleTable
    kinds: dict[str, Kind]  # by id: the built-ins, then the user's new ones
    words: Words
    dirs: tuple[Path, ...] = ()
    _by_name: dict[str, Kind] = field(default_factory=dict, repr=False)

    def kind(self, name: str) -> Kind | None:
        """A kind by its id (``summary``), label (``工作总结``) or one of its aliases."""
        found = self.kinds.get(name)
        if found is None:
            found = self._by_name.get("".join(name.split()))
        return found

    @property
    def fallback(self) -> Kind:
        """The kind of a title that names none (words.yaml ``default_kind``)."""
        return self.kinds[self.words.file.default_kind]

    def guess_kind(self, title: str) -> tuple[Kind, str]:
        """The kind a title names and the word that names it ("" for the fallback)."""
        fallback = self.fallback
        hits = [
            (k is not fallback, k.spec.priority, -n, k, word)
            for n, k in enumerate(self.kinds.values())
            for word in k.spec.title_words
            if word in title
        ]
        if not hits:
            return self.fallback, ""
        # Any other kind's word before the fallback's own (汇报 does not outweigh 自查).
        *_, kind, word = max(hits, key=lambda h: h[:3])
        return kind, word

    def title_topic(self, title: str) -> str:
        """``title`` without the longest kind ending (……工作情况的报告 → ……工作)."""
        ends = [e for k in self.kinds.values() for e in k.title_endings if title.endswith(e)]
        topic = title[: len(title) - max(map(len, ends))] if ends else title
        # ……食品安全的自查报告: the 的 joined the topic to the ending, it is not the topic's.
        return topic[:-1] if ends and topic.endswith("的") else topic

    def lead_formula(self, kind: Kind | None) -> str:
        """The pattern of the formula ending ``kind``'s lead (words.yaml's by default)."""
        return (kind.spec.lead_formula if kind else "") or self.words.file.lead_formula

    def lead_example(self, kind: Kind | None) -> str:
        """The formula the kind's generated lead ends with, for messages (现将……如下：)."""
        lead = (kind or self.fallback).spec.lead.strip().rstrip("。")
        return re.split("(?<=[。！？])", lead)[-1]


def _genre_files(dirs: tuple[Path, ...], name: str) -> list[Path]:
    """``name`` (roles.yaml, words.yaml) in every folder of the search path, built-in first."""
    return [
        folder / name
        for folder in reversed(search_path(dirs))
        if (folder / name).exists() and is_regular(folder / name)
    ]


def _conflicts(kinds: dict[str, Kind]) -> list[Problem]:
    """Two kinds answering to one name (I031)."""
    problems = []
    owner: dict[str, Kind] = {}
    for kind in kinds.values():
        for name in kind.names[1:]:
            other = owner.setdefault(name, kind)
            if other is not kind:
                problems.append(
                    error(
                        str(kind.path),
                        0,
                        0,
                        GENRE_CONFLICT,
                        f"文种名称“{name}”已被 {other.path} 使用；每个名称只能属于一个文种。",
                    )
                )
    return problems


def _load_genre(dirs: tuple[Path, ...]) -> Genre:
    table = load_roles(_genre_files(dirs, "roles.yaml"))
    problems: list[Problem] = []
    kinds: dict[str, Kind] = {}
    for name, path in kind_files(dirs).items():
        try:
            stat = path.stat()
            kinds[name] = _cached_kind(
                path, (str(path.resolve()), stat.st_mtime_ns, stat.st_size), table
            )
        except InputError as exc:
            problems += exc.problems
    problems += _conflicts(kinds)
    words = load_words(_genre_files(dirs, "words.yaml"))
    if words.default_kind not in kinds:
        problems.append(
            error(
                str(_genre_files(dirs, "words.yaml")[-1]),
                0,
                0,
                GENRE_CONFLICT,
                f"default_kind 写的“{words.default_kind}”不是已有的文种：{'、'.join(kinds)}。",
            )
        )
    if problems:
        raise InputError(problems)
    table = dataclasses.replace(table, headings=kind_headings(table, kinds))
    closing = tuple(dict.fromkeys(w for k in kinds.values() for w in k.spec.closing_words))
    by_name = {}
    for kind in reversed(kinds.values()):
        for name in kind.names[1:]:
            by_name["".join(name.split())] = kind
    return Genre(table, kinds, Words(words, closing), dirs, by_name)


def kind_headings(table: RoleTable, kinds: dict[str, Kind]) -> dict[str, str]:
    """The kinds' part headings that the roles' keywords read as another role or as none,
    with the role the kind gives them; a heading two kinds give different roles is left out."""
    given: dict[str, set[str]] = {}
    for kind in kinds.values():
        for part in kind.spec.parts:
            if part.heading:
                given.setdefault(part.heading.strip(), set()).add(part.role)
    return {
        heading: next(iter(roles))
        for heading, roles in given.items()
        if len(roles) == 1 and table.infer(heading)[:1] != list(roles)
    }


def _signature(dirs: tuple[Path, ...]) -> tuple[tuple[str, int, int], ...]:
    files = [*_genre_files(dirs, "roles.yaml"), *_genre_files(dirs, "words.yaml")]
    files += kind_files(dirs).values()
    # Absolute paths, nanosecond times and sizes: two folders named alike (``tpl`` in two
    # working directories) or a file rewritten within a clock tick are not the same genre.
    stats = [(p.resolve(), p.stat()) for p in files]
    return tuple((str(p), s.st_mtime_ns, s.st_size) for p, s in stats)


@cache
def _cached_genre(dirs: tuple[Path, ...], signature: tuple[tuple[str, int, int], ...]) -> Genre:
    """The genre of ``dirs``, from the user's cache folder when its files (``signature``:
    where they are, their times and sizes) are the ones it was validated from: reading
    and validating them through pydantic was a good part of every command's start-up."""
    folder = _store()
    key = hashlib.sha1(repr((dirs, signature)).encode()).hexdigest()
    kept = read_pickle(folder, key)
    if isinstance(kept, Genre):
        return kept
    genre = _load_genre(dirs)  # a malformed file raises: only a valid genre is kept
    write_pickle(folder, key, genre)
    return genre


@cache
def _store() -> Path | None:
    """The genre cache of this code: a change to the classes pickled or to how the files are
    read (the genre package, the YAML loader) makes a new folder."""
    import pydantic
    import yaml

    from reportgen.core import decoding, load, reading, yaml_traps

    loader = [Path(m.__file__ or "") for m in (decoding, load, reading, yaml_traps)]
    sources = [*sorted(Path(__file__).parent.glob("*.py")), *loader]
    return cache_dir(f"genre-{pydantic.VERSION}-{yaml.__version__}", *sources)


@cache
def _builtin() -> Genre:
    return _cached_genre((), _signature(()))


def genre_for(template_dirs: tuple[Path, ...] = ()) -> Genre:
    """The genre of a search path; InputError (I029–I031) when one of its files is wrong."""
    if not template_dirs:
        return _builtin()
    dirs = tuple(template_dirs)
    return _cached_genre(dirs, _signature(dirs))


_ACTIVE: ContextVar[Genre | None] = ContextVar("reportgen_genre", default=None)


def current() -> Genre:
    """The genre of the command being run (the built-in one outside :func:`using`)."""
    return _ACTIVE.get() or _builtin()


@contextmanager
def using(template_dirs: tuple[Path, ...] | list[Path] = ()) -> Iterator[Genre]:
    """Run the body in the genre of ``template_dirs`` (their kinds and roles are known to
    every reader and rule inside it)."""
    genre = genre_for(tuple(template_dirs))
    token = _ACTIVE.set(genre)
    try:
        yield genre
    finally:
        _ACTIVE.reset(token)


def _genre(template_dirs: tuple[Path, ...]) -> Genre:
    return genre_for(tuple(template_dirs)) if template_dirs else current()


# ---------------------------------------------------------------- roles


class _RoleOrder(Mapping[str, int]):
    """Role → its place in the canonical order, in the current genre."""

    def __getitem__(self, role: str) -> int:
        return current().roles.order[role]

    def __iter__(self) -> Iterator[str]:
        return iter(current().roles.roles)

    def __len__(self) -> int:
        return len(current().roles.roles)


ROLE_ORDER: Mapping[str, int] = _RoleOrder()


def roles() -> dict[str, RoleSpec]:
    return current().roles.roles


def role_ids() -> tuple[str, ...]:
    return tuple(current().roles.roles)


def role_labels() -> dict[str, str]:
    return {role: spec.label for role, spec in roles().items()}


def role_order_text() -> str:
    """The canonical order for a message: 总体情况、工作情况、成效……"""
    return "、".join(spec.short for spec in roles().values())


def is_theme(heading: str) -> bool:
    """A topical heading (two clauses, or a veto word in it) rather than a part's name."""
    return current().roles.is_theme(heading)


def infer_roles(heading: str) -> list[str]:
    """The roles a heading names, earliest keyword first."""
    return current().roles.infer(heading)


def weak_only(heading: str) -> bool:
    """Whether only weak keywords give ``heading`` its role."""
    return current().roles.weak_only(heading)


def infer_role(heading: str, default: str | None = None) -> str | None:
    found = infer_roles(heading)
    return found[0] if found else default


def default_kind(template_dirs: tuple[Path, ...] = ()) -> str:
    """The kind of a report that names none (words.yaml ``default_kind``)."""
    return _genre(template_dirs).words.file.default_kind


def default_role() -> str:
    """The role of a part whose heading names none (roles.yaml ``default``)."""
    return current().roles.default


def umbrella_roles() -> set[str]:
    """Roles whose first part may stand for the whole work (roles.yaml ``umbrella``)."""
    return {role for role, spec in roles().items() if spec.umbrella}


def settle_roles(
    headings: list[str], found: list[str], kind: str = "", fixed: set[int] | None = None
) -> list[str]:
    """Part roles with position taken into account: a part whose role says ``weak_yields``
    (problems, next steps), rests on a weak keyword alone and is followed by a part of the
    default role (the work) is a topical work part, not the problems. Not in kinds where
    problems come first (problems_first); ``fixed``: parts whose role is written."""
    loaded = load_kind(kind) if kind else None
    if loaded is not None and loaded.spec.problems_first:
        return list(found)
    table = current().roles
    default = table.default
    yielding = {role for role, spec in table.roles.items() if spec.weak_yields}
    out = list(found)
    for k, heading in enumerate(headings):
        if fixed and k in fixed:
            continue
        later_work = default in out[k + 1 :]
        if out[k] in yielding and later_work and weak_only(heading):
            out[k] = default
    return out


# ---------------------------------------------------------------- kinds


def kind_files(template_dirs: tuple[Path, ...] = ()) -> dict[str, Path]:
    """Kind name → file; a user's folder wins over the built-ins."""
    # Keyed by where the folders really are: ``tpl`` in two working directories is two folders.
    return _kind_files(tuple(template_dirs), tuple(Path(d).resolve() for d in template_dirs))


@cache  # per process: the folders are globbed once, not for every report of a batch
def _kind_files(template_dirs: tuple[Path, ...], resolved: tuple[Path, ...]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in reversed(search_path(template_dirs)):
        for path in sorted((folder / "kinds").glob("*.yaml")):
            if is_regular(path):  # a FIFO or device named *.yaml is no kind
                found[path.stem] = path
    return found


@cache
def _cached_kind(path: Path, identity: tuple[str, int, int], table: RoleTable) -> Kind:
    return load_kind_file(path, table)


def load_kind(name: str, template_dirs: tuple[Path, ...] = ()) -> Kind | None:
    """A kind by its id (``summary``), its label (``工作总结``) or an alias; without
    ``template_dirs``, in the current genre."""
    return _genre(template_dirs).kind(name)


def all_kinds(template_dirs: tuple[Path, ...] = ()) -> list[Kind]:
    return list(_genre(template_dirs).kinds.values())


def kind_choices(template_dirs: tuple[Path, ...] = ()) -> str:
    """Every kind for a message: ``work-report（工作报告）、summary（工作总结）…``."""
    return "、".join(f"{k.name}（{k.spec.label}）" for k in all_kinds(template_dirs))


def guess_kind(title: str) -> str:
    """The id of the kind a finished report's title names (the fallback kind if none)."""
    return current().guess_kind(title)[0].name
