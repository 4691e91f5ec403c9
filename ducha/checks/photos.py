"""The day a photo was taken, from its EXIF data.

A photo of a fix dated before the visit that found the problem is worth a second look.

Only the file's header is read (Pillow decodes no pixels for this); a file that is not an
image, or one whose EXIF is missing or garbled, has no day.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp"})
_EXIF_IFD, _TAKEN, _CHANGED = 0x8769, 0x9003, 0x0132  # DateTimeOriginal, DateTime
_STAMP = re.compile(r"(\d{4}):(\d{2}):(\d{2})")
MAX_PHOTO_BYTES = 50 * 1024 * 1024


def photo_day(path: Path) -> dt.date | None:
    """The day a camera wrote into the photo at ``path``, or None."""
    if path.suffix.lower() not in PHOTO_SUFFIXES:
        return None
    try:
        if path.stat().st_size > MAX_PHOTO_BYTES:
            return None
        from PIL import Image

        with Image.open(path) as image:
            exif = image.getexif()
            stamp = exif.get_ifd(_EXIF_IFD).get(_TAKEN) or exif.get(_CHANGED)
    except Exception:  # noqa: BLE001 — any file may be handed in: a broken one has no day
        return None
    found = _STAMP.match(stamp) if isinstance(stamp, str) else None
    if found is None:
        return None
    try:
        return dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return None
