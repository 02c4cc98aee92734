// Progressive enhancement of the upload form: drop files on the zone, list what was chosen,
// and show upload progress. Without JavaScript the plain file input does the same job.
(function () {
  "use strict";
  const form = document.querySelector("[data-import-upload]");
  if (!form) return;
  const zone = form.querySelector("[data-drop-zone]");
  const input = form.querySelector("input[type=file]");
  const chosen = form.querySelector("[data-chosen]");
  const status = form.querySelector("[data-upload-status]");
  form.querySelector("[data-drop-hint]").hidden = false;

  function listChosen() {
    chosen.replaceChildren();
    for (const file of input.files) {
      const item = document.createElement("li");
      item.textContent = `${file.name} (${Math.ceil(file.size / 1024)} KB)`;
      chosen.append(item);
    }
  }

  input.addEventListener("change", listChosen);
  ["dragenter", "dragover"].forEach((name) =>
    zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("is-dragging");
    })
  );
  ["dragleave", "drop"].forEach((name) =>
    zone.addEventListener(name, () => zone.classList.remove("is-dragging"))
  );
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    input.files = event.dataTransfer.files;
    listChosen();
  });

  form.addEventListener("submit", (event) => {
    if (!window.XMLHttpRequest || !input.files.length) return;
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    status.hidden = false;
    status.textContent = "Uploading…";
    request.upload.addEventListener("progress", (progress) => {
      if (progress.lengthComputable) {
        const percent = Math.round((100 * progress.loaded) / progress.total);
        status.textContent = percent < 100 ? `Uploading: ${percent}%` : "Reading the files…";
      }
    });
    request.addEventListener("load", () => {
      if (request.responseURL && request.responseURL !== window.location.href) {
        window.location.assign(request.responseURL);
      } else {
        document.open();
        document.write(request.responseText);
        document.close();
      }
    });
    request.addEventListener("error", () => {
      status.textContent = "The upload failed; check the connection and try again.";
    });
    request.send(new FormData(form));
  });
})();
