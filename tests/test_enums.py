"""reportgen.enums.StrEnum: members are their values wherever they are written, on every
supported Python (a plain ``(str, Enum)`` formats as ``Status.OK`` from 3.11 on)."""

from __future__ import annotations

import json
import pickle

import pytest

from reportgen.batch.work import Mode, Status
from reportgen.check.core import SourceKind
from reportgen.core.blocks import DocFormat
from reportgen.render.formats import Look


@pytest.mark.parametrize("member", [*Status, *Look, *SourceKind, *DocFormat])
def test_a_member_is_written_as_its_value(member: Status | Look | SourceKind | DocFormat) -> None:
    value = member.value
    assert (f"{member}", str(member), format(member, "")) == (value,) * 3
    assert member == value and {value: 1}[member] == 1
    assert json.dumps({member: member}) == json.dumps({value: value})


@pytest.mark.parametrize("member", [*Status, *Mode])
def test_a_member_crosses_to_a_worker_as_itself(member: Status | Mode) -> None:
    # batch sends modes to its worker processes and gets statuses back; they compare by `is`.
    assert pickle.loads(pickle.dumps(member)) is member


def test_the_values_are_those_the_outputs_were_written_with() -> None:
    assert [s.value for s in Status] == ["ok", "failed", "skipped", "not-run"]
    assert [look.value for look in Look] == ["web", "page"]  # --html-look, class look-*, *.css
    assert [k.value for k in SourceKind] == ["yaml", "md", "docx"]
    assert [f.value for f in DocFormat] == ["file", "letter", "plain"]  # the YAML's format:
