"""/healthz/: 200 "ok" with one cheap database check, for anyone; 503 when the database is down."""

from django.db import DatabaseError
from django.test import Client


def test_healthz_answers_ok_with_one_query_and_no_login(db, django_assert_num_queries):
    with django_assert_num_queries(1) as queries:
        response = Client().get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert queries.captured_queries[0]["sql"] == "SELECT 1"
    assert "sessionid" not in response.cookies


def test_healthz_says_503_when_the_database_does_not_answer(db, monkeypatch):
    from prepsite import health

    class Down:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "connection", Down())
    response = Client().get("/healthz/")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_healthz_is_served_over_plain_http_even_when_https_is_required(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/healthz/").status_code == 200
    assert Client().get("/guide/").status_code == 301
