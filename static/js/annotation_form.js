// The annotation form, fitted to its kind: a note shows its text box and no claim fields; a
// claim shows them too. The text is previewed as it is
// typed, rendered by the server's own Markdown renderer and sanitiser, and the quoted words
// are marked in the paragraph: the one shown above the form on its own page, or, for a form
// open in the article's margin (margin_forms.js), the article's paragraph itself. Without
// this script the form shows every field, and the server checks everything either way.
(function () {
  "use strict";

  function setUp(form) {
    if (form.dataset.ready) {
      return;
    }
    form.dataset.ready = "1";

    // ---- The fields a kind needs ----
    const kindInputs = form.querySelectorAll("input[name='kind']");

    function chosenKind() {
      const checked = form.querySelector("input[name='kind']:checked");
      return checked ? checked.value : "note";
    }

    function fitToKind() {
      const isClaim = chosenKind() === "claim";
      form.querySelectorAll("[data-claim-only]").forEach(function (field) {
        field.hidden = !isClaim;
      });
    }

    kindInputs.forEach(function (input) {
      input.addEventListener("change", fitToKind);
    });
    if (kindInputs.length) {
      fitToKind();
    }

    // ---- The preview ----
    const preview = form.querySelector(".markdown-preview");
    const body = form.querySelector("textarea[name='body']");
    const token = form.querySelector("input[name='csrfmiddlewaretoken']");
    let timer = null;
    let asked = 0;

    function renderPreview() {
      const number = ++asked;
      const data = new URLSearchParams({ body: body.value });
      fetch(preview.dataset.previewUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" },
      })
        .then(function (response) {
          return response.text().then(function (text) {
            return { ok: response.ok, text: text };
          });
        })
        .then(function (answer) {
          if (number !== asked) {
            return; // a newer request is on its way
          }
          const target = preview.querySelector(".preview-body");
          if (answer.ok) {
            // The server's sanitised rendering, the same as the published card's.
            target.innerHTML = answer.text;
          } else {
            target.textContent = answer.text || "The preview is not available.";
          }
        })
        .catch(function () {
          if (number === asked) {
            preview.querySelector(".preview-body").textContent = "The preview is not available.";
          }
        });
    }

    if (preview && body) {
      preview.hidden = false;
      body.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(renderPreview, 250);
      });
      renderPreview();
    }

    // ---- The quoted words, marked in the paragraph ----
    const quote = form.querySelector("textarea[name='quote']");
    const startInput = form.querySelector("input[name='quote_start']");
    const inMargin = form.closest(".margin-form");
    const paragraph = inMargin
      ? document.querySelector(".para-text[data-position='" + inMargin.dataset.para + "']")
      : document.querySelector("[data-paragraph-text]");

    // Where the quote stands in `text`: the occurrence nearest the selection's offset (sent in
    // code points; near enough), or -1.
    function quoteAt(text, words) {
      const starts = [];
      for (let at = words ? text.indexOf(words) : -1; at !== -1; at = text.indexOf(words, at + 1)) {
        starts.push(at);
      }
      if (!starts.length) {
        return -1;
      }
      const hint = startInput && startInput.value ? Number(startInput.value) : 0;
      return starts.reduce(function (best, start) {
        return Math.abs(start - hint) < Math.abs(best - hint) ? start : best;
      });
    }

    function markOnFormPage() {
      const text = paragraph.textContent;
      const words = quote.value.trim();
      const at = quoteAt(text, words);
      paragraph.replaceChildren();
      if (at === -1) {
        paragraph.append(text);
        return;
      }
      const mark = document.createElement("mark");
      mark.className = "quote-mark";
      mark.textContent = words;
      paragraph.append(text.slice(0, at), mark, text.slice(at + words.length));
    }

    // The article's paragraph holds links and highlights: mark the words with a CSS custom
    // highlight, which leaves its elements alone.
    function pointAt(root, offset) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let left = offset;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (left <= node.data.length) {
          return [node, left];
        }
        left -= node.data.length;
      }
      return null;
    }

    function markInArticle() {
      const words = quote.value.trim();
      const at = quoteAt(paragraph.textContent, words);
      const drafts = CSS.highlights.get("annotation-draft") || new Highlight();
      drafts.forEach(function (range) {
        if (range.form === form) {
          drafts.delete(range);
        }
      });
      const start = at === -1 ? null : pointAt(paragraph, at);
      const end = at === -1 ? null : pointAt(paragraph, at + words.length);
      if (start && end && form.isConnected) {
        const range = new Range();
        range.setStart(start[0], start[1]);
        range.setEnd(end[0], end[1]);
        range.form = form;
        drafts.add(range);
      }
      CSS.highlights.set("annotation-draft", drafts);
    }

    if (paragraph && quote) {
      const canHighlight = window.CSS && CSS.highlights && window.Highlight;
      const mark = inMargin ? (canHighlight ? markInArticle : null) : markOnFormPage;
      if (mark) {
        quote.addEventListener("input", mark);
        if (inMargin) {
          mark();
          // The form closed or saved: its words are no longer being written about.
          const watcher = new MutationObserver(function () {
            if (!form.isConnected) {
              markInArticle();
              watcher.disconnect();
            }
          });
          watcher.observe(document.querySelector(".article-body") || document.body, {
            childList: true,
            subtree: true,
          });
        }
      }
    }
  }

  function setUpAll(root) {
    if (root.matches && root.matches("form.annotation-form")) {
      setUp(root);
    }
    root.querySelectorAll("form.annotation-form").forEach(setUp);
  }

  setUpAll(document);
  // Forms that htmx puts in the margin.
  document.addEventListener("htmx:load", function (event) {
    setUpAll(event.detail.elt);
  });
})();
