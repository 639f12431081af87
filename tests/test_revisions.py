from stories.revisions import story_diff, word_diff


def test_word_diff_marks_changed_words():
    assert word_diff("cut latency by 40%", "cut latency by 55%") == (
        ("equal", "cut latency by "), ("delete", "40%"), ("insert", "55%"),
    )


def test_word_diff_of_empty_texts():
    assert word_diff("", "") == ()
    assert word_diff("", "new") == (("insert", "new"),)
    assert word_diff("old", None) == (("delete", "old"),)


def test_story_diff_reports_which_fields_changed():
    diffs = story_diff({"title": "A", "challenge": "x y"}, {"title": "A", "challenge": "x z"},
                       [("title", "Title"), ("challenge", "Challenge")])
    assert [(d.label, d.changed) for d in diffs] == [("Title", False), ("Challenge", True)]
