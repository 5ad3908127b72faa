"""System checks: settings.FORUM_LIMITS and settings.FORUM_TRUST hold
overrides of forum/limits.py's and forum/trust.py's defaults, so a key that
is not one of them is a typo that would be ignored."""

from django.conf import settings
from django.core import checks

from . import trust
from .limits import DEFAULTS


def check_limits(app_configs=None, **kwargs):
    overrides = getattr(settings, "FORUM_LIMITS", {})
    unknown = sorted(set(overrides) - set(DEFAULTS))
    return [
        checks.Error(
            f"settings.FORUM_LIMITS names a limit that does not exist: {name}.",
            hint=f"The limits are: {', '.join(DEFAULTS)} (forum/limits.py).",
            id="forum.E001",
        )
        for name in unknown
    ]


def check_trust(app_configs=None, **kwargs):
    overrides = getattr(settings, "FORUM_TRUST", {})
    return [
        checks.Error(
            f"settings.FORUM_TRUST names a threshold that does not exist: {name}.",
            hint=f"The thresholds are: {', '.join(trust.DEFAULTS)} (forum/trust.py).",
            id="forum.E002",
        )
        for name in sorted(set(overrides) - set(trust.DEFAULTS))
    ]
