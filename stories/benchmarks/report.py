"""The benchmark's one table, as Markdown (docs/benchmarks.md holds one): the machine, the in-process
measures at each bank size, the load measures against /healthz/, and the targets of issue 14 read from
them."""

import os
import platform
import sqlite3
from datetime import datetime

import django
from django.conf import settings
from django.db import connection

from .load import Load
from .pages import Measure

SHARE_TARGET = 0.20  # each page at 20% or more of /healthz/'s requests/s, warm
COLD_RATIO_TARGET = 2.0  # the dashboard after an edit at the largest bank, against the smallest
DASHBOARD_COLD = "Dashboard /coverage/, after an edit"
# Issue 14's speed targets for the downloads and the import at 1,000 stories, in seconds.
EXCHANGE_TARGETS = {
    "Export: JSON": 1,
    "Export: CSV": 1,
    "Export: Markdown": 1,
    "Export: Anki deck": 2,
    "Export: print view": 2,
    "Import: applying the JSON backup": 3,
}


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    database = connection.vendor
    if database == "sqlite":
        database = f"SQLite {sqlite3.sqlite_version}"
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return (
        f"{os.cpu_count()} CPUs ({cpu_model()}), load average {os.getloadavg()[0]:.1f} at the start; "
        f"Python {platform.python_version()}, Django {django.get_version()}, {database}, cache {cache}"
    )


def _cell(measure: Measure | None) -> str:
    if measure is None:
        return "–"
    ms = f"{measure.ms:,.0f}" if measure.ms >= 10 else f"{measure.ms:.1f}"
    return f"{ms} ms · {measure.queries} q"


def flat(measures: list[Measure]) -> bool:
    """The same number of SQL statements at every bank size."""
    return len({m.queries for m in measures}) == 1


def in_process_table(sizes: list[int], results: dict[int, dict[str, Measure]]) -> list[str]:
    labels = list(next(iter(results.values())))
    head = "| | " + " | ".join(f"{n:,} stories" for n in sizes) + " | queries flat |"
    lines = [head, "|---" * (len(sizes) + 2) + "|"]
    for label in labels:
        row = [results[n].get(label) for n in sizes]
        lines.append(
            f"| {label} | "
            + " | ".join(_cell(m) for m in row)
            + f" | {'yes' if flat([m for m in row if m]) else 'NO'} |"
        )
    return lines


def load_table(size: int, results: dict[str, tuple[Load, Load]]) -> list[str]:
    lines = [
        f"| At {size:,} stories | requests/s | p99 | /healthz/ requests/s (same run) | share |",
        "|---|---|---|---|---|",
    ]
    for label, (page, floor) in results.items():
        share = page.requests_per_second / floor.requests_per_second if floor.requests_per_second else 0.0
        errors = f" ({page.errors} errors)" if page.errors else ""
        lines.append(
            f"| {label} | {page.requests_per_second:,.0f}{errors} | {page.p99_ms:,.0f} ms | "
            f"{floor.requests_per_second:,.0f} | {share:.0%} |"
        )
    return lines


def targets(
    sizes: list[int], results: dict[int, dict[str, Measure]], load: dict[str, tuple[Load, Load]] | None
) -> list[str]:
    """Each target of issue 14 (points 8 and 4) with "met" or "NOT met" and the figures behind it."""
    lines = []
    if load:
        for label, (page, floor) in load.items():
            share = page.requests_per_second / floor.requests_per_second if floor.requests_per_second else 0.0
            verdict = "met" if share >= SHARE_TARGET and not page.errors else "NOT met"
            lines.append(
                f"- {label} at {SHARE_TARGET:.0%} or more of /healthz/'s requests/s: {share:.0%}, {verdict}."
            )
    else:
        lines.append("- Requests/s against /healthz/: not measured (no wrk, or --no-load).")
    small, large = results[sizes[0]].get(DASHBOARD_COLD), results[sizes[-1]].get(DASHBOARD_COLD)
    if small and large:
        ratio = large.ms / small.ms
        verdict = "met" if ratio <= COLD_RATIO_TARGET else "NOT met"
        lines.append(
            f"- The dashboard after an edit at {sizes[-1]:,} stories within {COLD_RATIO_TARGET:g}x its time at "
            f"{sizes[0]:,}: {large.ms:,.0f} against {small.ms:,.0f} ms, {ratio:.1f}x, {verdict}."
        )
    labels = list(results[sizes[0]])
    uneven = [
        label for label in labels if not flat([results[n][label] for n in sizes if label in results[n]])
    ]
    lines.append(
        "- Query counts flat in bank size: "
        + ("met, on every row." if not uneven else "NOT met for " + "; ".join(uneven) + ".")
    )
    largest = results[sizes[-1]]
    for label, seconds in EXCHANGE_TARGETS.items():
        if label in largest:
            ms = largest[label].ms
            verdict = "met" if ms < seconds * 1000 else "NOT met"
            lines.append(
                f"- {label} at {sizes[-1]:,} stories under {seconds} s (point 4): {ms / 1000:.2f} s, {verdict}."
            )
    return lines


def report(sizes, results, load_size, load, seconds, workers, runs) -> str:
    """The whole table as Markdown."""
    lines = [
        f"Story Bank benchmark, {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"Machine: {machine()}.",
        "",
        f"In process (Django's test client, DEBUG {'on' if settings.DEBUG else 'off'}): median server time "
        f"over {runs} requests (3 for those over a second, 1 over five) and SQL statements per request.",
        "",
    ]
    lines += in_process_table(sizes, results)
    lines.append("")
    if load:
        lines += [
            f"Under load: gunicorn, {workers} sync workers, wrk for {seconds} s per URL on 127.0.0.1 "
            f"(4 connections, 2 threads), in three slices alternating with /healthz/'s; the rate is the "
            f"slices' mean, p99 the worst slice's.",
            "",
        ]
        lines += load_table(load_size, load)
        lines.append("")
    lines += ["Targets:", ""] + targets(sizes, results, load)
    return "\n".join(lines) + "\n"
