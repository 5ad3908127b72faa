"""core.staticfiles: our CSS and JS minified at collectstatic, then hashed
and compressed; what installed packages ship is left as it is."""

import gzip

from django.core.files.storage import FileSystemStorage

from core.staticfiles import MinifiedStaticFilesStorage

CSS = """/* The site's colours: a comment nobody downloads. */
.card {
    color: #064d37;
    background: url("dot.png");
}
""" + "".join(f".card-{number} {{\n    margin: {number}px;\n}}\n" for number in range(40))
JS = """// Opens the menu on small screens.
document.addEventListener("DOMContentLoaded", function () {
    var menu = document.querySelector(".menu");   // the header's
    if (menu) { menu.open = false; }
});
"""


def collected(tmp_path):
    ours = tmp_path / "project" / "static"
    theirs = tmp_path / "venv" / "lib" / "site-packages" / "package" / "static"
    for folder, files in (
        (ours, {"site/site.css": CSS, "site/site.js": JS, "site/dot.png": "png"}),
        (theirs, {"package/package.js": JS}),
    ):
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
    storage = MinifiedStaticFilesStorage(location=tmp_path / "root", base_url="/static/")
    paths = {}
    for folder, names in (
        (ours, ["site/site.css", "site/site.js", "site/dot.png"]),
        (theirs, ["package/package.js"]),
    ):
        source = FileSystemStorage(location=folder)
        for name in names:
            with source.open(name) as file:
                storage.save(name, file)
            paths[name] = (source, name)
    problems = [
        processed
        for _name, _hashed, processed in storage.post_process(paths)
        if isinstance(processed, Exception)
    ]
    assert not problems
    return storage


def served(storage, name):
    with storage.open(storage.stored_name(name)) as file:
        return file.read().decode()


def test_our_css_and_js_are_minified_then_hashed_and_compressed(tmp_path):
    storage = collected(tmp_path)
    css = served(storage, "site/site.css")
    assert "comment nobody downloads" not in css and "\n    " not in css
    assert ".card{color:#064d37;" in css
    assert storage.stored_name("site/dot.png").removeprefix("site/") in css  # its reference still hashed
    js = served(storage, "site/site.js")
    assert "Opens the menu" not in js and "the header's" not in js
    assert 'document.querySelector(".menu")' in js
    with open(storage.path(storage.stored_name("site/site.css") + ".gz"), "rb") as file:
        assert gzip.decompress(file.read()).decode() == css


def test_what_packages_ship_is_left_as_it_is(tmp_path):
    storage = collected(tmp_path)
    assert served(storage, "package/package.js") == JS
