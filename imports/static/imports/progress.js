// Follow a running import: poll its progress and reload the page when it has finished.
(function () {
  "use strict";
  const box = document.querySelector("[data-progress-url]");
  if (!box) return;
  const bar = box.querySelector("progress");
  const text = box.querySelector("[data-progress-text]");
  async function poll() {
    try {
      const response = await fetch(box.dataset.progressUrl, { credentials: "same-origin" });
      const progress = await response.json();
      bar.max = progress.total;
      bar.value = progress.done;
      text.textContent = `${progress.done} of ${progress.total} files`;
      if (progress.finished) {
        window.location.reload();
        return;
      }
    } catch (error) {
      // A missed poll is harmless; try again shortly.
    }
    window.setTimeout(poll, 1000);
  }
  window.setTimeout(poll, 1000);
})();
