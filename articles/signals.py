"""Signals the articles app sends, so that other apps can follow changes to the text.

`paragraphs_changed` is sent by the import service after an existing article's paragraphs
were replaced by a corrected version, inside the same transaction. Keyword arguments:
`article`, `old_texts` and `new_texts` (tuples of paragraph texts, in order),
`old_paragraph_ids` (the ids that held `old_texts`, in order) and `paragraphs` (the
article's Paragraph rows after the change, in order). Rows that the change drops still
exist while the signal is handled, so that receivers can move what hangs on them.
"""

from django.dispatch import Signal

paragraphs_changed = Signal()
