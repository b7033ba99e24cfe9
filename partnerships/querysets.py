"""Query shapes that stay fast on large tables."""


def any_of(*id_queries):
    """One subquery of the ids any of `id_queries` (each a one-column `values()`) finds.

    Filter with `pk__in=any_of(...)`, not `Q(pk__in=a) | Q(pk__in=b)`: PostgreSQL reads an
    OR of IN-subqueries by testing every row of the table (over 100 ms with 125,000
    people), while `id IN (a UNION b)` looks up only the ids found.
    """
    first, *rest = (query.order_by() for query in id_queries)
    return first.union(*rest)
