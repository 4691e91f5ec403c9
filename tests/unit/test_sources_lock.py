"""sources.lock reads back what sync wrote, whatever a source's name or commit looks like."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ducha.domain.index import Origin
from ducha.store.sync import lock_text, read_lock

NAMES = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
COMMITS = st.text("0123456789abcdef", min_size=40, max_size=40)


@given(st.dictionaries(NAMES, COMMITS, min_size=1, max_size=5))
def test_the_lock_reads_back_every_source_and_commit(found: dict[str, str]) -> None:
    origins = [Origin(name, commit, None, dirty=False) for name, commit in found.items()]
    assert read_lock(lock_text(origins, dt.datetime(2026, 12, 2)).encode()) == found


def test_a_commit_of_digits_alone_keeps_its_leading_zero() -> None:
    commit = "0123456789" * 4
    text = lock_text([Origin("临川", commit, None, dirty=False)], dt.datetime(2026, 12, 2))
    assert read_lock(text.encode()) == {"临川": commit}
