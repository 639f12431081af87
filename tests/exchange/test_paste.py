"""The "paste a whole story" box: paste.py splits, the JSON endpoint serves it. Shared vectors with the editor."""

import json

import pytest

from stories.exchange.paste import split_story
from tests.exchange.field_cases import field_case_bytes

URL = "/import/split-story/"


def test_the_pasted_star_field_case_fills_the_five_parts():
    result = split_story(field_case_bytes("13-paste-whole-star-story.txt").decode())
    parts = result["parts"]
    assert parts["challenge"] == ("Partner reports arrived a day late because a nightly batch job kept failing.\n\n"
                                  "Make the reports arrive within the hour without a rewrite freeze.")
    assert parts["decision"] == "Split the job into a small stream consumer"
    assert parts["execution"] == "ran both side by side for two weeks."
    assert parts["communication"] == ""
    assert parts["impact"] == "Reports arrived in under 40 minutes; pages for the job dropped to zero."
    assert [label for label, _ in result["found"]] == ["S (Situation)", "T (Task)", "A (Action)", "R (Result)"]
    assert not result["error"]


@pytest.mark.parametrize("text, expected", [
    ("Context: Costs grew.\nAction: I chose spot. I built a scheduler.\nResult: Halved.\nLearning: Ask earlier.",
     {"challenge": "Costs grew.", "decision": "I chose spot.", "execution": "I built a scheduler.",
      "impact": "Halved."}),
    ("**Challenge:** A.\n**Autonomous Decision:** B.\n**High Performance Execution:** C.\n"
     "**Direct Communication:** D.\n**Member Impact:** E.",
     {"challenge": "A.", "decision": "B.", "execution": "C.", "communication": "D.", "impact": "E."}),
    ("### Situation\nLate reports.\n\n### Action\nStreamed them.\n\n### Result\nOn time.",
     {"challenge": "Late reports.", "execution": "Streamed them.", "impact": "On time."}),
    ("S: x\nA:\n- one\n- two\nR: y", {"challenge": "x", "execution": "- one\n- two", "impact": "y"}),
])
def test_carl_the_guides_names_and_sub_headings_are_split(text, expected):
    parts = split_story(text)["parts"]
    assert {name: value for name, value in parts.items() if value} == expected


def test_a_learning_is_kept_as_a_note_and_the_action_may_go_to_one_part():
    result = split_story("C: a\nA: b. c.\nR: d\nL: e", action="decision")
    assert result["notes"] == "Learning: e"
    assert (result["parts"]["decision"], result["parts"]["execution"]) == ("b. c.", "")


def test_text_without_labels_says_how_to_label_it():
    assert "No labels found" in split_story("Just a paragraph about my week.")["error"]


def test_the_endpoint_splits_for_the_owner(owner_client):
    response = owner_client.post(URL, json.dumps({"text": "S: a\nR: b", "action": "split"}),
                                 content_type="application/json")
    assert response.status_code == 200
    assert response.json()["parts"]["impact"] == "b"


@pytest.mark.parametrize("body", [b"not json", b"[]", json.dumps({"text": 3}).encode(),
                                  json.dumps({"text": "a", "action": "x"}).encode(),
                                  json.dumps({"text": "S: a", "action": ["x"]}).encode(),
                                  json.dumps({"text": "S: a", "action": {"a": 1}}).encode(),
                                  json.dumps({"text": "a\x00"}).encode(), b'{"text": "\\ud800"}',
                                  json.dumps({"text": "x" * 50_001}).encode()])
def test_bad_input_is_a_400_with_a_message(owner_client, body):
    response = owner_client.post(URL, body, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]


def test_anonymous_visitors_cannot_use_it(client):
    assert client.post(URL, "{}", content_type="application/json").status_code == 302
    assert client.get(URL).status_code == 302

