import gc
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

application = get_wsgi_application()

# The objects of Django, Wagtail and the project's modules live as long as
# the process: kept out of the garbage collector's full collections, which
# otherwise walk all of them every few dozen requests (a pause of tens of
# milliseconds on a 2-core machine, charged to whichever request is running).
# Frozen once loaded, and again after the first requests have compiled the
# templates and filled the URL resolvers. Reference counting still frees
# what the requests leave behind.
gc.collect()
gc.freeze()
_SETTLED_AFTER = 50
_served = 0


def _freeze_once_warm(**kwargs):
    global _served
    _served += 1
    if _served == _SETTLED_AFTER:
        gc.collect()
        gc.freeze()
        request_finished.disconnect(_freeze_once_warm)


request_finished.connect(_freeze_once_warm)
