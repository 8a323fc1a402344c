"""A str-valued Enum that prints as its value on every supported Python.

``class X(str, Enum)`` formats as ``X.NAME`` in f-strings from Python 3.11 on but as its
value on 3.10; a member written into a file name, an HTML class or a message must not
depend on that. This is 3.11's ``enum.StrEnum`` for 3.10 as well.
"""

from __future__ import annotations

import sys
from enum import Enum

if sys.version_info >= (3, 11):
    from enum import StrEnum as StrEnum
else:

    class StrEnum(str, Enum):
        """Members are strings (``==``, hashing, JSON) and ``str()``/f-strings give the value."""

        def __str__(self) -> str:
            return str(self.value)
