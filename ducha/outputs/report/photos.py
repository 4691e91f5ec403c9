"""Photos in HTML memos: each evidence photo a memo names, as a small inline thumbnail.

A memo names photos by their repository path (``Block("photos")``); only a regular file
inside the repository, of a photo's kind and a bounded size, is read, and it is re-encoded
as a JPEG at most 480 pixels wide, so that no byte of the original reaches the page.
"""

from __future__ import annotations

import base64
import io
from dataclasses import replace
from pathlib import Path

from ducha.checks.photos import MAX_PHOTO_BYTES, PHOTO_SUFFIXES
from ducha.outputs.report.model import Block, Memo

THUMBNAIL = (480, 480)


def photos_of(files: tuple[str, ...]) -> Block | None:
    """A block of the photos among ``files`` (repository paths), or None when there are none."""
    found = tuple(f for f in files if Path(f).suffix.lower() in PHOTO_SUFFIXES)
    return Block("photos", photos=found) if found else None


def with_thumbnails(memo: Memo, root: Path) -> Memo:
    """The memo with each photo block's paths replaced by inline JPEG thumbnails."""
    if not any(b.kind == "photos" for b in memo.body):
        return memo
    body = tuple(
        replace(b, photos=tuple(t for t in (_thumbnail(root, p) for p in b.photos) if t))
        if b.kind == "photos"
        else b
        for b in memo.body
    )
    return replace(memo, body=body)


def _thumbnail(root: Path, name: str) -> str:
    """``data:image/jpeg;base64,…`` for a photo in the repository, or "" when it cannot be."""
    made = thumbnail(root, name)
    return "data:image/jpeg;base64," + base64.b64encode(made).decode("ascii") if made else ""


def thumbnail(root: Path, name: str) -> bytes:
    """A photo in the repository as a small JPEG, or b"" when it cannot be read as one."""
    base = root.resolve()
    try:
        path = (base / name).resolve()
        if not path.is_relative_to(base) or not path.is_file():
            return b""
        if path.stat().st_size > MAX_PHOTO_BYTES:
            return b""
        from PIL import Image

        with Image.open(path) as image:
            image.thumbnail(THUMBNAIL)
            stream = io.BytesIO()
            image.convert("RGB").save(stream, "JPEG", quality=80)
    except Exception:  # noqa: BLE001 — a broken or hostile file is left out of the page
        return b""
    return stream.getvalue()


def docx_images(memo: Memo, root: Path, template: object) -> dict[str, object]:
    """Each photo of the memo as a Word inline image 60 mm wide, by its path."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    found: dict[str, object] = {}
    for block in memo.body:
        for name in block.photos if block.kind == "photos" else ():
            made = thumbnail(root, name)
            if made and name not in found:
                found[name] = InlineImage(template, io.BytesIO(made), width=Mm(60))
    return found
