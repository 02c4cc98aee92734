// A margin that follows the text. On wide screens each block of the margin (a card, the
// "N more" list, a form, the "Annotate paragraph" link) stands level with the words it is
// about, pushed down below the block before it when they would overlap, so that a long
// margin no longer stretches its paragraph and leaves gaps in the text. On phones each
// paragraph's notes fold behind a button. A highlight and its card light up together, and a
// highlight's link opens whatever hides its card and puts the focus on it.
// Without this script the margin stands under each paragraph (margin.css).
(function () {
  "use strict";

  const body = document.querySelector(".article-body");
  if (!body) {
    return;
  }

  const FLOATING = "margin-floating";
  const GAP = 12; // px between two blocks of the margin
  const wide = window.matchMedia("screen and (min-width: 64em)");
  let floating = false;
  let scheduled = false;

  // ---- Which blocks, where ----

  // The blocks of one margin, in document order; a card inside "N more" moves with its list.
  function itemsOf(margin) {
    return Array.from(margin.querySelectorAll(".margin-item")).filter(function (item) {
      return !item.parentElement.closest(".margin-item");
    });
  }

  // The top of the first line of a card's first highlight, or null for anything else.
  function anchorTop(item, row) {
    const match = /^a(\d+)$/.exec(item.id || "");
    if (!match || !item.classList.contains("annotation")) {
      return null;
    }
    const mark = row.querySelector('mark[data-annotations~="' + match[1] + '"]');
    const rects = mark ? mark.getClientRects() : [];
    return rects.length ? rects[0].top : null;
  }

  function clearPositions() {
    body.querySelectorAll(".para-margin .margin-item").forEach(function (item) {
      item.style.removeProperty("top");
    });
    body.style.removeProperty("padding-bottom");
  }

  // All reads first, then all writes: placing a block changes no size that is read.
  function layout() {
    scheduled = false;
    if (!floating) {
      return;
    }
    const plan = [];
    let lastRow = null;
    body.querySelectorAll(".para-row").forEach(function (row) {
      const margin = row.querySelector(":scope > .para-margin");
      const para = row.querySelector(":scope > .para");
      if (!margin || !para) {
        return;
      }
      lastRow = row;
      const paraTop = para.getBoundingClientRect().top;
      const marginTop = margin.getBoundingClientRect().top;
      // A block with no words of its own keeps its place after the blocks before it.
      let runningKey = paraTop;
      const entries = itemsOf(margin).map(function (item, index) {
        const anchor = anchorTop(item, row);
        const key = anchor === null ? runningKey : anchor;
        runningKey = Math.max(runningKey, key);
        return {
          item: item,
          index: index,
          key: key,
          want: anchor === null ? paraTop : anchor,
          height: item.getBoundingClientRect().height,
          origin: marginTop,
        };
      });
      entries.sort(function (a, b) {
        return a.key - b.key || a.index - b.index;
      });
      plan.push.apply(plan, entries);
    });
    let previousBottom = -Infinity;
    plan.forEach(function (entry) {
      entry.top = entry.height ? Math.max(entry.want, previousBottom + GAP) : entry.want;
      if (entry.height) {
        previousBottom = entry.top + entry.height;
      }
    });
    const textBottom = lastRow ? lastRow.getBoundingClientRect().bottom : 0;
    plan.forEach(function (entry) {
      entry.item.style.top = Math.round(entry.top - entry.origin) + "px";
    });
    const overhang = previousBottom - textBottom;
    body.style.paddingBottom = overhang > 0 ? Math.ceil(overhang + GAP) + "px" : "";
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(layout);
    }
  }

  // ---- Phones: each paragraph's notes behind a button ----

  function cardsOf(section) {
    let cards = section.querySelector(":scope > .margin-cards");
    if (!cards) {
      cards = document.createElement("div");
      cards.className = "margin-cards";
      cards.id = section.id + "-cards";
      const heading = section.querySelector(":scope > .margin-count");
      Array.from(section.children).forEach(function (child) {
        if (child !== heading) {
          cards.appendChild(child);
        }
      });
      section.appendChild(cards);
    }
    return cards;
  }

  function setOpen(section, open) {
    const button = section.querySelector(":scope > .margin-count > .margin-toggle");
    section.classList.toggle("is-collapsed", !open);
    if (button) {
      button.setAttribute("aria-expanded", String(open));
    }
  }

  function foldable(section, on) {
    const heading = section.querySelector(":scope > .margin-count");
    if (!heading) {
      return;
    }
    let button = heading.querySelector(":scope > .margin-toggle");
    if (on && !button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "margin-toggle";
      button.setAttribute("aria-controls", cardsOf(section).id);
      while (heading.firstChild) {
        button.appendChild(heading.firstChild);
      }
      heading.appendChild(button);
      setOpen(section, false);
    } else if (!on && button) {
      while (button.firstChild) {
        heading.insertBefore(button.firstChild, button);
      }
      button.remove();
      section.classList.remove("is-collapsed");
    }
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest(".margin-toggle");
    if (button) {
      const section = button.closest(".margin-notes");
      setOpen(section, section.classList.contains("is-collapsed"));
    }
  });

  // ---- A highlight and its card ----

  function cardFor(id) {
    const card = document.getElementById("a" + id);
    return card && card.classList.contains("annotation") ? card : null;
  }

  // Opens the folded notes and the "N more" list that hide `element`, and lays out again.
  function reveal(element) {
    let opened = false;
    for (let node = element; node && node !== body; node = node.parentElement) {
      if (node.matches("details.more-annotations") && !node.open) {
        node.open = true;
        opened = true;
      }
      if (node.matches(".margin-notes.is-collapsed")) {
        setOpen(node, true);
        opened = true;
      }
    }
    if (opened) {
      layout(); // now, so that the browser scrolls to where the card stands
    }
  }

  let linked = [];
  let linkedKey = "";

  function link(ids) {
    const key = ids.join(" ");
    if (key === linkedKey) {
      return;
    }
    linked.forEach(function (element) {
      element.classList.remove("is-linked");
    });
    linked = [];
    linkedKey = key;
    ids.forEach(function (id) {
      const card = cardFor(id);
      if (card) {
        linked.push(card);
      }
      body.querySelectorAll('mark[data-annotations~="' + id + '"]').forEach(function (mark) {
        linked.push(mark);
      });
    });
    linked.forEach(function (element) {
      element.classList.add("is-linked");
    });
  }

  // The annotations that `target` stands for: a highlight's, or the card it is in.
  function idsAt(target) {
    const element = target && target.nodeType === Node.ELEMENT_NODE ? target : null;
    if (!element) {
      return [];
    }
    const mark = element.closest("mark.quote[data-annotations]");
    if (mark && body.contains(mark)) {
      return mark.getAttribute("data-annotations").split(/\s+/).filter(Boolean);
    }
    const card = element.closest(".para-margin .annotation");
    const match = card && /^a(\d+)$/.exec(card.id);
    return match ? [match[1]] : [];
  }

  document.addEventListener("mouseover", function (event) {
    link(idsAt(event.target));
  });
  document.addEventListener("mouseout", function (event) {
    if (!event.relatedTarget) {
      link([]);
    }
  });
  document.addEventListener("focusin", function (event) {
    link(idsAt(event.target));
  });
  document.addEventListener("focusout", function (event) {
    if (!event.relatedTarget) {
      link([]);
    }
  });

  // The highlight's link goes to its card: open what hides it, and give it the focus (the
  // browser then scrolls to it and marks it :target, as without this script).
  body.addEventListener("click", function (event) {
    const anchor = event.target.closest('mark.quote a[href^="#a"]');
    if (!anchor) {
      return;
    }
    const card = document.getElementById(anchor.getAttribute("href").slice(1));
    if (!card) {
      return;
    }
    reveal(card);
    card.setAttribute("tabindex", "-1");
    card.focus({ preventScroll: true });
  });

  function revealTarget() {
    const id = window.location.hash.slice(1);
    const target = id && document.getElementById(id);
    if (target && body.contains(target)) {
      const hidden = target.closest(".margin-notes.is-collapsed, details:not([open])");
      if (hidden) {
        reveal(target);
        target.scrollIntoView();
      }
    }
  }

  window.addEventListener("hashchange", revealTarget);

  // ---- Keeping it laid out ----

  const sized = new Set();
  const resizes = new ResizeObserver(schedule);

  function watch() {
    const now = new Set(body.querySelectorAll(".para-margin .margin-item, .para"));
    sized.forEach(function (element) {
      if (!now.has(element)) {
        resizes.unobserve(element);
        sized.delete(element);
      }
    });
    now.forEach(function (element) {
      if (!sized.has(element)) {
        resizes.observe(element);
        sized.add(element);
      }
    });
    body.querySelectorAll(".para-margin .annotation").forEach(function (card) {
      if (!card.hasAttribute("tabindex")) {
        card.setAttribute("tabindex", "-1");
      }
    });
  }

  // Only blocks coming and going in a margin: classes and positions set here are attributes.
  new MutationObserver(function (records) {
    if (records.some(function (record) {
      return record.target.closest && record.target.closest(".para-margin");
    })) {
      watch();
      schedule();
    }
  }).observe(body, { childList: true, subtree: true });

  function setMode() {
    floating = wide.matches;
    body.classList.toggle(FLOATING, floating);
    body.querySelectorAll(".para-margin > .margin-notes").forEach(function (section) {
      cardsOf(section);
      foldable(section, !floating);
    });
    if (floating) {
      layout();
    } else {
      clearPositions();
    }
  }

  wide.addEventListener("change", setMode);
  window.addEventListener("resize", schedule);
  window.addEventListener("load", schedule);
  document.addEventListener("toggle", schedule, true); // a "N more" list opened or closed
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(schedule);
  }

  watch();
  setMode();
  revealTarget();

  window.archiveMargin = { layout: layout };
})();
