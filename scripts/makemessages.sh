#!/bin/sh
# Refresh every catalogue (each app with a locale/ folder, then the site-wide
# one for everything else), for Spanish and French. Then translate the new or
# fuzzy entries and run `manage.py compilemessages`.
set -e
PY=${PY:-.venv/bin/python}
case $PY in /*) ;; *) PY="$PWD/$PY" ;; esac
APPS=$(for dir in */locale; do dirname "$dir"; done)
IGNORE=""
for app in $APPS; do
    (cd "$app" && "$PY" ../manage.py makemessages -l es -l fr --no-obsolete --add-location file)
    IGNORE="$IGNORE -i $app"
done
# shellcheck disable=SC2086
"$PY" manage.py makemessages -l es -l fr --no-obsolete --add-location file $IGNORE \
    -i tests -i .venv -i node_modules -i scripts -i staticfiles -i media
