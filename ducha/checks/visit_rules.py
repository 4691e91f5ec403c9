"""Rules about one visit on its own: dates, methods, filing, planned visits, personal data.

They run when a file is parsed, so their problems are cached with the file's other problems
and a run that finds the file unchanged never checks it again. Rules that look across files
or at the clock or the disk are in ``rules.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ducha.checks.issues import Issue, Phrase, Position, error, warning
from ducha.checks.source import SourceMap
from ducha.domain.model import UNKNOWN_DATE, Visit
from ducha.domain.vocab import METHODS


def check_dates(visit: Visit, source: SourceMap) -> list[Issue]:
    """Deadlines and report-backs cannot come before the visit itself."""
    issues: list[Issue] = []
    if visit.date == UNKNOWN_DATE:
        return issues  # the wrong date is reported where it stands
    for finding in visit.findings:
        keypath = ("findings", finding.n - 1)
        due = finding.due
        if due.kind == "date" and due.date is not None and due.date < visit.date:
            pos = source.value((*keypath, "deadline"))
            issues.append(error(pos, "deadline-before-visit", deadline=due.date, date=visit.date))
        for index, report in enumerate(finding.reports):
            if UNKNOWN_DATE < report.date < visit.date:
                pos = source.value((*source.item((*keypath, "reports"), index), "date"))
                issues.append(
                    error(pos, "report-before-visit", reported=report.date, date=visit.date)
                )
    return issues


def check_return_shape(visit: Visit, source: SourceMap) -> list[Issue]:
    """A visit that returns says so in its methods; only a return visit records checks."""
    issues: list[Issue] = []
    if visit.returns_to and "return" not in visit.methods:
        issues.append(warning(source.key(("returns_to",)), "return-method"))
    if visit.checks and not visit.returns_to:
        issues.append(error(source.key(("checks",)), "check-without-return"))
    if not visit.planned and "return" in visit.methods:
        # a return visit that verifies nothing would pass unnoticed
        if not visit.returns_to:
            issues.append(warning(source.value(("methods",)), "return-without-origin"))
        elif not visit.checks:
            issues.append(warning(source.key(("returns_to",)), "return-checks-nothing"))
    return issues


def check_methods(visit: Visit, source: SourceMap) -> list[Issue]:
    """A visit carries at most one side of each pair of methods."""
    issues: list[Issue] = []
    sides: dict[str, str] = {}
    for index, code in enumerate(visit.methods):
        group = METHODS.get(code).group
        if group in sides and sides[group] != code:
            keypath = source.item(("methods",), index)
            first, second = METHODS.get(sides[group]).zh, METHODS.get(code).zh
            issues.append(
                error(source.value(keypath), "method-conflict", first=first, second=second)
            )
        sides.setdefault(group, code)
    return issues


def check_file_location(visit: Visit, source: SourceMap) -> list[Issue]:
    """A visit's id starts with its date, and its file is filed as ``visits/YYYY/MM/<id>``."""
    day = visit.date
    if day == UNKNOWN_DATE:
        return []
    stamp = f"{day.year:04d}{day.month:02d}{day.day:02d}"
    if not visit.id.startswith(stamp):
        pos = source.value(("id",))
        return [warning(pos, "file-location", "id-date", id=visit.id, date=day)]
    suffix = visit.path[visit.path.rfind(".") :]
    expected = f"visits/{day.year}/{day.month:02d}/{visit.id}{suffix}"
    if visit.path != expected:
        return [warning(Position(visit.path), "file-location", expected=expected)]
    return []


def check_planned_results(visit: Visit, source: SourceMap) -> list[Issue]:
    """A planned visit has no results yet (whether its date has passed is in ``rules.py``)."""
    if visit.planned and (visit.findings or visit.checks):
        return [error(source.value(("status",)), "planned-has-results")]
    return []


_ID_CARD = re.compile(
    r"(?<![0-9])([1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx])(?![0-9])"
)
_MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9]{9})(?![0-9])")
# Eleven digits or more, written as people write them: full-width (input methods), and in
# groups split by spaces, hyphens or dots (139 1234 5678, 139-1234-5678).
_SEPARATOR = "[ \u3000\t.\u00b7\u2010-\u2015\uff0d-]"
_ELEVEN_DIGITS = re.compile(f"(?:[0-9\uff10-\uff19]{_SEPARATOR}?){{10}}[0-9\uff10-\uff19]")
_BETWEEN_DIGITS = re.compile(f"(?<=[0-9]){_SEPARATOR}+(?=[0-9Xx])")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id_card(number: str) -> bool:
    """A mainland resident ID number whose check character is right (GB 11643)."""
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


_D = "[0-9\uff10-\uff19]"
_LOOSE_NUMBER = re.compile(
    f"(?<![0-9\uff10-\uff19]){_D}(?:{_SEPARATOR}?{_D}){{10,16}}(?:{_SEPARATOR}?[Xx\uff38\uff58])?"
    f"(?![0-9\uff10-\uff19])"
)


def personal_spans(text: str) -> list[tuple[int, int, str]]:
    """Where ``text`` holds an ID-card or mobile number, however written: (start, end, kind)."""
    found = []
    for match in _LOOSE_NUMBER.finditer(text):
        kind = personal_data(match.group())
        if kind is not None:
            found.append((match.start(), match.end(), kind))
    return found


def personal_data(value: str) -> str | None:
    """What kind of personal data ``value`` seems to hold, if any."""
    value = _BETWEEN_DIGITS.sub("", value.translate(_FULL_WIDTH))
    if any(_id_card(m.group(1)) for m in _ID_CARD.finditer(value)):
        return "id-card"
    return "mobile" if _MOBILE.search(value) else None


_FINDING_TEXTS = ("place", "description", "rectification", "measure")


def _all_printed_text(visit: Visit) -> str:
    """The free text of ``_printed_texts``, in one string."""
    parts = [visit.summary]
    for f in visit.findings:
        parts += [getattr(f, name) for name in _FINDING_TEXTS]
        parts += [report.note for report in f.reports]
    parts += [check.note for check in visit.checks]
    parts += [exemplar.description for exemplar in visit.exemplars]
    return "\n".join(parts)


def _printed_texts(visit: Visit) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Free text that memos print, with where it stands."""
    yield ("summary",), visit.summary
    for f in visit.findings:
        base = ("findings", f.n - 1)
        for name in _FINDING_TEXTS:
            yield (*base, name), getattr(f, name)
        for index, report in enumerate(f.reports):
            yield (*base, "reports", index, "note"), report.note
    for index, check in enumerate(visit.checks):
        yield ("checks", index, "note"), check.note
    for index, exemplar in enumerate(visit.exemplars):
        yield ("exemplars", index, "description"), exemplar.description


def check_personal_data(visit: Visit, source: SourceMap) -> list[Issue]:
    """Printed free text should not carry ID-card or mobile numbers (a warning)."""
    issues: list[Issue] = []
    # Both kinds have eleven digits in a row or more; most visits have none anywhere, and
    # one search of all their text costs less than walking it with positions.
    if not _ELEVEN_DIGITS.search(_all_printed_text(visit)):
        return issues
    for keypath, value in _printed_texts(visit):
        kind = personal_data(value) if value else None
        if kind is not None:
            if len(keypath) > 3 and keypath[2] == "reports":
                keypath = (*source.item(keypath[:3], int(keypath[3])), "note")
            issues.append(
                warning(source.value(keypath), "personal-data", kind=Phrase(f"personal-{kind}"))
            )
    return issues


VisitRule = Callable[[Visit, SourceMap], list[Issue]]

VISIT_RULES: tuple[VisitRule, ...] = (
    check_dates,
    check_return_shape,
    check_methods,
    check_file_location,
    check_planned_results,
    check_personal_data,
)


def check_visit(visit: Visit, source: SourceMap) -> list[Issue]:
    """Every problem that the visit shows on its own."""
    return [issue for rule in VISIT_RULES for issue in rule(visit, source)]
