"""`/healthz/`: the load balancer's question "can this server answer?", and the benchmarks' floor.

It answers 200 "ok" after one cheap database round trip (`SELECT 1`), 503 when the database does not
answer. No login, no session, no template, no cache: the least a request through the whole middleware
stack can cost, which `manage.py bench` compares every page with.
"""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
