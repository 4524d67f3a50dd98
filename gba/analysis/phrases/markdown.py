"""Markdown for notebooks: findings, bullet lists, small tables, shown by Jupyter without IPython.

A notebook cell that ends in a :class:`Markdown` shows formatted sentences, and its
stored plain-text output is the sentences themselves (what strict nbval compares).

Examples
--------
>>> findings(["18 of 20 cases (90%) state a number."], title="")
1. 18 of 20 cases (90%) state a number.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["Markdown", "bullets", "findings", "markdown", "markdown_findings", "table"]


def bullets(items: Iterable[str]) -> str:
    """Join sentences into a Markdown bullet list (one ``- item`` per line).

    Examples
    --------
    >>> print(bullets(["one", "two"]))
    - one
    - two
    """
    return "\n".join(f"- {item}" for item in items)


class Markdown:
    """Text that Jupyter shows as Markdown (``_repr_markdown_``) and a console as plain text.

    The same protocol as ``IPython.display.Markdown``, without importing
    IPython, so that a notebook cell ending in one shows formatted sentences and
    the stored plain-text output is the sentences themselves.

    Examples
    --------
    >>> m = Markdown("Most cases report **outputs**.")
    >>> m._repr_markdown_()
    'Most cases report **outputs**.'
    >>> m
    Most cases report **outputs**.
    >>> str(m) == m.text
    True
    """

    def __init__(self, text: str) -> None:
        self.text = str(text)

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Markdown) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def markdown(*blocks: str) -> Markdown:
    """Join blocks of Markdown (paragraphs, lists) with blank lines, for display.

    Examples
    --------
    >>> markdown("**Reading.** Two paragraphs in every case.", bullets(["one", "two"]))
    **Reading.** Two paragraphs in every case.
    <BLANKLINE>
    - one
    - two
    """
    return Markdown("\n\n".join(str(b).strip("\n") for b in blocks if str(b).strip()))


def findings(items: Iterable[str], title: str = "Findings", level: int = 2) -> Markdown:
    """List the findings, numbered, under a heading, as Markdown.

    Parameters
    ----------
    items : iterable of str
        One sentence (or short paragraph) per finding, already built from the data.
    title : str, optional
        The heading; empty for none.
    level : int, optional
        Heading level (``2`` gives ``## Findings``).

    Raises
    ------
    ValueError
        For no findings, or a level outside 1–6.

    Examples
    --------
    >>> findings(["18 of 20 cases (90%) state a number.", "Few are dated."])
    ## Findings
    <BLANKLINE>
    1. 18 of 20 cases (90%) state a number.
    2. Few are dated.
    """
    lines = [f"{i}. {item.strip()}" for i, item in enumerate(items, start=1)]
    if not lines:
        raise ValueError("no findings to list")
    if not 1 <= level <= 6:
        raise ValueError(f"heading level must be 1 to 6, not {level}")
    head = f"{'#' * level} {title}" if title else ""
    return markdown(head, "\n".join(lines))


def table(frame: pd.DataFrame, index: bool = True, *, missing: str = "–") -> str:
    """Write a small table as a Markdown (pipe) table, cells as printed by ``str``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; keep it small (a summary, not the data).
    index : bool, optional
        Write the index as the first column (its name as the header).
    missing : str, optional
        What a missing cell shows (default an en dash, so that a reader sees it is empty).

    Examples
    --------
    >>> t = pd.DataFrame({"cases": [14, 6]}, index=pd.Index(["Output", "In|put"], name="role"))
    >>> print(table(t))
    | role | cases |
    |---|---|
    | Output | 14 |
    | In\\|put | 6 |
    """

    def cell(x: Any) -> str:
        text = missing if x is None or (not isinstance(x, str) and pd.isna(x)) else str(x)
        return text.replace("|", "\\|").replace("\n", " ")

    head = ([cell(frame.index.name or "")] if index else []) + [cell(c) for c in frame.columns]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        cells = ([cell(key)] if index else []) + [cell(x) for x in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def markdown_findings(title: str, items: Iterable[str]) -> str:
    """Return a Markdown section: a bold title line and a bullet list of findings.

    Examples
    --------
    >>> print(markdown_findings("Findings", ["one", "two"]))
    **Findings**
    <BLANKLINE>
    - one
    - two
    """
    return f"**{title}**\n\n{bullets(items)}"
