"""The command line every benchmark shares: an optional size, or ``--quick`` for a smoke run that CI makes so
the scripts keep working (CI runs them without judging their figures)."""

from __future__ import annotations

import argparse


def size_argument(full: int, quick: int, meaning: str) -> int:
    """The size given on the command line, else ``quick`` with ``--quick``, else ``full``."""
    parser = argparse.ArgumentParser()
    parser.add_argument("size", nargs="?", type=int, help=f"{meaning} (default {full})")
    parser.add_argument("--quick", action="store_true", help=f"a smoke run: {meaning} = {quick}")
    arguments = parser.parse_args()
    if arguments.size is not None:
        return int(arguments.size)
    return quick if arguments.quick else full
