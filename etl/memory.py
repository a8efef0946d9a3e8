"""Give freed memory back to the operating system between the build's stages.

The build frees each table's rows once they are written, but glibc's allocator keeps freed
small blocks for reuse, so the process's resident size stays at the high-water mark of every
stage before it, and the stages' peaks add up. `malloc_trim(0)` returns the free pages (as Dask's
workers do); elsewhere than glibc this does nothing but ask Arrow's pool to release what it holds.
"""

from __future__ import annotations

import ctypes
import gc
from functools import cache
from typing import Any

import pyarrow as pa


@cache
def _malloc_trim() -> Any:
    """glibc's malloc_trim from the symbols already loaded (no `find_library`: it runs ldconfig in a subprocess)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


def release() -> None:
    """Free what is unreachable and return free memory to the system (a no-op where that cannot be done)."""
    gc.collect()
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
