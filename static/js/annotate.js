// Select words in a paragraph and an "Annotate selection" button appears beside it; it opens
// the annotation form with the quote and its offset filled in. A selection across paragraphs
// gets a notice saying why it cannot be annotated. Without this script, every paragraph still
// has an "Annotate paragraph N" link to the same form.
(function () {
  "use strict";

  const button = document.createElement("a");
  button.className = "annotate-selection";
  button.textContent = "Annotate selection";
  button.hidden = true;

  const notice = document.createElement("p");
  notice.className = "annotate-selection annotate-notice";
  notice.hidden = true;
  // Screen readers announce what changes in a live region that was already on the page, so
  // the notice's words are also put in one that stays, out of sight, in the body.
  const announcer = document.createElement("p");
  announcer.className = "visually-hidden";
  announcer.setAttribute("role", "status");
  document.body.appendChild(announcer);

  function hideAll() {
    button.hidden = true;
    notice.hidden = true;
  }

  function announce(words) {
    if (announcer.textContent !== words) {
      announcer.textContent = words;
    }
  }

  // Beside `range`, in `row`, but never past the row's right edge (on a phone, the screen's).
  function placeUnder(element, range, row) {
    row.insertBefore(element, row.querySelector(".para-margin"));
    element.hidden = false;
    const box = range.getBoundingClientRect();
    const rowBox = row.getBoundingClientRect();
    const maxLeft = Math.max(rowBox.width - element.offsetWidth, 0);
    element.style.top = box.bottom - rowBox.top + 6 + "px";
    element.style.left = Math.min(Math.max(box.left - rowBox.left, 0), maxLeft) + "px";
  }

  function paragraphNumber(container) {
    return container.getAttribute("data-position");
  }

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
      hideAll();
      return;
    }
    const range = selection.getRangeAt(0);
    const container = paragraphTextOf(range.startContainer);
    const url = container && formUrl(container);
    const endContainer = paragraphTextOf(range.endContainer);
    if (url && endContainer && endContainer !== container) {
      // An annotation quotes words of one paragraph: say so, rather than show nothing.
      button.hidden = true;
      notice.textContent =
        "This selection runs from paragraph " + paragraphNumber(container) +
        " into paragraph " + paragraphNumber(endContainer) +
        ". An annotation quotes words of one paragraph: select within one, " +
        "or annotate each paragraph.";
      placeUnder(notice, range, container.closest(".para-row"));
      announce(notice.textContent);
      return;
    }
    notice.hidden = true;
    if (!url || endContainer !== container) {
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
    placeUnder(button, range, container.closest(".para-row"));
  }

  document.addEventListener("selectionchange", function () {
    window.requestAnimationFrame(update);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hideAll();
    }
  });
})();
