"""Calendar dates as clerks write them: 2020-02-05, 2020/2/5, 2020.2.5, 2020年2月5日."""

from __future__ import annotations

import datetime as dt
import re

_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"),
)
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")


def parse_day(text: str) -> dt.date | None:
    """The date ``text`` writes, or None; full-width digits (an input method's) are read too."""
    folded = text.strip().translate(_WIDE_DIGITS)
    for form in _FORMS:
        found = form.fullmatch(folded)
        if found is not None:
            try:
                return dt.date(*(int(part) for part in found.groups()))
            except ValueError:
                return None
    return None
