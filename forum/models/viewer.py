"""The signed-in member's own rows (a watch, a read marker, a like) as
scalar subqueries of a page's query, in raw SQL.

A page a member reads often (a thread) asks several such questions of one
row or of each row. As ORM subqueries (Exists, Subquery over a filtered
queryset) each costs more to build and compile than the database takes to
answer it; as RawSQL it costs nearly nothing, and Django still converts each
value by its field (dates on SQLite). Table and column names come from the
models' _meta, the member's id is a parameter.
"""

from django.db import connection, models
from django.db.models.expressions import RawSQL


def viewer_value(model, field_name, user, *, of=None):
    """`field_name` of the member's row of `model`, or whether the row exists
    for None. `of` = (outer table, the field of `model` that points to its
    row), for a row per outer row (the member's read marker of each thread);
    without it, the member's one row (their standing)."""
    quote = connection.ops.quote_name
    meta = model._meta
    where = f"{quote(meta.get_field('user').column)} = %s"
    if of is not None:
        outer_table, link = of
        target = meta.get_field(link)
        outer = f"{quote(outer_table)}.{quote(target.target_field.column)}"
        where += f" AND {quote(target.column)} = {outer}"
    if field_name is None:
        sql = f"EXISTS(SELECT 1 FROM {quote(meta.db_table)} WHERE {where})"  # noqa: S608 (names from _meta)
        return RawSQL(sql, (user.pk,), output_field=models.BooleanField())  # noqa: S611 (the id a parameter)
    field = meta.get_field(field_name)
    output = field.target_field.__class__() if field.is_relation else field.__class__()
    sql = f"(SELECT {quote(field.column)} FROM {quote(meta.db_table)} WHERE {where} LIMIT 1)"  # noqa: S608
    return RawSQL(sql, (user.pk,), output_field=output)  # noqa: S611 (names from _meta, the id a parameter)
