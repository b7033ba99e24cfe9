"""Which answers a browser's cache or a proxy may keep: almost none.

Every page a signed-in person sees names them at least, and most name others: payees,
attendees, contacts, quotes. A copy in the cache of a shared laptop in a village hall, or
of a proxy, outlives signing out, a withdrawn consent and an erasure. So every response is
`Cache-Control: no-store`, including downloads and the pages whose address is their
credential (owner links, calendar feeds, shared cascades and public case studies, which
can be withdrawn, and change when someone in them withdraws consent), unless its view is
`public_page` and the visitor is signed out. Static files never get here: WhiteNoise
answers them first, with their own long caching.
"""

from django.utils.cache import add_never_cache_headers


def public_page(view):
    """Marks a view whose page is the same for every signed-out visitor and names nobody,
    so caches may keep it: the public programme, library and the site's own notices."""
    view.public_page = True
    return view


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not self._may_be_kept(request, response):
            add_never_cache_headers(response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.public_page = getattr(view_func, "public_page", False)

    @staticmethod
    def _may_be_kept(request, response) -> bool:
        return (
            getattr(request, "public_page", False)
            and response.status_code == 200
            and not request.user.is_authenticated
        )
