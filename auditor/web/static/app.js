/* lkjip-audit serve: drag-and-drop upload with progress, job polling, page zoom. Works without it too. */
"use strict";

function setupUpload(form) {
  const input = form.querySelector("input[type=file]");
  const drop = form.querySelector(".drop");
  const chosen = form.querySelector(".chosen");
  const bar = form.querySelector("progress.sending");
  const error = form.querySelector(".form-error");
  const button = form.querySelector("button[type=submit]");
  const maxBytes = Number(form.dataset.maxBytes || 0);

  function show() {
    chosen.textContent = Array.from(input.files).map((f) => f.name).join(", ");
  }
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach((name) => drop.addEventListener(name, (event) => {
    event.preventDefault();
    drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((name) => drop.addEventListener(name, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    const files = input.multiple ? event.dataTransfer.files : [event.dataTransfer.files[0]];
    const transfer = new DataTransfer();
    Array.from(files).forEach((f) => transfer.items.add(f));
    input.files = transfer.files;
    show();
  });

  form.addEventListener("submit", (event) => {
    if (!window.XMLHttpRequest || !window.FormData) return;  // the plain form post still works
    event.preventDefault();
    const total = Array.from(input.files).reduce((sum, f) => sum + f.size, 0);
    if (!input.files.length) return;
    if (maxBytes && total > maxBytes) {
      error.textContent = form.dataset.tooLarge;
      error.hidden = false;
      return;
    }
    error.hidden = true;
    button.disabled = true;
    button.textContent = form.dataset.uploading;
    bar.hidden = false;
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total);
    });
    request.addEventListener("load", () => {
      // the server answers with a redirect to the job page, which XHR has followed
      if (request.status < 400 && request.responseURL) {
        window.location.assign(request.responseURL);
      } else {
        const page = new DOMParser().parseFromString(request.responseText, "text/html");
        const text = page.querySelector(".message p");
        error.textContent = text ? text.textContent : String(request.status);
        error.hidden = false;
        button.disabled = false;
        bar.hidden = true;
      }
    });
    request.addEventListener("error", () => {
      button.disabled = false;
      error.textContent = "✗";
      error.hidden = false;
    });
    request.send(new FormData(form));
  });
}

function setupProgress(section) {
  const bar = section.querySelector("progress");
  const count = section.querySelector(".count");
  const list = section.querySelector(".files");
  async function poll() {
    let status;
    try {
      const response = await fetch(section.dataset.status, { headers: { Accept: "application/json" } });
      if (!response.ok) { window.location.reload(); return; }
      status = await response.json();
    } catch (e) {
      window.setTimeout(poll, 2000);
      return;
    }
    if (status.done) { window.location.reload(); return; }
    bar.max = status.total;
    bar.value = status.finished;
    count.textContent = section.dataset.progress.replace("{finished}", status.finished).replace("{total}", status.total);
    status.files.forEach((file, i) => {
      const item = list.children[i];
      if (!item) return;
      item.className = "state-" + file.state;
      item.querySelector(".state").textContent = section.dataset[file.state] || file.state;
    });
    window.setTimeout(poll, 700);
  }
  window.setTimeout(poll, 500);
}

function setupZoom(figure) {
  const button = figure.querySelector(".zoom");
  const frame = figure.querySelector(".frame");
  const sheet = figure.querySelector(".sheet");
  function toggle() {
    const zoomed = figure.classList.toggle("zoomed");
    // zoomed: the whole page, twice as wide, scrolled to the marked cell; else the band around the cells
    sheet.setAttribute("viewBox", zoomed ? sheet.dataset.full : sheet.dataset.crop);
    button.textContent = zoomed ? button.dataset.out : button.dataset.in;
    button.setAttribute("aria-pressed", String(zoomed));
    const cell = sheet.querySelector(".odd") || sheet.querySelector("rect");
    if (zoomed && cell) {
      const box = cell.getBoundingClientRect();
      const outer = frame.getBoundingClientRect();
      frame.scrollLeft += box.left - outer.left - (outer.width - box.width) / 2;
      frame.scrollTop += box.top - outer.top - (outer.height - box.height) / 2;
    }
  }
  button.addEventListener("click", toggle);
  sheet.addEventListener("dblclick", toggle);
}

function showMarkedCell(excerpt) {
  // a wide table on a narrow screen: scroll sideways to the marked cell, keeping the row's label in mind
  const cell = excerpt.querySelector("td.odd") || excerpt.querySelector("td.marked");
  if (cell && cell.offsetLeft + cell.offsetWidth > excerpt.clientWidth) {
    excerpt.scrollLeft = cell.offsetLeft - excerpt.clientWidth / 3;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".excerpt").forEach(showMarkedCell);
  document.querySelectorAll("form.upload").forEach(setupUpload);
  const progress = document.getElementById("progress");
  if (progress) setupProgress(progress);
  document.querySelectorAll(".page-figure").forEach(setupZoom);
});
