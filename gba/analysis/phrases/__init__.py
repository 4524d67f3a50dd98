"""Plain-text phrases for notebooks and reports: bounded numbers, tallies, shares, case lists.

The notebooks never type a number into their prose; they print sentences built
from the data. These helpers keep those sentences short and consistent, so that
every notebook says a bound the same way ("at least 116.73"), counts the same
way ("16 lower, 5 approx") and names cases the same way ("Qingmao Port (7)").
They only format: nothing here computes a measure. Each module's docstring
shows its helpers at work.

For Markdown output (a notebook's Findings, a reading after a figure):
:func:`markdown` wraps text so that Jupyter renders it (no IPython needed),
:func:`findings` numbers the findings under a heading, :func:`amount` says a
number with the glossary's unit words, :func:`counted` and ``n_of(...,
noun="cases")`` count things in words, :func:`listing` joins names in English,
:func:`table` writes a small table as Markdown.

>>> n_of(18, 20, noun="cases")
'18 of 20 cases (90%)'

The names above are ``gba.phrases.<name>``; each is defined in the module of its job:
:mod:`.amounts` (a number with its bound and unit words), :mod:`.words` (counts,
shares, lists, case names, quoted spans), :mod:`.markdown` (Markdown output) and
:mod:`.growth` (rates, multiples and trajectories of notebook 02).
"""

from __future__ import annotations

from gba.analysis.phrases.amounts import amount, qualified, round_sig
from gba.analysis.phrases.growth import (
    NO_BOUND_FACTOR,
    SOURCE_TYPE_WORDS,
    growth_interval,
    stated_figure,
    trajectory_sentence,
)
from gba.analysis.phrases.markdown import (
    Markdown,
    bullets,
    findings,
    markdown,
    markdown_findings,
    table,
)
from gba.analysis.phrases.words import case_names, counted, in_context, listing, n_of, tally

__all__ = [
    "NO_BOUND_FACTOR",
    "SOURCE_TYPE_WORDS",
    "Markdown",
    "amount",
    "bullets",
    "case_names",
    "counted",
    "findings",
    "growth_interval",
    "in_context",
    "listing",
    "markdown",
    "markdown_findings",
    "n_of",
    "qualified",
    "round_sig",
    "stated_figure",
    "table",
    "tally",
    "trajectory_sentence",
]
