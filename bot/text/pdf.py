"""A short printed document (the /report page) laid out as PDF: blocks of words (bot.text.blocks) in, bytes out.

The layout knows no language and no medicine: ``bot.text.report`` decides what the blocks say. Every string is
printed as it is (no markup is read from it, so a note with ``**`` or ``<b>`` prints those characters), with the
characters the font lacks left out. The font is embedded (``bot.text.fonts``), so Spanish prints on any reader.
"""

from __future__ import annotations

import io
from datetime import UTC

from fpdf import FPDF, FontFace, XPos, YPos
from fpdf.enums import TableBordersLayout

from bot.core.report import Paper
from bot.text.blocks import Block, Bullets, Document, Heading, Paragraph, Picture, Printed, Table, WritingLines
from bot.text.fonts import font_file, printable

_FAMILY = "DejaVu"
_MARGIN_MM = 14.0
_FOOTER_MM = 12.0  # room under the text for the footer
_TITLE_PT = 15.0
_SUBTITLE_PT = 9.5
_HEADING_PT = 10.5
_BODY_PT = 9.0
_TABLE_PT = 8.5
_FOOTER_PT = 7.5
_LINE = 1.3  # line height as a share of the type size
_PT_MM = 25.4 / 72
_INK = (27, 27, 27)
_MUTED = (90, 90, 90)
_RULE = (170, 170, 170)
_HEADING_FILL = (236, 240, 246)
# A heading starts a new page rather than sit alone at the foot of one: it needs this much room under it.
_KEEP_WITH_HEADING_MM = 22.0
_WRITING_LINE_MM = 8.0


class _Pdf(FPDF):
    """FPDF with the footer on every page."""

    def __init__(self, paper: Paper, footer: str) -> None:
        super().__init__(unit="mm", format="letter" if paper is Paper.LETTER else "A4")
        self._footer = footer

    def footer(self) -> None:
        """Print the footer line at the foot of the page."""
        self.set_y(-_FOOTER_MM + 2)
        self.set_font(_FAMILY, size=_FOOTER_PT)
        self.set_text_color(*_MUTED)
        text = self._footer.replace("{page}", str(self.page_no())).replace("{pages}", "{nb}")
        self.cell(0, _FOOTER_PT * _PT_MM * _LINE, printable(text), align="C")


def render(document: Document) -> Printed:
    """Lay ``document`` out; it takes as many pages as it needs (the caller checks how many)."""
    pdf = _Pdf(document.paper, document.footer)
    pdf.set_creation_date(document.made_at.astimezone(UTC))
    pdf.set_title(printable(document.title))
    pdf.set_creator("RLS Coach")
    pdf.add_font(_FAMILY, "", font_file())
    pdf.add_font(_FAMILY, "B", font_file(bold=True))
    pdf.set_margins(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM)
    pdf.set_auto_page_break(True, margin=_FOOTER_MM + 2)
    pdf.alias_nb_pages("{nb}")
    pdf.add_page()
    _title(pdf, document)
    for block in document.blocks:
        _block(pdf, block)
    return Printed(pdf=bytes(pdf.output()), pages=pdf.pages_count)


def _line_mm(size_pt: float) -> float:
    return size_pt * _PT_MM * _LINE


def _text(pdf: FPDF, text: str, size_pt: float, *, bold: bool = False, colour: tuple[int, int, int] = _INK) -> None:
    pdf.set_font(_FAMILY, "B" if bold else "", size_pt)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, _line_mm(size_pt), printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _title(pdf: FPDF, document: Document) -> None:
    _text(pdf, document.title, _TITLE_PT, bold=True)
    _text(pdf, document.subtitle, _SUBTITLE_PT, colour=_MUTED)
    pdf.set_draw_color(*_RULE)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.ln(2.5)


def _block(pdf: FPDF, block: Block) -> None:
    match block:
        case Heading(text):
            if pdf.will_page_break(_KEEP_WITH_HEADING_MM):
                pdf.add_page()
            pdf.ln(1.5)
            pdf.set_fill_color(*_HEADING_FILL)
            pdf.set_font(_FAMILY, "B", _HEADING_PT)
            pdf.set_text_color(*_INK)
            pdf.cell(0, _line_mm(_HEADING_PT) + 0.8, printable(text), fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(0.8)
        case Paragraph(text, muted):
            _text(pdf, text, _TABLE_PT if muted else _BODY_PT, colour=_MUTED if muted else _INK)
            pdf.ln(0.6)
        case Bullets(items):
            for item in items:
                _bullet(pdf, item)
            pdf.ln(0.6)
        case Table():
            _table(pdf, block)
        case Picture(png, aspect):
            width = pdf.epw
            if pdf.will_page_break(width * aspect):
                pdf.add_page()
            pdf.image(io.BytesIO(png), x=pdf.l_margin, w=width, h=width * aspect)
            pdf.ln(1)
        case WritingLines(count):
            pdf.set_draw_color(*_RULE)
            for _ in range(count):
                if pdf.will_page_break(_WRITING_LINE_MM):
                    pdf.add_page()
                pdf.ln(_WRITING_LINE_MM)
                pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
            pdf.ln(1)


def _bullet(pdf: FPDF, item: str) -> None:
    indent = 4.0
    pdf.set_font(_FAMILY, "", _BODY_PT)
    pdf.set_text_color(*_INK)
    pdf.cell(indent, _line_mm(_BODY_PT), "•")
    pdf.multi_cell(
        pdf.epw - indent, _line_mm(_BODY_PT), printable(item), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )


def _table(pdf: FPDF, table: Table) -> None:
    pdf.set_font(_FAMILY, "", _TABLE_PT)
    pdf.set_text_color(*_INK)
    pdf.set_draw_color(*_RULE)
    aligns = ["RIGHT" if index in table.numeric else "LEFT" for index in range(len(table.header))]
    with pdf.table(
        col_widths=tuple(table.widths),
        width=pdf.epw,
        align="LEFT",
        text_align=tuple(aligns),
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        headings_style=FontFace(emphasis="BOLD", color=_INK),
        line_height=_line_mm(_TABLE_PT),
        padding=(0.6, 1.2),
        first_row_as_headings=True,
    ) as drawn:
        for row in [table.header, *table.rows]:
            cells = drawn.row()
            for value in row:
                cells.cell(printable(value))
    pdf.ln(1.5)
