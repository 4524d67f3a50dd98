"""Tables in traditional script: Chinese columns converted, spans re-read at mapped offsets.

The loaders call :func:`convert_frame` with their ``script`` argument; the
conversion itself (OpenCC ``s2hk`` and the character map) is
:mod:`gba.extract.script`.

Examples
--------
>>> case_maps()[11].text[:7]
'“跨境理財通”'
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import pandas as pd

from gba.extract.script import CharMap, check_script, text_map, to_traditional

__all__ = ["case_maps", "convert_frame"]


def case_maps(data_dir: str | os.PathLike[str] | None = None) -> dict[int, CharMap]:
    """Return ``{case_id: CharMap}`` of every clean case text.

    Examples
    --------
    >>> case_maps()[2].same_length
    True
    """
    from gba.datasets.spans import case_texts

    return {cid: text_map(text) for cid, text in case_texts(data_dir).items()}


def convert_frame(
    frame: pd.DataFrame,
    script: str,
    columns: Iterable[str] = (),
    span: str | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    case_column: str = "case_id",
) -> pd.DataFrame:
    """Return ``frame`` in ``script``: text columns converted, spans re-read.

    Parameters
    ----------
    frame : pandas.DataFrame
        A loader's table (not modified).
    script : {"simplified", "traditional"}
        ``"simplified"`` returns ``frame`` unchanged.
    columns : iterable of str
        Chinese text columns converted on their own (names, units, titles).
    span : str, optional
        The column holding a verbatim span of the case text with its
        ``start``/``end``; in the traditional view the offsets are mapped and
        the span is the converted case text between them. Rows whose offsets
        are missing, or whose ``source_id`` is not their case's batch
        document (observations from other texts), have their span converted
        on its own and their offsets kept.
    data_dir : path-like, optional
        The data folder (for the case texts).
    case_column : str
        The column naming the case (or the index, if it is not a column).
    """
    if check_script(script) == "simplified":
        return frame
    out = frame.copy()
    for col in columns:
        out[col] = out[col].map(lambda v: to_traditional(v) if isinstance(v, str) else v)
        out[col] = out[col].astype(frame[col].dtype)
    if span is None:
        return out
    from gba.datasets.spans import own_source_rows

    maps = case_maps(data_dir)
    cases = out[case_column] if case_column in out.columns else out.index.to_series()
    own = (
        own_source_rows(out.reset_index(), data_dir).to_numpy()
        if "source_id" in out.columns
        else [True] * len(out)
    )
    spans, starts, ends = [], [], []
    rows = zip(cases, out[span], out["start"], out["end"], own, strict=True)
    for cid, text, start, end, is_own in rows:
        if not is_own or pd.isna(start) or pd.isna(end) or int(cid) not in maps:
            spans.append(to_traditional(text) if isinstance(text, str) else text)
            starts.append(start)
            ends.append(end)
            continue
        cmap = maps[int(cid)]
        s, e = cmap.span(int(start), int(end))
        spans.append(cmap.text[s:e])
        starts.append(s)
        ends.append(e)
    out[span] = pd.Series(spans, index=out.index, dtype=frame[span].dtype)
    out["start"] = pd.Series(starts, index=out.index).astype(frame["start"].dtype)
    out["end"] = pd.Series(ends, index=out.index).astype(frame["end"].dtype)
    return out
