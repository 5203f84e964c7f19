"""Install-time build of the ahead-of-time compiled Erlang kernels.

Everything about the package is in pyproject.toml; this file only adds one
extension module, ``xlcc.erlang._aot_kernels``, compiled by ``numba.pycc`` from the
same numba kernels the JIT runs (see ``xlcc/erlang/_aot.py``). It lets ``xlcc recalc``
and ``xlcc staff`` start without importing numba. The build is optional: when it
fails (for example no C compiler), the install goes on with a warning and xlcc runs
the kernels under numba's JIT, with the same results.
"""

import os
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class BuildAotKernels(build_ext):
    def build_extension(self, ext):
        here = os.path.dirname(os.path.abspath(__file__))
        if here not in sys.path:
            sys.path.insert(0, here)  # the build runs from a copy of the sources
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            from xlcc.erlang._aot import build

            build(os.path.dirname(target), os.path.basename(target))
        except Exception as exc:  # the JIT fallback keeps xlcc correct
            print(f"warning: xlcc's ahead-of-time kernels were not built ({exc}); "
                  "numba's JIT will be used", file=sys.stderr)


setup(ext_modules=[Extension("xlcc.erlang._aot_kernels", sources=[])],
      cmdclass={"build_ext": BuildAotKernels})
