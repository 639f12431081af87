"""Charts drawn as SVG on the server, so they print and need no script library.

Each chart is an <svg role="img"> with a <title> and a <desc> that says what it shows in words;
the history page also has the numbers in a table. Colours are never the only signal: bars carry
their value in a <title> (a tooltip), parts are in a fixed order with a legend.
"""

from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# One colour per part, in PART_FIELDS order (distinct for common colour-vision deficiencies).
PART_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9")
WIDTH = 640


def _n(x) -> str:
    """A coordinate with one decimal (format_html escapes its arguments before formatting them)."""
    return f"{x:.1f}"


def _svg(width, height, title, desc, body) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{}-t {}-d" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>',
        width,
        height,
        title["id"],
        title["id"],
        title["id"],
        title["text"],
        title["id"],
        desc,
        body,
    )


def per_day_chart(per_day: list[tuple[date, int]]) -> SafeString:
    """Bars of rehearsals per day. `per_day`: (date, count), oldest first (history.per_day)."""
    height, top, bottom, left = 160, 12, 28, 28
    plot = height - top - bottom
    peak = max((n for _d, n in per_day), default=0) or 1
    step = (WIDTH - left) / max(1, len(per_day))
    bars = []
    for i, (day, count) in enumerate(per_day):
        h = plot * count / peak
        x = left + i * step
        bars.append(
            format_html(
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
                _n(x + 2),
                _n(top + plot - h),
                _n(step - 4),
                _n(h),
                day.strftime("%a %d %b"),
                _times(count),
            )
        )
        if i % 7 == 0 or i == len(per_day) - 1:
            bars.append(
                format_html(
                    '<text class="axis" x="{}" y="{}" text-anchor="{}">{}</text>',
                    _n(x + step if i == len(per_day) - 1 else x + step / 2),
                    height - 8,
                    "end" if i == len(per_day) - 1 else "middle",
                    day.strftime("%d %b"),
                )
            )
    axis = format_html(
        '<line class="base" x1="{}" x2="{}" y1="{}" y2="{}"/><text class="axis" x="{}" y="{}" text-anchor="end">{}</text>',
        left,
        WIDTH,
        top + plot,
        top + plot,
        left - 6,
        top + 10,
        peak,
    )
    total = sum(n for _d, n in per_day)
    desc = f"{_times(total)} in the last {len(per_day)} days; the busiest day had {peak if total else 0}."
    return _svg(
        WIDTH,
        height,
        {"id": "chart-days", "text": "Rehearsals per day"},
        desc,
        mark_safe(axis + "".join(bars)),
    )


def _times(n):
    return f"{n} rehearsal{'s' if n != 1 else ''}"


def parts_chart(attempts, parts) -> SafeString:
    """Stacked bars of seconds per part for each attempt, oldest at the top, with the total budget
    marked. `attempts`: dicts with part_seconds (five ints) and created_at; `parts`: structure.Part."""
    budget = sum(p.seconds for p in parts)
    row_h, top, left, right = 26, 8, 92, 12
    longest = max([budget, *(sum(a["part_seconds"]) for a in attempts)])
    scale = (WIDTH - left - right) / max(1, longest)
    height = top + row_h * max(1, len(attempts)) + 34
    body = []
    for i, attempt in enumerate(attempts):
        y = top + i * row_h
        x = left
        body.append(
            format_html(
                '<text class="axis" x="{}" y="{}" text-anchor="end">{}</text>',
                left - 6,
                y + 16,
                attempt["created_at"].strftime("%d %b %H:%M"),
            )
        )
        for part, seconds, colour in zip(parts, attempt["part_seconds"], PART_COLOURS, strict=False):
            body.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {} s of {} s</title></rect>',
                    _n(x),
                    y + 4,
                    _n(seconds * scale),
                    row_h - 8,
                    colour,
                    part.name,
                    seconds,
                    part.seconds,
                )
            )
            x += seconds * scale
    line_x = left + budget * scale
    body.append(
        format_html(
            '<line class="budget" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="axis" x="{}" y="{}" text-anchor="middle">budget {}:{}</text>',
            _n(line_x),
            _n(line_x),
            top,
            height - 28,
            _n(line_x),
            height - 12,
            budget // 60,
            f"{budget % 60:02d}",
        )
    )
    if not attempts:
        body.append(format_html('<text class="axis" x="{}" y="{}">No rehearsal yet</text>', left, top + 16))
    desc = (
        f"Seconds per part in your last {len(attempts)} rehearsals, against a budget of {budget} seconds."
        if attempts
        else "No rehearsal yet."
    )
    return _svg(
        WIDTH,
        height,
        {"id": "chart-parts", "text": "Time per part, last attempts"},
        desc,
        mark_safe("".join(str(b) for b in body)),
    )


def legend(parts) -> SafeString:
    """The parts' colours, for the time-per-part chart."""
    return format_html_join(
        "",
        '<li><svg class="swatch" viewBox="0 0 1 1" aria-hidden="true" focusable="false"><rect width="1" height="1" '
        'fill="{}"/></svg>{}</li>',
        ((colour, part.name) for part, colour in zip(parts, PART_COLOURS, strict=False)),
    )
