"""A bench-only overlay on a chapter: its settings, with authentication chosen per request.

Nothing here ships with a chapter. The bench (tools/bench/environment.py) puts this
folder's parent on PYTHONPATH and sets `DJANGO_SETTINGS_MODULE=bench_site.settings`
for the bench server.
"""
