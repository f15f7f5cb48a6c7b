"""What a printed PDF says, read with PDFium (pypdfium2): its pages, each page's text, and any text placed
outside its page. PDFium reads a routine sheet in some 50 ms; pypdf, in pure Python, took seconds for each
sheet once the drawings' vector paths were on it."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium


def page_count(pdf: Path) -> int:
    with pdfium.PdfDocument(pdf) as document:
        return len(document)


def page_texts(pdf: Path) -> list[str]:
    """Each page's text, its runs of white space made single spaces."""
    with pdfium.PdfDocument(pdf) as document:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]


def text_outside_the_page(pdf: Path) -> list[str]:
    """Every run of text whose box starts outside its page (PDFium keeps such text; a viewer clips it)."""
    outside: list[str] = []
    with pdfium.PdfDocument(pdf) as document:
        for number, page in enumerate(document, 1):
            width, height = page.get_size()
            text = page.get_textpage()
            for i in range(text.count_rects()):
                left, bottom, right, top = text.get_rect(i)
                words = text.get_text_bounded(left, bottom, right, top).strip()
                if words and not (0 <= left <= width and 0 <= bottom <= height):
                    outside.append(f"page {number}: {words!r} at ({left:.0f}, {bottom:.0f})")
    return outside
