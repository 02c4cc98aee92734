// Suggestions for a claim's leader box: as the editor types a name, the leaders whose name
// (or alias) starts so are offered in the box's datalist. The box's value is what the server
// resolves; this script only saves typing. One listener on the document serves every
// `input[data-leader-suggest]`, also those in forms other scripts put on the page later.
// Without this script, typing the whole name works the same.
(function () {
  "use strict";

  const DELAY_MS = 200;
  const MIN_CHARS = 2;
  const MAX_CHARS = 100;
  const timers = new WeakMap();
  // The last query sent for each box: an older answer arriving late is dropped.
  const latest = new WeakMap();

  function suggestionList(input) {
    const id = input.getAttribute("list");
    let list = id ? document.getElementById(id) : null;
    if (!list) {
      list = document.createElement("datalist");
      list.id = (input.id || input.name || "leader") + "_suggestions";
      input.insertAdjacentElement("afterend", list);
      input.setAttribute("list", list.id);
    }
    return list;
  }

  function fill(input, leaders) {
    const list = suggestionList(input);
    const options = leaders.map(function (leader) {
      const option = document.createElement("option");
      option.value = leader.label;
      // Beside the value, what tells two leaders apart.
      option.textContent = leader.country || "";
      return option;
    });
    list.replaceChildren.apply(list, options);
  }

  function ask(input) {
    const typed = input.value.trim();
    if (typed.length < MIN_CHARS || typed.length > MAX_CHARS) {
      latest.set(input, "");
      fill(input, []);
      return;
    }
    latest.set(input, typed);
    const url = input.getAttribute("data-leader-suggest") + "?q=" + encodeURIComponent(typed);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : { leaders: [] };
      })
      .then(function (data) {
        if (latest.get(input) === typed) {
          fill(input, data.leaders || []);
        }
      })
      .catch(function () {
        // No suggestions, then: the box still takes the whole name.
      });
  }

  document.addEventListener("input", function (event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.matches("input[data-leader-suggest]")) {
      return;
    }
    clearTimeout(timers.get(input));
    timers.set(
      input,
      setTimeout(function () {
        ask(input);
      }, DELAY_MS)
    );
  });
})();
