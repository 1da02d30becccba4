"""Server-side SVG charts: plain markup, readable without JavaScript; every chart has a data table next to
it in the templates. Suppressed values (None) are drawn as a hatched stub and labelled "•"."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

BAR_H = 22
GAP = 8
LABEL_W = 190
CHART_W = 640


def bar_chart(title: str, labels: list[str], values: list[int | None], *, unit: str = "") -> SafeString:
    """Horizontal bars; `title` becomes the accessible name of the figure."""
    known = [v for v in values if v is not None]
    top = max(known, default=0) or 1
    height = len(labels) * (BAR_H + GAP) + GAP
    width = CHART_W - LABEL_W - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {CHART_W} {height}" '
        f'width="{CHART_W}" height="{height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = GAP + i * (BAR_H + GAP)
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + BAR_H * 0.7:.1f}" text-anchor="end" class="lbl" '
                     f'font-size="12" fill="#222">{escape(label)}</text>')
        if value is None:
            parts.append(f'<rect x="{LABEL_W}" y="{y}" width="12" height="{BAR_H}" fill="#bbb" '
                         f'stroke="#666" stroke-dasharray="2 2"/>')
            parts.append(f'<text x="{LABEL_W + 18}" y="{y + BAR_H * 0.7:.1f}" font-size="12" fill="#222">•</text>')
            continue
        w = max(1.0, width * value / top) if value else 0.0
        parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="#1f5f8b"/>')
        parts.append(f'<text x="{LABEL_W + w + 6:.1f}" y="{y + BAR_H * 0.7:.1f}" font-size="12" '
                     f'fill="#222">{value}{escape(unit)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703 - every text above is escaped
