"""The monorepo's own tools: README walkthroughs, the behaviour matrix, the bench.

A package so that `python -m tools.walkthrough` and `python -m tools.bench` find their
modules, and tools/tests/ can import them, without touching sys.path.
"""
