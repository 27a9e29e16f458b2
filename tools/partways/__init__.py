"""Parting Ways engine: assess a client, check readiness, compute notice dates, write the letter.

A thin facade over private modules. Importing it reads no file and touches no network;
content (signals, checklist items, letter paragraphs) is read from ``data/`` on first use.
"""

from ._errors import FieldError, ValidationError
from ._i18n import LANGUAGES
from ._jurisdictions import JURISDICTIONS

__all__ = [
    "JURISDICTIONS",
    "LANGUAGES",
    "FieldError",
    "ValidationError",
]
__version__ = "0.1.0"
