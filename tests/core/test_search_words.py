"""The search index's words (core/search.py) come out the same whichever
thread asks: replies written at once and a threaded server stem in parallel."""

import threading

from core import search

WORDS = " ".join(
    ["reflexiones", "dinamizadores", "facilitating", "énergisants", "learners", "celebrations"] * 200
)


def test_stems_are_the_same_in_parallel_threads():
    expected = {language: search.stems(WORDS, language) for language in ("en", "es", "fr")}
    barrier = threading.Barrier(6)
    results, errors = [], []

    def stem(language):
        try:
            barrier.wait(timeout=10)
            for _ in range(20):
                results.append((language, search.stems(WORDS, language)))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))

    workers = [threading.Thread(target=stem, args=(language,)) for language in ("en", "es", "fr") * 2]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert errors == []
    assert len(results) == 120
    assert all(found == expected[language] for language, found in results)


def test_stems_reduce_words_to_their_index_form():
    assert search.stems("Reflexiones", "es") == ["reflexion"]
    assert search.stems("celebrations", "en") == ["celebr"]
