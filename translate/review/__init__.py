"""Human review: routing segments to reviewers, the Textual review app, durable concurrent saving, merging.

* :mod:`translate.review.routing` - ``hexaglot assign``: who reviews which segment, per language and stage.
* :mod:`translate.review.store` - every review action is a locked read-merge-write of one segment, then a
  journal line: nothing is lost to a crash or to a second reviewer saving the same file.
* :mod:`translate.review.app` - ``hexaglot review``: the full-screen terminal app.

Below this layer (shared with the store and the align app): :mod:`translate.merge` (``hexaglot merge-driver``,
segment-wise 3-way merge of PO catalogs, also the store's read-back) and :mod:`translate.bidi` (right-to-left
display and double-width alignment helpers).
"""
