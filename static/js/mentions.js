// Switch mention highlighting without reloading the page. Without this script the switch is
// a plain link to the same page with or without ?mentions=on; with it, that page is fetched
// and its paragraph texts and key replace these, the address changes to match, and focus
// stays on the switch. Anything unexpected falls back to following the link.
(function () {
  "use strict";

  const controls = document.getElementById("mention-controls");
  if (!controls || !window.fetch || !window.DOMParser) {
    return;
  }

  function paragraphTexts(root) {
    return Array.from(root.querySelectorAll(".para-text[data-position]"));
  }

  async function fetchPage(url) {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) {
      throw new Error(response.status + " " + response.statusText);
    }
    return new DOMParser().parseFromString(await response.text(), "text/html");
  }

  function swapIn(next, link) {
    const texts = paragraphTexts(document);
    const fresh = new Map(
      paragraphTexts(next).map(function (text) {
        return [text.dataset.position, text];
      })
    );
    const nextControls = next.getElementById("mention-controls");
    const nextLink = nextControls && nextControls.querySelector("a.mention-toggle");
    // The editorial changed since this page was loaded: show the new one as a whole.
    if (!nextLink || fresh.size !== texts.length) {
      return false;
    }
    if (!texts.every(function (text) { return fresh.has(text.dataset.position); })) {
      return false;
    }
    texts.forEach(function (text) {
      text.replaceChildren(...fresh.get(text.dataset.position).childNodes);
    });
    const legend = controls.querySelector(".mention-legend");
    if (legend) {
      legend.remove();
    }
    const nextLegend = nextControls.querySelector(".mention-legend");
    if (nextLegend) {
      link.closest(".mention-switch").after(nextLegend);
    }
    link.href = nextLink.getAttribute("href");
    link.textContent = nextLink.textContent;
    return true;
  }

  let busy = false;

  controls.addEventListener("click", async function (event) {
    const link = event.target.closest("a.mention-toggle");
    // A new tab or window gets the link as it is.
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
        event.altKey) {
      return;
    }
    event.preventDefault();
    if (busy) {
      return;
    }
    busy = true;
    const url = link.href;
    const status = document.getElementById("mention-status");
    try {
      if (!swapIn(await fetchPage(url), link)) {
        throw new Error("the page changed");
      }
    } catch (error) {
      window.location.assign(url);
      return;
    } finally {
      busy = false;
    }
    window.history.replaceState(window.history.state, "", url + window.location.hash);
    if (status) {
      status.textContent = controls.querySelector(".mention-legend")
        ? "Mentions highlighted in the text."
        : "Mentions no longer highlighted.";
    }
  });
})();
