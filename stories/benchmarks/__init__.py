"""`make bench` (stories/management/commands/bench.py): pages timed in process at three bank sizes
(pages.py), then under gunicorn and wrk against /healthz/ (load.py), printed as one table (report.py)."""
