"""The PDF reader the print tests rely on finds text placed off the page, on every side, and reads each
page's text; a hand-written one-page PDF with one line inside the page and one outside."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdftext import page_count, page_texts, text_outside_the_page


def _one_page_pdf(path: Path, x: int, y: int) -> Path:
    """An A4 page with 'Inside text' on it and 'Outside text' at (x, y), in points from its bottom left."""
    stream = f"BT /F1 12 Tf {x} {y} Td (Outside text) Tj ET BT /F1 12 Tf 100 700 Td (Inside text) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream.encode()),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    path.write_bytes(out)
    return path


@pytest.mark.parametrize("x, y", [(-80, 400), (650, 400), (100, -30), (100, 900)])
def test_text_off_the_page_is_found_on_every_side(tmp_path, x, y):
    pdf = _one_page_pdf(tmp_path / "sheet.pdf", x, y)
    assert text_outside_the_page(pdf) == [f"page 1: 'Outside text' at ({x}, {y})"]


def test_text_on_the_page_is_read_and_not_reported(tmp_path):
    pdf = _one_page_pdf(tmp_path / "sheet.pdf", 100, 400)
    assert page_count(pdf) == 1
    assert text_outside_the_page(pdf) == []
    assert page_texts(pdf) == ["Outside text Inside text"]
