"""jieba, imported and loaded once a process, for every module that segments words.

jieba 0.42 imports ``pkg_resources`` only to open its own data files, and falls back to a plain
``open`` when that import fails. Importing ``pkg_resources`` scans every installed distribution:
0.6 s here, a seventh of what loading the extractor costs, paid again by every process that loads
it. :func:`jieba` makes that import fail while jieba imports, so jieba takes its fallback; the
files it reads are the same.
"""

from __future__ import annotations

import functools
import sys
import types


@functools.lru_cache(maxsize=1)
def jieba() -> types.ModuleType:
    """The ``jieba`` module, its dictionary loaded and its log quiet.

    >>> jieba().lcut("重庆日报", HMM=False)
    ['重庆日报']
    """
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # (import fails: ImportError)
        try:
            import jieba as module
        finally:
            del sys.modules["pkg_resources"]
    else:
        import jieba as module
    module.setLogLevel(60)
    module.initialize()
    return module
