"""Concurrency tests on PostgreSQL: writes released together, each thread on
its own database connection (SQLite serialises writers, so they skip there)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

# Committed data, so that the threads' own connections see it (tests/conftest.py
# puts the migrations' data back after each such test's flush).
POSTGRES_ONLY = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency needs PostgreSQL (SQLite serialises writers)",
    ),
    pytest.mark.django_db(transaction=True),
]


def at_once(work, count):
    """Run work(number) in `count` threads released together; returns
    (successes, refusal codes, unexpected errors)."""
    barrier = threading.Barrier(count)
    done, refused, errors = [], [], []

    def run(number):
        try:
            barrier.wait(timeout=30)
            done.append(work(number))
        except ValidationError as error:
            refused.extend(problem.code for problem in error.error_list)
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    return done, refused, errors
