# Fixture: an sdist whose dependencies are only known by running setup.py; install_requires is
# computed at build time, so PKG-INFO marks Requires-Dist as Dynamic (PEP 643) and no index can say
# what they are without a build.
import sys

from setuptools import setup

requires = ["requests>=2.31"]
if sys.version_info >= (3, 8):
    requires.append("idna>=3.4")

setup(
    name="dynamicpkg",
    version="1.0",
    py_modules=[],
    install_requires=requires,
    extras_require={"socks": ["pysocks>=1.7"]},
)
