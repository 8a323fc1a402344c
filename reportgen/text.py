"""Character classes shared by the loader, the readers, the checker and the DOCX writer."""

from __future__ import annotations

import re

# Characters XML 1.0 cannot hold (and so no DOCX can), lone surrogates included.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
