"""quotes: find quotations and their speakers, align variants across sources, lint before publishing."""

from __future__ import annotations

__version__ = "0.1.0"
