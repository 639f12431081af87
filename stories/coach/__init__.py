"""The story coach: holds each story against the guide and says what an interviewer would probe.

checks.py (one function per rule), phrases.py (the words the rules look for),
probes.py (follow-up questions), review.py (findings, score and grade in one place),
editor.py (the coach while typing, and the Ready confirmation), views.py (the editor's
JSON endpoint), strength.py (the bank's strength for the dashboard).
"""
