// Writing in the margin: "Annotate paragraph N", "Annotate selection" and a card's Reply,
// Edit, Delete, Hide and Restore open their form beside the text (fetched with htmx from
// the same address as the form's own page) instead of leaving the article. The server
// answers a save with the saved card, which takes the form's place, and a refused form or a
// stale edit with the form again, its errors (or the newer version) shown and the text kept.
// Without this script (or htmx), every link still opens its page.
(function () {
  "use strict";

  if (!window.htmx) {
    return;
  }

  const status = document.getElementById("margin-status");
  // The link each open form came from, so that closing the form gives focus back to it.
  const openers = new Map();

  function say(words) {
    if (status) {
      status.textContent = words;
    }
  }

  function slotFor(link) {
    const selector = link.getAttribute("data-margin-open");
    if (selector) {
      return document.querySelector(selector);
    }
    // The "Annotate selection" button (annotate.js) stands in its paragraph's row.
    const row = link.closest(".para-row");
    return row ? row.querySelector(".margin-compose") : null;
  }

  // Where writing starts: the text box (a note's, a reply's, a reason's), else the first field.
  function firstField(form) {
    return form.querySelector("textarea[name=body], textarea[name=reason]") ||
      form.querySelector(
        "textarea:not([hidden]), input:not([type=hidden]):not([hidden]), button[type=submit]"
      );
  }

  function focusNew(root) {
    const marked = root.matches && root.matches("[data-focus-now]")
      ? root
      : root.querySelector && root.querySelector("[data-focus-now]");
    if (!marked) {
      return;
    }
    marked.removeAttribute("data-focus-now");
    const target = marked.classList.contains("margin-form")
      ? marked.querySelector(".has-error textarea, .has-error input:not([type=hidden])") ||
        firstField(marked)
      : marked;
    if (target) {
      target.focus();
    }
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-margin-open], a.annotate-selection");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
        event.altKey) {
      return; // a new tab or window gets the form's own page
    }
    const slot = slotFor(link);
    if (!slot) {
      return;
    }
    event.preventDefault();
    const url = link.getAttribute("href");
    // The same form already open: go back to it rather than lose what is typed in it.
    const open = Array.from(slot.querySelectorAll(".margin-form")).find(function (form) {
      return form.dataset.url === url;
    });
    if (open) {
      const field = firstField(open);
      if (field) {
        field.focus();
      }
      return;
    }
    openers.set(url, link);
    window.htmx.ajax("GET", url, { source: link, target: slot, swap: "beforeend" });
  });

  document.addEventListener("click", function (event) {
    const cancel = event.target.closest("[data-margin-cancel]");
    if (!cancel) {
      return;
    }
    const form = cancel.closest(".margin-form");
    const opener = form && openers.get(form.dataset.url);
    if (form) {
      form.remove();
    }
    if (opener && document.contains(opener)) {
      opener.focus();
    }
  });

  document.body.addEventListener("htmx:afterSettle", function (event) {
    focusNew(event.detail.elt);
    // A swap out of band leaves the settled element elsewhere: look in the whole page too.
    focusNew(document);
  });

  // Refused without a form to show (no permission, the annotation gone, the server down):
  // say so beside the form, which keeps what was typed.
  function refusal(event, words) {
    const source = event.detail.elt;
    const place = (source && source.closest(".margin-form")) || event.detail.target;
    say(words);
    if (place && place.isConnected) {
      let alert = place.querySelector(":scope > .margin-alert");
      if (!alert) {
        alert = document.createElement("p");
        alert.className = "form-errors margin-alert";
        alert.setAttribute("role", "alert");
        place.prepend(alert);
      }
      alert.textContent = words;
    }
  }

  document.body.addEventListener("htmx:responseError", function (event) {
    const code = event.detail.xhr.status;
    const words = {
      403: "Your account may not do this. Nothing was changed.",
      404: "This annotation is no longer there. Nothing was changed.",
      429: "Too many requests: wait a moment, then try again. Nothing was changed.",
    }[code] || "The archive could not do this (error " + code + "). Nothing was changed; " +
      "your text is still here.";
    refusal(event, words);
  });

  document.body.addEventListener("htmx:sendError", function (event) {
    refusal(event, "The archive could not be reached. Nothing was saved; your text is still " +
      "here, try again.");
  });
})();
