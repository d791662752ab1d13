"""One module per chapter, each naming its `CHAPTER` and the `ADAPTERS` it offers.

A new chapter adds a module here; nothing else in the suite needs editing.
"""

import importlib
import pkgutil


def _registry():
    registry = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        if hasattr(module, "CHAPTER"):
            registry[module.CHAPTER] = module.ADAPTERS
    return registry


def adapters_for(chapter):
    try:
        return _registry()[chapter]
    except KeyError:
        raise LookupError(f"No adapter module in shared_tests/adapters/ for {chapter}") from None
