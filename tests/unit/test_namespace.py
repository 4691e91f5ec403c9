"""A source's index under its name is each record with its ids and paths rewritten, and nothing else."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ducha.domain.model import Check, Finding, Report, Visit
from ducha.store.namespace import namespaced
from tests.helpers import SAMPLE, load


def _plain(visit: Visit, name: str, mount: str) -> Visit:
    """The rewrite as one would write it first: every field named, ``_replace`` each record."""

    def ns(value: str) -> str:
        return f"{name}/{value}" if value else value

    def at(path: str) -> str:
        return f"{mount}/{path}" if path else path

    def hashes(pairs: Any) -> Any:
        return tuple((at(f), d) for f, d in pairs)

    def report(r: Report) -> Report:
        return r._replace(evidence=tuple(map(at, r.evidence)), sha256=hashes(r.sha256))

    def finding(f: Finding) -> Finding:
        return f._replace(
            visit=ns(f.visit),
            unit=ns(f.unit),
            reports=tuple(map(report, f.reports)),
            evidence=tuple(map(at, f.evidence)),
            sha256=hashes(f.sha256),
        )

    def check(c: Check) -> Check:
        return c._replace(
            finding=ns(c.finding), evidence=tuple(map(at, c.evidence)), sha256=hashes(c.sha256)
        )

    return visit._replace(
        id=ns(visit.id),
        team=ns(visit.team),
        units=tuple(map(ns, visit.units)),
        path=at(visit.path),
        returns_to=tuple(map(ns, visit.returns_to)),
        checks=tuple(map(check, visit.checks)),
        to_check=tuple(map(ns, visit.to_check)),
        findings=tuple(map(finding, visit.findings)),
        exemplars=tuple(e._replace(unit=ns(e.unit)) for e in visit.exemplars),
    )


def _with_evidence(visit: Visit) -> Visit:
    """Evidence on every finding, report and check: the sample holds little of it."""
    photo = ("evidence/a.jpg",)
    digest = (("evidence/a.jpg", "ab" * 32),)
    return visit._replace(
        checks=tuple(c._replace(evidence=photo, sha256=digest) for c in visit.checks),
        findings=tuple(
            f._replace(
                evidence=photo,
                sha256=digest,
                reports=tuple(r._replace(evidence=photo, sha256=digest) for r in f.reports),
            )
            for f in visit.findings[:1]
        )
        + visit.findings[1:],
    )


def test_every_record_is_its_plain_rewrite() -> None:
    index = load(SAMPLE)
    index = replace(
        index, visits=tuple(map(_with_evidence, index.visits[::2])) + index.visits[1::2]
    )
    assert any(r.evidence for v in index.visits for f in v.findings for r in f.reports)
    assert any(v.checks and v.returns_to for v in index.visits)
    assert any(v.exemplars for v in index.visits)
    moved = namespaced(index, "河川", "counties/hechuan")
    assert moved.visits == tuple(_plain(v, "河川", "counties/hechuan") for v in index.visits)
    assert all(type(v) is Visit for v in moved.visits)
    assert set(moved.units) == {f"河川/{u}" for u in index.units}
    assert moved.parts == {"河川": index.settings}
    assert moved.files == tuple(f"counties/hechuan/{f}" for f in index.files)
