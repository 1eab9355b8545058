"""Reading the cells of an HTML table that a page drew (the key figures are escaped HTML)."""

from __future__ import annotations

from html.parser import HTMLParser


class _TableCells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def table_rows(body: str) -> list[list[str]]:
    """Each row's cell texts (entities decoded), the header row first."""
    parser = _TableCells()
    parser.feed(body)
    return parser.rows
