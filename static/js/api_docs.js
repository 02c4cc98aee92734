// The API documentation page (templates/api/docs.html), for keyboards and screen readers:
// Swagger UI renders a parameter's choices (`paragraphs`: true or false) as a <select>
// without a label, and an example or answer too long for its box in a region that scrolls
// but cannot be focused. As they appear, each choice is named after its parameter and each
// such region can be reached with Tab (and scrolled with the arrow keys).
"use strict";

function labelControls(root) {
  for (const select of root.querySelectorAll("tr[data-param-name] select:not([aria-label])")) {
    const row = select.closest("tr[data-param-name]");
    select.setAttribute("aria-label", row.dataset.paramName);
  }
  for (const region of root.querySelectorAll(".highlight-code > pre:not([tabindex])")) {
    region.setAttribute("tabindex", "0");
  }
}

new MutationObserver(() => labelControls(document)).observe(document.body, {
  childList: true,
  subtree: true,
});
