"""The member's own words in an e-mail (forum/mail_in/text.py)."""

import pytest

from forum.mail_in.text import reply_text

OWN = "Thanks, this worked for our circle!\n\nWe tried it on Tuesday:\n\n    code stays indented\n- a list\n  - nested"


@pytest.mark.parametrize(
    "tail",
    [
        "On Tue, 1 Dec 2026 at 10:00, Circle Commons <reply+abc@circlecommons.example> wrote:\n> Sam replied\n> more",
        "On Tue, 1 Dec 2026 at 10:00, Circle Commons <reply+abc@circlecommons.example>\nwrote:\n\n> Sam replied",
        "El mar, 1 dic 2026 a las 10:00, Circle Commons (<x@circlecommons.example>) escribió:\n> hola",
        "Le mar. 1 déc. 2026 à 10:00, Circle Commons <x@circlecommons.example> a écrit :\n> salut",
        "Am Di., 1. Dez. 2026 um 10:00 Uhr schrieb Circle Commons <x@circlecommons.example>:\n> hallo",
        "-----Original Message-----\nFrom: Circle Commons\nSent: Tuesday\n\nSam replied",
        "________________________________\nDe : Circle Commons\nEnvoyé : mardi\nÀ : Lucia",
        "From: Circle Commons <x@circlecommons.example>\nSent: Tuesday, December 1, 2026 10:00\nTo: Lucia",
        "-- \nLucia\nLibrarian, Springfield",
        "--\nLucia",
        "Sent from my iPhone",
        "Enviado desde mi teléfono",
        "> Sam replied in “Icebreakers”\n> something",
        "Circle Commons <x@circlecommons.example> a dit:\n> something",
    ],
)
def test_quoted_message_and_signature_are_cut(tail):
    assert reply_text(f"{OWN}\n\n{tail}\n") == OWN


def test_interleaved_quotes_stay_and_windows_line_ends_are_fine():
    text = "> How long is your check-in?\r\nTen minutes at most.\r\n\r\n> And the closing?\r\nFive.\r\n"
    assert (
        reply_text(text) == "> How long is your check-in?\nTen minutes at most.\n\n> And the closing?\nFive."
    )


def test_a_sentence_that_mentions_writing_is_not_an_attribution():
    text = "On reflection I wrote the plan again: shorter.\nIt works better."
    assert reply_text(text) == text


def test_sign_offs_are_the_members_own_words():
    assert reply_text("Great idea, we will try it.\nBest regards,\nLucia") == (
        "Great idea, we will try it.\nBest regards,\nLucia"
    )


def test_nothing_but_a_quote_leaves_nothing():
    assert reply_text("On Tue, Sam wrote:\n> hello\n") == ""
