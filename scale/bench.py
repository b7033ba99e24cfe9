"""What the benchmark server adds when BENCH_MODE is on, and only then.

`QueryCountMiddleware` counts the SQL statements behind each response (session, user and
page together) into an ``X-Query-Count`` header. `baseline` is the smallest signed-in page
there can be: the same middleware, session and authentication as every real page, and
nothing else, so each page's throughput can be read as a share of it. `floor` is less
again: the same middleware, asked without a session cookie, in front of a view that reads
no session, user or database, so what it serves is what the stack itself allows.
"""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response


@login_required
@require_safe
def baseline(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"Signed in as {request.user.email}", content_type="text/plain")


@require_safe
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("The floor: middleware and nothing else.", content_type="text/plain")
