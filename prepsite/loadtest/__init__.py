"""`make loadtest`: logged-in clients against a real gunicorn on a loopback port, for a bounded time.

bank.py seeds and checks the database (ORM), server.py starts and stops gunicorn, driver.py runs the
clients (threads, each with its own httpx session), report.py sums up and judges the targets. The
command `manage.py loadtest` ties them together.
"""
