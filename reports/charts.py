"""Charts as inline SVG, drawn in Python: no JavaScript, nothing fetched, text that
pdftotext can read. Every label is escaped."""

from xml.sax.saxutils import escape

BAR_COLOURS = ("#9e9e9e", "#1f4e79")  # previous year grey, this year dark blue


def grouped_bars(
    categories: list[str], series: list[tuple[str, list[int]]], *, title: str = ""
) -> str:
    """Horizontal bars: one row per category, one bar per series (e.g. last year, this year)."""
    label_width, bar_area, value_width = 250, 300, 40
    bar_height, gap = 9, 8
    row_height = bar_height * len(series) + gap
    top = 24 if title else 4
    legend_height = 20
    width = label_width + bar_area + value_width
    height = top + row_height * len(categories) + legend_height + 4
    peak = max([1, *[v for _, values in series for v in values]])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="Liberation Serif" font-size="10">'
    ]
    if title:
        parts.append(
            f'<text x="{width / 2}" y="14" text-anchor="middle" font-weight="bold">'
            f"{escape(title)}</text>"
        )
    for row, category in enumerate(categories):
        y = top + row * row_height
        label = category if len(category) <= 48 else category[:47] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + row_height / 2 + 2}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        for index, (_name, values) in enumerate(series):
            value = values[row]
            bar = round(bar_area * value / peak, 1)
            bar_y = y + index * bar_height
            colour = BAR_COLOURS[index % len(BAR_COLOURS)]
            parts.append(
                f'<rect x="{label_width}" y="{bar_y}" width="{bar}" height="{bar_height - 1}" '
                f'fill="{colour}"/>'
            )
            parts.append(f'<text x="{label_width + bar + 3}" y="{bar_y + 8}">{value}</text>')
    legend_y = top + row_height * len(categories) + 12
    for index, (name, _values) in enumerate(series):
        x = label_width + index * 120
        colour = BAR_COLOURS[index % len(BAR_COLOURS)]
        parts.append(
            f'<rect x="{x}" y="{legend_y - 8}" width="10" height="8" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{legend_y}">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
