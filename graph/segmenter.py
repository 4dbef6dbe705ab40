"""jieba, imported and loaded once a process, for every module that segments words.

jieba 0.42 imports ``pkg_resources`` only to open its own data files, and falls back to a plain
``open`` when that import fails. Importing ``pkg_resources`` scans every installed distribution:
0.6 s here, a seventh of what loading the extractor costs, paid again by every process that loads
it. :func:`jieba` makes that import fail while jieba imports, so jieba takes its fallback; the
files it reads are the same.

jieba keeps its dictionary's prefix table in a cache file it reads with ``marshal.load`` on the
open file. On a file object, ``marshal`` reads each of the table's million strings and numbers
with a call of its own: 1.4 s, where ``marshal.loads`` of the file's bytes takes 0.3 s. jieba is
given a ``marshal`` that reads the file whole; what it loads is the same object.
"""

from __future__ import annotations

import functools
import marshal
import sys
import types
from typing import BinaryIO


class _WholeFileMarshal:
    """``marshal`` for jieba's module: ``load`` reads the file at once (see the module's note)."""

    dump = staticmethod(marshal.dump)

    @staticmethod
    def load(file: BinaryIO) -> object:
        return marshal.loads(file.read())


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
    if getattr(module, "marshal", None) is marshal:  # (jieba 0.42 reads its cache through it)
        module.marshal = _WholeFileMarshal
    module.initialize()
    return module
