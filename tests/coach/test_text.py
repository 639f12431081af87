"""Reading text for the coach (stories/coach/text.py)."""


def test_first_figure_never_cuts_a_figure_in_a_long_sentence():
    from stories.coach.text import FIGURE_CHARS, first_figure

    long = ("Across every device family we shipped to over the whole quarter, with the partner teams and the "
            "on-call rotation watching, launch-night playback failures dropped 38% against the last launch.")
    quote = first_figure(long)
    assert "dropped 38%" in quote and len(quote) <= FIGURE_CHARS
    assert quote.startswith("…") and quote.endswith("…")
    assert first_figure("Cut latency 40%. Then more.") == "Cut latency 40%."
    assert first_figure("No figure here.") == ""
