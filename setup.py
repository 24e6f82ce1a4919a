"""For ``scrapyd-deploy`` (it builds the egg with ``python setup.py bdist_egg``); everything else,
including the ``scrapy`` settings entry point scrapyd needs, is in pyproject.toml."""

from setuptools import setup

setup()
