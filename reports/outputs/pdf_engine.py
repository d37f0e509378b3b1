"""What WeasyPrint and pydyf are made to do otherwise for the reports' PDFs, and why: each
change makes the same PDF with less work, where the work grew with the number of elements
(tagged, styled or serialized), so that a report of many tables and charts costs little
more a page than plain text does. Each checks that what it changes is still as it was
written against (WeasyPrint 70, pydyf 0.13) and otherwise leaves it alone; applying one
twice does nothing."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gc
import re


def page_references_cached() -> None:
    """pydyf (0.13) builds its tuple of page references anew each time it is asked, and
    WeasyPrint asks once for every tagged element of a PDF/A-2a: pages × elements, a fifth
    of the tagging and a tenth of the whole for 300 organisations. The tuple is kept until
    a page is added; the pages' list only grows, so its length tells when it changed."""
    import pydyf

    original = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(original, property) or getattr(original.fget, "cached", False):
        return

    def page_references(pdf):
        count = len(pdf.pages["Kids"])
        cached = pdf.__dict__.get("_page_references")
        if cached is None or cached[0] != count:
            cached = pdf.__dict__["_page_references"] = (count, original.fget(pdf))
        return cached[1]

    page_references.cached = True
    pydyf.PDF.page_references = property(page_references)


# Within one PDF's writing, the bytes of each of its numbered objects once made.
_serialized = contextvars.ContextVar("serialized", default=None)


def objects_serialized_once() -> None:
    """pydyf (0.13) makes the bytes of every object twice when the file has an identifier,
    as a PDF/A must: once to write it, and all over again, compressing every stream anew
    at level 9, only to hash the lot for the identifier. While a PDF is written, its
    numbered objects' bytes are kept the first time they are made (nothing changes them
    then), so the second pass reads them back: the writing takes half the time, 7–9% of
    the sample report's CPU time; the bytes are the same."""
    import pydyf

    kinds = (pydyf.Dictionary, pydyf.Array, pydyf.Stream)
    if getattr(pydyf.PDF.write, "serializes_once", False) or not all(
            isinstance(kind.__dict__.get("data"), property) for kind in kinds):
        return
    for kind in kinds:
        make = kind.__dict__["data"].fget

        def data(pdf_object, make=make):
            kept = _serialized.get() if pdf_object.number is not None else None
            if kept is None:
                return make(pdf_object)
            key = id(pdf_object)
            if key not in kept:
                kept[key] = make(pdf_object)
            return kept[key]

        kind.data = property(data)
    write = pydyf.PDF.write

    def write_serializing_once(pdf, *args, **kwargs):
        token = _serialized.set({})
        try:
            return write(pdf, *args, **kwargs)
        finally:
            _serialized.reset(token)

    write_serializing_once.serializes_once = True
    write_serializing_once.__wrapped__ = write
    pydyf.PDF.write = write_serializing_once


@functools.cache
def html_class():
    """WeasyPrint's HTML with its user-agent stylesheet less the rules that match every
    element for a pseudo-element: ::footnote-call, ::footnote-marker and the ::note-*
    ones, and ::marker, which only a list item draws. WeasyPrint computes a style for each
    pseudo-element a rule matches, so those rules made six styles for every element of
    documents that have no footnotes or notes: most of the styling step's work, though
    part of it (the elements' own values) is then done in layout instead, so the sample
    report gains 2–4% of its CPU time. Should a WeasyPrint release change the sheet so
    that the rules are not found, its own sheet is used as it is."""
    from weasyprint import CSS, HTML
    from weasyprint import html as weasyprint_html
    from weasyprint.css.counters import CounterStyle

    full = weasyprint_html.UA
    trimmed = re.sub(r"^::(?:footnote|note)-[a-z-]+ \{[^}\n]*\}\n", "", full, flags=re.MULTILINE)
    trimmed = re.sub(r"^::marker \{", "li::marker {", trimmed, count=1, flags=re.MULTILINE)
    if trimmed.count("\n") != full.count("\n") - 5 or "li::marker {" not in trimmed:
        return HTML
    # A counter style of its own, or WeasyPrint's would get every @counter-style twice;
    # the rules are the same, and HTML keeps giving WeasyPrint's.
    sheet = CSS(string=trimmed, counter_style=CounterStyle())

    class ReportHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [sheet, *super()._ua_stylesheets(forms)[1:]]

    return ReportHTML


@contextlib.contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused while a PDF is made. WeasyPrint builds a
    tree of boxes, styles and PDF objects that lives until the file is written, so every
    few thousand allocations the collector walked the process's whole heap (Django and
    all) again: two or three full collections for the sample report, 6–9% of its CPU
    time, that freed almost nothing (the 300-organisation report peaks 2.5% higher without
    them). What cycles the rendering leaves are collected by the next collection after.
    The collector is left alone if something else has paused it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
