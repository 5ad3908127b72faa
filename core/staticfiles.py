"""Static files as production serves them: our own CSS and JavaScript
minified as collectstatic gathers them, then hashed and compressed by
WhiteNoise (gzip, and brotli when installed).

A first visit fetches the site's stylesheet and script plus a page's own
(the library's, the forum's, the planner's): under 8 KB gzipped is the
target (issue 10), and the comments and indentation that keep the sources
readable were a sixth of it. rcssmin and rjsmin (the minifiers
django-compressor uses) strip those and nothing else; files that come with
Django, Wagtail and other packages are left as they ship (already minified).
"""

from pathlib import Path

import rcssmin
import rjsmin
from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minified(name, text):
    """`text` of the file `name` minified, or as it is for a type not minified."""
    minify = MINIFIERS.get(Path(name).suffix)
    return minify(text) if minify else text


def is_ours(storage, path):
    """Whether a static file comes from this project rather than from an
    installed package."""
    try:
        source = Path(storage.path(path))
    except NotImplementedError:
        return False
    return "site-packages" not in source.parts


class MinifiedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def post_process(self, paths, dry_run=False, **options):
        """Minify the copies collectstatic made of our files, and have them,
        not the sources, hashed (the hashing reads each file from the
        storage `paths` names)."""
        if not dry_run:
            paths = dict(paths)
            for name, (storage, path) in paths.items():
                if Path(name).suffix in MINIFIERS and is_ours(storage, path):
                    with storage.open(path) as source:
                        text = source.read().decode("utf-8")
                    self.delete(name)
                    self._save(name, ContentFile(minified(name, text).encode("utf-8")))
                    paths[name] = (self, name)
        yield from super().post_process(paths, dry_run=dry_run, **options)
