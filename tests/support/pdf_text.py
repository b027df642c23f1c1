"""The text of a PDF as a reader's text extractor gets it (pypdf), and its pages' sizes, for tests of /report."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text, with every run of white space (line breaks included) made one space."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    """The whole document's text, pages joined by a space."""
    return " ".join(pdf_pages(pdf))


def page_size_pt(pdf: bytes) -> tuple[float, float]:
    """The first page's width and height in points (Letter 612 x 792, A4 about 595 x 842)."""
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width), 1), round(float(box.height), 1)
