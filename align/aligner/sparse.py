"""scipy.sparse for the aligner, imported without numpy submodules it never uses.

scipy (1.15 and later) clones numpy's namespace into its array-API layer when scipy.sparse is
first imported: ``from numpy import *`` and ``hasattr`` over ``dir(numpy)``. That imports
numpy.f2py (which imports charset_normalizer), numpy.testing, numpy.ma and others, about 0.2 s
of the 1.1 s an ``align check`` process took, for modules that sparse matrices never touch.
While scipy is imported, numpy's ``__all__`` and ``__dir__`` leave those names out; both are
restored right after, and the submodules stay importable as usual.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from types import ModuleType

#: numpy submodules that scipy's namespace clone would import and sparse matrices never use
#: (numpy.ma alone is 20 ms; numpy.fft, numpy.random and numpy.typing scipy imports itself).
_UNUSED = frozenset({"f2py", "testing", "char", "core", "ctypeslib", "ma", "polynomial", "rec", "strings"})


@lru_cache(maxsize=1)
def sparse() -> ModuleType:
    """The ``scipy.sparse`` module."""
    if "scipy.sparse" not in sys.modules:
        import numpy

        names = getattr(numpy, "__all__", None)
        own_dir = numpy.__dict__.get("__dir__")
        # Only for the layout this was measured on (a list __all__, a module __dir__ function);
        # anything else imports scipy as it is.
        if isinstance(names, list) and callable(own_dir):
            saved = list(names)
            names[:] = [n for n in names if n not in _UNUSED]
            setattr(numpy, "__dir__", lambda: [n for n in own_dir() if n not in _UNUSED])  # noqa: B010
            try:
                import scipy.sparse  # noqa: F401
            finally:
                names[:] = saved
                setattr(numpy, "__dir__", own_dir)  # noqa: B010
    import scipy.sparse as module

    return module
