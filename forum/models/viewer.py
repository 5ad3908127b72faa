"""The signed-in member's own rows (a watch, a read marker, a like) as
scalar subqueries of a page's query, in raw SQL, and read on their own.

A page a member reads often (a thread) asks several such questions of one
row or of each row. As ORM subqueries (Exists, Subquery over a filtered
queryset) each costs more to build and compile than the database takes to
answer it; as RawSQL it costs nearly nothing, and Django still converts each
value by its field (dates on SQLite). For one object (the thread a page
shows), `read_values` asks them all in one statement without the ORM, and
`viewer_ids` which of a page's objects the member has a row for. Table and
column names come from the models' _meta, every value is a parameter.
"""

from dataclasses import dataclass

from django.db import connection, models
from django.db.models.expressions import RawSQL


@dataclass(frozen=True)
class Mine:
    """The member's rows of `model` for viewer_ids: `member` is the field
    that says whose a row is, and only rows with the `unset` fields empty
    count (an unread notification: Mine(Notification, "recipient",
    ("read_at",)))."""

    model: type
    member: str = "user"
    unset: tuple = ()


def _quote(name):
    return connection.ops.quote_name(name)


def _where(meta, user, *, member="user", of=None, row=None, unset=()):
    """The condition picking the member's rows of `meta`'s model, and its
    parameters: `member` is the field that says whose a row is; `of` =
    (outer table, link field) ties each to the outer query's row; `row` =
    (link field, pk) to one object; `unset` names fields that must be empty
    (a notification not read yet)."""
    conditions, params = [f"{_quote(meta.get_field(member).column)} = %s"], [user.pk]
    if of is not None:
        outer_table, link = of
        target = meta.get_field(link)
        conditions.append(
            f"{_quote(target.column)} = {_quote(outer_table)}.{_quote(target.target_field.column)}"
        )
    if row is not None:
        link, pk = row
        conditions.append(f"{_quote(meta.get_field(link).column)} = %s")
        params.append(pk)
    conditions += [f"{_quote(meta.get_field(name).column)} IS NULL" for name in unset]
    return " AND ".join(conditions), params


def viewer_value(model, field_name, user, *, of=None, row=None):
    """`field_name` of the member's row of `model`, or whether the row exists
    for None. `of` = (outer table, the field of `model` that points to its
    row), for a row per outer row (the member's read marker of each thread);
    `row` = (that field, a pk) for one given object (for read_values);
    with neither, the member's one row (their standing)."""
    meta = model._meta
    where, params = _where(meta, user, of=of, row=row)
    if field_name is None:
        sql = f"EXISTS(SELECT 1 FROM {_quote(meta.db_table)} WHERE {where})"  # noqa: S608 (names from _meta)
        return RawSQL(sql, params, output_field=models.BooleanField())  # noqa: S611 (values are parameters)
    field = meta.get_field(field_name)
    output = field.target_field.__class__() if field.is_relation else field.__class__()
    sql = f"(SELECT {_quote(field.column)} FROM {_quote(meta.db_table)} WHERE {where} LIMIT 1)"  # noqa: S608
    return RawSQL(sql, params, output_field=output)  # noqa: S611 (names from _meta, values are parameters)


def viewer_count(rows, user):
    """How many of the member's rows (a Mine) there are."""
    meta = rows.model._meta
    where, params = _where(meta, user, member=rows.member, unset=rows.unset)
    sql = f"(SELECT COUNT(*) FROM {_quote(meta.db_table)} WHERE {where})"  # noqa: S608 (names from _meta)
    return RawSQL(sql, params, output_field=models.IntegerField())  # noqa: S611 (values are parameters)


def read_values(**expressions):
    """{name: value} of scalar RawSQL expressions (viewer_value with `row`,
    viewer_count), read in one SELECT with no table of its own and each
    converted as the ORM converts a value of its field."""
    names = list(expressions)
    sql = "SELECT " + ", ".join(f"{expressions[name].sql} AS {_quote(name)}" for name in names)
    params = [param for name in names for param in expressions[name].params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        values = cursor.fetchone()
    return {name: _converted(value, expressions[name]) for name, value in zip(names, values, strict=True)}


def _converted(value, expression):
    converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
    for converter in converters:
        value = converter(value, expression, connection)
    return value


def viewer_ids(user, link, pks, **rows_by_name):
    """{name: the pks (of `pks`) the member has a row for}: each value a
    model (the member's rows are its `user`'s) or Mine.
    viewer_ids(user, "post", [1, 2], liked=Like) gives {"liked": {2}} when
    the member liked post 2. One statement for them all."""
    found = {name: set() for name in rows_by_name}
    pks = list(pks)
    if not pks or not rows_by_name:
        return found
    parts, params = [], []
    marks = ", ".join(["%s"] * len(pks))
    for number, rows in enumerate(rows_by_name.values()):
        rows = rows if isinstance(rows, Mine) else Mine(rows)
        meta = rows.model._meta
        column = _quote(meta.get_field(link).column)
        where, where_params = _where(meta, user, member=rows.member, unset=rows.unset)
        table = _quote(meta.db_table)
        parts.append(f"SELECT {number}, {column} FROM {table} WHERE {where} AND {column} IN ({marks})")  # noqa: S608
        params += [*where_params, *pks]
    names = list(rows_by_name)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for number, pk in cursor.fetchall():
            found[names[number]].add(pk)
    return found
