"""Factories for the suite (factory-boy, wagtail-factories).

Tests build what they need instead of reading the demo content: users and
the page skeleton (locales, a home page per language) here, each app's own
objects in the module named after it (tests/factories/<app>.py).
"""
