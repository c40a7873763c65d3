"""`python -m quotes` runs the command-line interface."""

from __future__ import annotations

from quotes.cli import main

if __name__ == "__main__":
    main()
