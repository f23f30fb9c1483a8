"""numpy, for the rules that compute over a whole text at once (:mod:`fayan.similar`,
:mod:`fayan.check.formulation`), imported the first time one needs it: drafting never does."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

_NUMPY: list[Any] = []


def numpy() -> Any:
    """numpy, imported on first use with one BLAS thread: its matrices here are small (a
    speech's), and BLAS threads on top of ``fayan check``'s worker processes fight over the
    cores (measured: a folder checked by two workers at a third of the speed). The
    environment is left as it was."""
    if not _NUMPY:
        names = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
        before = {name: os.environ.get(name) for name in names}
        os.environ.update(dict.fromkeys(names, "1"))
        try:
            import numpy as module
        finally:
            for name, value in before.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        _NUMPY.append(module)
    return _NUMPY[0]


def codes(text: str) -> Any:
    """The text's code points as an array of uint32 (a lone surrogate, which a str may hold,
    kept as its own code point)."""
    np = numpy()
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def char_table(chars: Iterable[str]) -> Any:
    """A table of every code point, true for ``chars``: ``char_table(cs)[codes(text)]`` says
    where in the text one of them stands, for the whole text at once."""
    np = numpy()
    table = np.zeros(0x110000, dtype=bool)
    table[[ord(ch) for ch in chars]] = True
    return table
