"""The words of a memo that follow rules of their own: dates, periods, numbers and titles.

Dates are written as GB/T 9704 has them (Arabic numerals, full year, no zero padding); a
title too long for one line breaks between words.
"""

from __future__ import annotations

import datetime as dt

DRAFT_NUMBER = "（草稿，未编号）"
DRAFT_ISSUE = "（草稿，未编期号）"


def doc_number(prefix: str, year: int, number: int | None) -> str:
    """发文字号 川疫督〔2020〕5号, or the draft mark for a memo not yet issued."""
    return f"{prefix}〔{year}〕{number}号" if number is not None else DRAFT_NUMBER


def issue_number(number: int | None) -> str:
    """期号 第5期 of a special report or brief, or the draft mark."""
    return f"第{number}期" if number is not None else DRAFT_ISSUE


TITLE_LINE = 18  # characters of 22 pt (2号): 20 fit 156 mm, less digits' extra width
# Words a title line never breaks inside: 通/报 reads as two words
_TITLE_WORDS = (
    "通报", "报告", "情况", "督查", "问题", "建议", "共性", "整改", "通知书", "移交函", "日报",
    "专报", "线索", "关于", "发现", "工作", "疫情", "防控",
)  # fmt: skip


_PHRASE_STARTS = ("督查", "发现", "关于")


def title_lines(title: str) -> tuple[str, ...]:
    """A title broken between words into lines as even as they can be (a trapezoid).

    Never inside a date, a number or a word, never leaving one character alone.
    """
    from ducha.outputs.linebreak import break_points

    def width(words: str) -> float:
        return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in words)

    if width(title) <= TITLE_LINE:
        return (title,)
    starts = break_points(title)
    inside = {
        at + i for word in _TITLE_WORDS for at in _finds(title, word) for i in range(1, len(word))
    }
    inside |= {at + i for at in _finds(title, "至") for i in (0, 1)}  # a period stays whole
    best: tuple[float, str, str] | None = None
    for at in starts:
        if at in inside or at < 2 or at > len(title) - 2:
            continue
        first, second = title[:at], title[at:]
        if width(first) > TITLE_LINE or width(second) > TITLE_LINE:
            continue
        score = abs(width(first) - width(second)) + (0.5 if width(second) > width(first) else 0)
        if second.startswith(_PHRASE_STARTS):  # 关于……/督查情况的通报: a phrase to itself
            score -= 1.5
        if best is None or score < best[0]:
            best = (score, first, second)
    return (best[1], best[2]) if best else (title,)


def _finds(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def cn_date(day: dt.date) -> str:
    """2020年2月12日: Arabic numerals, full year, no zero padding (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日"


def days_words(days: list[dt.date]) -> str:
    """Days in a row without repeating what they share: 2020年2月4日、10日、3月2日."""
    words: list[str] = []
    for before, day in zip([None, *days], days, strict=False):
        if before is None or before.year != day.year:
            words.append(cn_date(day))
        elif before.month != day.month:
            words.append(f"{day.month}月{day.day}日")
        else:
            words.append(f"{day.day}日")
    return "、".join(words)


def period_words(start: dt.date, end: dt.date) -> str:
    """2020年2月17日至23日, 2020年2月17日至3月1日, or one day."""
    if start == end:
        return cn_date(start)
    if start.year == end.year and start.month == end.month:
        return f"{cn_date(start)}至{end.day}日"
    if start.year == end.year:
        return f"{cn_date(start)}至{end.month}月{end.day}日"
    return f"{cn_date(start)}至{cn_date(end)}"
