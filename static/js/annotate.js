// Select words in a paragraph and an "Annotate selection" button appears beside it; it opens
// the annotation form with the quote and its offset filled in. Without this script, every
// paragraph still has an "Annotate paragraph N" link to the same form.
(function () {
  "use strict";

  const button = document.createElement("a");
  button.className = "annotate-selection";
  button.textContent = "Annotate selection";
  button.hidden = true;

  function paragraphTextOf(node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element ? element.closest(".para-text") : null;
  }

  // Offset of a point in the paragraph's plain text: the length of the text before it, in
  // code points as the server (and the W3C TextPositionSelector) counts, not UTF-16 units.
  function offsetIn(container, node, offset) {
    const range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return Array.from(range.toString()).length;
  }

  function formUrl(container) {
    const row = container.closest(".para-row");
    const link = row && row.querySelector("a.annotate-link");
    return link ? link.getAttribute("href") : null;
  }

  function update() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
      button.hidden = true;
      return;
    }
    const range = selection.getRangeAt(0);
    const container = paragraphTextOf(range.startContainer);
    const url = container && formUrl(container);
    if (!url || paragraphTextOf(range.endContainer) !== container) {
      button.hidden = true;
      return;
    }
    const text = range.toString();
    const quote = text.trim();
    if (!quote) {
      button.hidden = true;
      return;
    }
    const start = offsetIn(container, range.startContainer, range.startOffset) +
      Array.from(text).length - Array.from(text.trimStart()).length;
    const params = new URLSearchParams({ quote: quote, start: String(start) });
    button.href = url + "?" + params.toString();
    // Placed right after the paragraph, so that Tab reaches it next.
    const row = container.closest(".para-row");
    row.insertBefore(button, row.querySelector(".para-margin"));
    button.hidden = false;
    const box = range.getBoundingClientRect();
    const rowBox = row.getBoundingClientRect();
    // Under the selection, but never past the row's right edge (on a phone, the screen's).
    const maxLeft = Math.max(rowBox.width - button.offsetWidth, 0);
    button.style.top = box.bottom - rowBox.top + 6 + "px";
    button.style.left = Math.min(Math.max(box.left - rowBox.left, 0), maxLeft) + "px";
  }

  document.addEventListener("selectionchange", function () {
    window.requestAnimationFrame(update);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      button.hidden = true;
    }
  });
})();
