"""The site search: one index of everything a visitor can find (guides,
activities, other pages, forum threads with their posts), one query over it.

Each app says what it adds, from its AppConfig.ready:

- ``register_pages(model, kind, label, order, extra_text)``: pages of this type
  are results of `kind` (guides, activities); `extra_text(page)` adds words the
  page does not contain but is found by (its facet values and tags in every
  language: "dinamizador" finds energizers on the English site too).
- ``register_documents(kind, label, order, documents)``: things that are not
  pages (forum threads); `documents()` gives every Document to index, and the
  app calls ``index`` / ``unindex`` when one changes.

Every entry is in one language and is stemmed in it (Snowball stemmers:
"energizers" finds "energizer", "reflexiones" finds "reflexión"). On
PostgreSQL the query is full-text search over a tsvector column built with
that language's configuration (english, spanish, french) under a GIN index;
on SQLite it matches the stored stems.
"""

import html
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.db import connection
from django.db.models import BooleanField, Count, FloatField, Func, Q, Value
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_tasks import task

PAGES = "pages"  # the kind of a page no app claimed
MAX_RESULTS = 1000
SNIPPET_LENGTH = 220
STEMMERS = {"en": "english", "es": "spanish", "fr": "french"}
# PostgreSQL text search configurations, by language (core/migrations/0003).
PG_CONFIGS = {"en": "english", "es": "spanish", "fr": "french"}
_WORD = re.compile(r"\w+(?:[-’']\w+)*", re.UNICODE)


@dataclass(frozen=True)
class Kind:
    key: str  # the ?type= value
    label: object
    order: int = 50


@dataclass
class Document:
    """One searchable thing in one language."""

    key: str  # unique in the index: "page:12", "forum.thread:7"
    kind: str
    language: str
    title: str
    body: str
    url: str  # for a thread: language-neutral, shown under the reader's prefix
    date: object = None
    extra: str = ""  # found by, never shown


@dataclass
class Result:
    kind: Kind
    title: str
    url: str
    language: str
    snippet: str
    label: str = ""  # what it is: "Guide", "Forum thread · Facilitation"
    score: float = 0.0
    date: object = None


_KINDS = {PAGES: Kind(PAGES, _("Pages"), 90)}
_PAGE_TYPES = {}  # page model -> (kind, extra_text)
_DOCUMENTS = {}  # kind -> callable giving Documents
_OBJECTS = {}  # model -> callable giving an object's Document


def _add_kind(kind, label, order):
    _KINDS[kind] = Kind(kind, label, order)


def register_pages(model, kind, label, order=50, extra_text=None):
    _add_kind(kind, label, order)
    _PAGE_TYPES[model] = (kind, extra_text)


def register_documents(kind, label, order, documents, model=None, document=None):
    """`documents()`: every Document of this kind; `document(obj)`: the one
    Document of an object of `model` (None when it is no longer to be found),
    which ``index_object`` keeps up to date."""
    _add_kind(kind, label, order)
    _DOCUMENTS[kind] = documents
    if model is not None:
        _OBJECTS[model] = document


def index_object(obj):
    """Bring the entry of a registered object (a forum thread) up to date:
    its app calls this whenever the object changes."""
    document = _OBJECTS[type(obj)](obj)
    if document is None:
        unindex(object_key(obj))
    else:
        index(document)


def index_later(obj):
    """Bring a registered object's entry up to date off the request: the
    task worker runs index_object; enqueuing it is one query."""
    _index_object_task.enqueue(obj._meta.label_lower, str(obj.pk))


@task()
def _index_object_task(label, pk):
    from django.apps import apps

    model = apps.get_model(label)
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        unindex(f"{label}:{pk}")
        return
    index_object(obj)


def object_key(obj):
    return f"{obj._meta.label_lower}:{obj.pk}"


def kinds():
    return sorted(_KINDS.values(), key=lambda kind: kind.order)


def kind(key):
    return _KINDS.get(key)


# Words ----------------------------------------------------------------------


_stemmers = threading.local()


def _stemmer(language):
    """One stemmer per language and thread: a Snowball stemmer keeps the word
    it is working on in itself, so two threads sharing one (replies written at
    once, a threaded server) corrupt each other's words (IndexError)."""
    name = STEMMERS.get(language, "english")
    per_thread = _stemmers.__dict__
    if name not in per_thread:
        per_thread[name] = snowballstemmer.stemmer(name)
    return per_thread[name]


def _plain(word):
    return "".join(char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char))


def words(text):
    return [word.lower() for word in _WORD.findall(text or "")]


@lru_cache(maxsize=100_000)
def _word_stems(word, language):
    """One lowercase word's stems (a hyphenated word: the whole and each part)."""
    stemmer = _stemmer(language)
    parts = [word, *word.split("-")] if "-" in word else [word]
    return tuple(_plain(stemmer.stemWord(part)) for part in parts)


def stems(text, language):
    """The words of `text` as the index stores them in `language`: lowercase,
    stemmed, without accents ("Reflexiones" -> "reflexion")."""
    return [stem for word in words(text) for stem in _word_stems(word, language)]


def _stem_column(document):
    return (
        " "
        + " ".join(
            dict.fromkeys(stems(f"{document.title} {document.body} {document.extra}", document.language))
        )
        + " "
    )


# Indexing -------------------------------------------------------------------


def _model():
    from .models import SearchEntry

    return SearchEntry


def index(document):
    """Add or replace one document."""
    SearchEntry = _model()
    entry, _created = SearchEntry.objects.update_or_create(
        key=document.key,
        defaults={
            "kind": document.kind,
            "language": document.language,
            "title": document.title[:500],
            "body": document.body,
            "extra": document.extra,
            "url": document.url[:500],
            "date": document.date,
            "stems": _stem_column(document),
        },
    )
    _index_changed()
    return entry


def unindex(key):
    _model().objects.filter(key=key).delete()
    _index_changed()


def _index_changed():
    """Search results kept for a query (the search page's shared fragment)
    are stale once an entry changes: often after the content change itself,
    when the worker gets to it (index_later)."""
    from .cache import SEARCH, bump

    bump(SEARCH)


def page_key(page_id):
    return f"page:{page_id}"


def _flatten(value):
    if isinstance(value, (list, tuple)):
        return " ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_flatten(item) for item in value.values())
    return str(value) if value else ""


def _searchable_text(page):
    """The page's searchable fields as plain text (its Wagtail search_fields;
    a StreamField gives its blocks' searchable content)."""
    from wagtail.search.index import SearchField

    texts = [
        _flatten(search_field.get_value(page))
        for search_field in page.get_search_fields()
        if isinstance(search_field, SearchField) and search_field.field_name != "title"
    ]
    return html.unescape(strip_tags(" ".join(texts)))


def page_document(page):
    """The Document of a live, public page, or None."""
    page = page.specific
    kind_key, extra_text = PAGES, None
    for model in type(page).__mro__:
        if model in _PAGE_TYPES:
            kind_key, extra_text = _PAGE_TYPES[model]
            break
    if page.depth <= 1:
        return None
    url = page.get_url(None)
    if url is None:
        return None
    return Document(
        key=page_key(page.pk),
        kind=kind_key,
        language=page.locale.language_code,
        title=page.title,
        body=" ".join((page.search_description or "", _searchable_text(page))),
        url=url,
        date=page.last_published_at,
        extra=extra_text(page) if extra_text else "",
    )


def index_page(page):
    from wagtail.models import PageViewRestriction

    restricted = PageViewRestriction.objects.filter(
        page__path__in=page.get_ancestors(inclusive=True).values("path")
    )
    document = page_document(page) if page.live and not restricted.exists() else None
    if document is None:
        unindex(page_key(page.pk))
    else:
        index(document)


def rebuild():
    """Index everything again (manage.py rebuild_site_search; seed_demo)."""
    from wagtail.models import Page

    SearchEntry = _model()
    SearchEntry.objects.all().delete()
    for page in Page.objects.live().public().filter(depth__gt=1).specific().select_related("locale"):
        document = page_document(page)
        if document is not None:
            index(document)
    for documents in _DOCUMENTS.values():
        for document in documents():
            index(document)
    return SearchEntry.objects.count()


def _page_saved(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and not kwargs.get("raw"):
        index_page(instance)


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        unindex(page_key(instance.pk))


def connect():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    post_save.connect(_page_saved, dispatch_uid="core-search-page-saved")
    post_delete.connect(_page_deleted, dispatch_uid="core-search-page-deleted")
    page_published.connect(
        lambda sender, instance, **kw: index_page(instance), weak=False, dispatch_uid="core-search-published"
    )
    page_unpublished.connect(
        lambda sender, instance, **kw: index_page(instance),
        weak=False,
        dispatch_uid="core-search-unpublished",
    )


# Searching ------------------------------------------------------------------


@dataclass
class Found:
    """What one search found: the results of the chosen type (ranked, read a
    page at a time: `results` is a sequence that a Paginator slices), and how
    many of each type there are."""

    query: str
    results: object = ()
    counts: dict = field(default_factory=dict)  # kind key -> count, every kind
    total: int = 0  # every type

    def count(self):
        return len(self.results)


class _Matches(Func):
    """search_vector @@ plainto_tsquery(config, query), on PostgreSQL; the
    configuration is one of PG_CONFIGS, never what a visitor typed."""

    template = "search_vector @@ plainto_tsquery('%(config)s'::regconfig, %(expressions)s)"
    output_field = BooleanField()

    def __init__(self, query, config):
        if config not in PG_CONFIGS.values():
            raise ValueError(config)
        super().__init__(query, config=config)


class _Rank(Func):
    """ts_rank of the entry's vector against the query in the entry's own
    language's configuration (PostgreSQL), normalised by the document's
    length so that a long thread does not outrank a page for being long."""

    output_field = FloatField()

    def __init__(self, query):
        super().__init__(Value(query))

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        cases = " ".join(
            f"WHEN '{code}' THEN ts_rank(search_vector, plainto_tsquery('{config}'::regconfig, {sql}), 1)"
            for code, config in PG_CONFIGS.items()
        )
        return f"(CASE language {cases} END)", [*params] * len(PG_CONFIGS)


def _query_stems(query):
    return {language: list(dict.fromkeys(stems(query, language))) for language in STEMMERS}


def _matches(query):
    """The condition of an entry that matches every word of `query` in the
    entry's own language."""
    if connection.vendor == "postgresql":
        condition = Q()
        for code, config in PG_CONFIGS.items():
            condition |= Q(language=code) & Q(_Matches(Value(query), config=config))
        return condition
    condition = Q()
    for code, query_stems in _query_stems(query).items():
        if not query_stems:
            return None
        in_language = Q(language=code)
        for stem in query_stems:
            in_language &= Q(stems__contains=f" {stem}")
        condition |= in_language
    return condition


def _matching(query, language):
    """Entries for a reader of `language` that match every word of `query`:
    pages in that language, forum documents in any (each in its own language)."""
    page_kinds = {PAGES, *(kind_key for kind_key, _extra in _PAGE_TYPES.values())}
    entries = _model().objects.filter(Q(language=language) | ~Q(kind__in=page_kinds))
    condition = _matches(query)
    return entries.none() if condition is None else entries.filter(condition)


def _result(entry):
    return Result(
        kind=kind(entry.kind),
        title=entry.title,
        url=entry.url,
        language=entry.language,
        snippet=entry.body,
        score=getattr(entry, "rank", 0.0) or 0.0,
        date=entry.date,
    )


class Ranked:
    """The matches of one search, best first, as a sequence: its length
    comes from the counts already taken, and each slice (a page) is one
    query. Only the MAX_RESULTS newest matches are ranked and listed.

    PostgreSQL ranks in the database (ts_rank over the GIN-found matches);
    SQLite ranks the candidates' titles in Python (3 per query word in the
    title) and reads the page's rows by id."""

    def __init__(self, entries, query, count):
        self.entries, self.query = entries, query
        self._count = min(count, MAX_RESULTS)
        self._order = None  # SQLite: the ranked ids

    def __len__(self):
        return self._count

    def count(self):
        return self._count

    def _candidates(self):
        return self.entries.order_by("-date", "-pk")[:MAX_RESULTS]

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return [_result(entry) for entry in self.entries_between(*index.indices(self._count)[:2])]

    def entries_between(self, start, stop):
        """The SearchEntry rows ranked `start` to `stop`, best first: one query."""
        if stop <= start:
            return []
        if connection.vendor == "postgresql":
            return list(
                _model()
                .objects.filter(pk__in=self._candidates().values("pk"))
                .annotate(rank=_Rank(self.query))
                .order_by("-rank", "-date", "-pk")[start:stop]
            )
        ids = self._ranked_ids()[start:stop]
        by_id = _model().objects.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    def _ranked_ids(self):
        if self._order is None:
            wanted = {language: set(found) for language, found in _query_stems(self.query).items()}
            scored = [
                (-3 * len(wanted.get(language, set()) & set(stems(title, language))), position, pk)
                for position, (pk, title, language) in enumerate(
                    self._candidates().values_list("pk", "title", "language")
                )
            ]
            self._order = [pk for _score, _position, pk in sorted(scored)]
        return self._order


def search(query, language, kind_key=None):
    """Two queries whatever the data's size: the count of each type (the
    GIN index finds the matches), then the page asked for (Ranked)."""
    query = " ".join(words(query))[:200]
    found = Found(query=query)
    if not query:
        return found
    entries = _matching(query, language)
    found.counts = {key: 0 for key in _KINDS}
    for row in entries.order_by().values("kind").annotate(n=Count("pk")):
        found.counts[row["kind"]] = row["n"]
    found.total = sum(found.counts.values())
    count = found.total
    if kind_key in found.counts:
        entries = entries.filter(kind=kind_key)
        count = found.counts[kind_key]
    found.results = Ranked(entries, query, count)
    return found


def page_ids(query, kind_key, languages, limit=MAX_RESULTS):
    """The ids of the pages of `kind_key` in `languages` that match every
    word of `query`, best first (at most `limit`): the activity library's
    search box, the same index and ranking as the site search: one ranked
    query on PostgreSQL, two on SQLite (`languages` may be a queryset: it
    becomes a subquery). No count is taken: `limit` bounds the ranking."""
    query = " ".join(words(query))[:200]
    condition = _matches(query) if query else None
    if condition is None:
        return []
    entries = _model().objects.filter(kind=kind_key, language__in=languages).filter(condition)
    ranked = Ranked(entries, query, limit)
    prefix = page_key("")
    return [int(entry.key.removeprefix(prefix)) for entry in ranked.entries_between(0, len(ranked))]


def highlight(text, query, language, length=None):
    """`text` escaped, with the words that match `query` (stem for stem) in
    <mark>; with `length`, cut to about that many characters around the first match."""
    text = " ".join((text or "").split())
    wanted = set(stems(query, language))

    def matches_in(start, end):
        for match in _WORD.finditer(text, start, end):
            if wanted.intersection(_word_stems(match.group(0).lower(), language)):
                yield match

    if length and len(text) > length:
        first = next(matches_in(0, len(text)), None)
        start = max(0, first.start() - length // 3) if first else 0
        end = min(len(text), start + length)
        prefix, suffix = ("… " if start else ""), (" …" if end < len(text) else "")
        # Only whole words inside the window are marked (scanned a little
        # beyond it, so that a word cut by its edges is seen whole).
        nearby = matches_in(max(0, start - 60), min(len(text), end + 60)) if first else ()
        matches = [match for match in nearby if match.start() >= start and match.end() <= end]
    else:
        start, end, prefix, suffix = 0, len(text), "", ""
        matches = list(matches_in(0, len(text)))
    out, position = [prefix], start
    for match in matches:
        out.append(html.escape(text[position : match.start()]))
        out.append(f"<mark>{html.escape(match.group(0))}</mark>")
        position = match.end()
    out.append(html.escape(text[position:end]))
    out.append(suffix)
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above
