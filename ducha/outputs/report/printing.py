"""Memos on paper: the faces this machine has for each role, and PDF through LibreOffice.

Where the official faces (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体) are missing,
each role takes the closest free face with Simplified Chinese glyphs, and the clerk is told
which. Fontconfig left to itself gives every role the same face (often a Japanese or a
Kai one).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import fields, replace
from functools import lru_cache
from pathlib import Path

from ducha.domain.settings import Lang
from ducha.errors import UserError
from ducha.outputs.i18n import text
from ducha.outputs.report.model import FALLBACKS, Fonts, Memo
from ducha.outputs.report.render import render_docx


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Every family name fontconfig knows, each alias of a face counted."""
    lister = shutil.which("fc-list")
    if lister is None:
        return frozenset()
    done = subprocess.run(
        [lister, ":", "family"], capture_output=True, text=True, check=False, timeout=30
    )
    return frozenset(
        name.strip() for line in done.stdout.splitlines() for name in line.split(",") if name
    )


def faces_for_print(fonts: Fonts) -> tuple[Fonts, list[tuple[str, str]]]:
    """The faces to print with, and each configured face replaced, with its replacement."""
    have = installed_families()
    if not have:  # no fontconfig to ask: leave the names to the converter
        return fonts, []
    chosen: dict[str, str] = {}
    replaced: dict[str, str] = {}
    for role in (f.name for f in fields(Fonts)):
        wanted = getattr(fonts, role)
        if wanted in have:
            chosen[role] = wanted
            continue
        found = next((face for face in FALLBACKS.get(role, ()) if face in have), wanted)
        chosen[role] = found
        if found != wanted:
            replaced[wanted] = found
    return Fonts(**chosen), list(replaced.items())


def font_substitutions(fonts: Fonts) -> list[tuple[str, str]]:
    """Configured faces this machine lacks, with the face a PDF uses instead."""
    return faces_for_print(fonts)[1]


def render_pdf(memo: Memo, repo_root: Path, lang: Lang) -> bytes:
    """The memo as Word lays it out, converted by LibreOffice, in the faces this machine has."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise UserError(text("no-libreoffice", lang))
    printed = replace(memo, fonts=faces_for_print(memo.fonts)[0])

    def convert(version: Memo) -> bytes:
        return _convert(office, render_docx(version, repo_root, lang), memo.kind, lang)

    pdf = convert(printed)
    if not (memo.cc or memo.printed_by) or page_count(pdf) % 2 == 0:
        return pdf
    # printed on both sides, the 版记 belongs on the back of the last sheet: on a page of
    # its own after a text that ends on a front; after a text that ends on a back (the 版记
    # did not fit under it), after a blank page, the two unnumbered (GB/T 9704 7.5)
    alone = replace(printed, blank_before_record=True)
    text_only = replace(printed, cc="", printed_by="")
    if page_count(convert(text_only)) % 2 == 0:
        candidate = convert(replace(alone, unnumbered_record=True))
        if page_count(candidate) % 2 == 0:
            return candidate
    return convert(alone)


def page_count(pdf: bytes) -> int:
    """Pages of a PDF, from its page objects."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def _convert(office: str, document: bytes, kind: str, lang: Lang) -> bytes:
    with tempfile.TemporaryDirectory(prefix="ducha-pdf-") as folder:
        source = Path(folder) / f"{kind}.docx"
        source.write_bytes(document)
        command = [
            office,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{folder}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
        target = source.with_suffix(".pdf")
        if done.returncode != 0 or not target.is_file():
            raise UserError(
                text("pdf-failed", lang, detail=(done.stderr or done.stdout).strip()[-300:])
            )
        return target.read_bytes()
