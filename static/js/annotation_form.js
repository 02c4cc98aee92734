// The annotation form, fitted to its kind: a note shows its text box and no claim fields; a
// claim shows them too. The text is previewed as it is
// typed, rendered by the server's own Markdown renderer and sanitiser, and the quoted words
// are marked in the paragraph shown above the form. Without this script the form shows every
// field, and the server checks everything either way.
(function () {
  "use strict";

  const form = document.querySelector("form.annotation-form");
  if (!form) {
    return;
  }

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
  const paragraph = document.querySelector("[data-paragraph-text]");
  const quote = form.querySelector("textarea[name='quote']");
  const startInput = form.querySelector("input[name='quote_start']");

  function markQuote() {
    const text = paragraph.textContent;
    const words = quote.value.trim();
    const starts = [];
    for (let at = words ? text.indexOf(words) : -1; at !== -1; at = text.indexOf(words, at + 1)) {
      starts.push(at);
    }
    paragraph.replaceChildren();
    if (!starts.length) {
      paragraph.append(text);
      return;
    }
    // The occurrence nearest the selection's offset (sent in code points; near enough).
    const hint = startInput && startInput.value ? Number(startInput.value) : 0;
    const at = starts.reduce(function (best, start) {
      return Math.abs(start - hint) < Math.abs(best - hint) ? start : best;
    });
    const mark = document.createElement("mark");
    mark.className = "quote-mark";
    mark.textContent = words;
    paragraph.append(text.slice(0, at), mark, text.slice(at + words.length));
  }

  if (paragraph && quote) {
    quote.addEventListener("input", markQuote);
  }
})();
