"""The chapter under gunicorn, with several workers: what changes in production.

Run by `nox -s workers`, never by the default suite (see conftest.py).
"""
