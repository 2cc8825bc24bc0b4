// The progress of a letters file made in the background: polls its JSON status and moves the bar;
// once the file is ready (or has failed) the page reloads to show the download link (or the retry).
// Without JavaScript a <noscript> refresh reloads the page every few seconds.
(function () {
  "use strict";

  function poll(box) {
    var url = box.dataset.fileStatus;
    var message = box.querySelector("[data-file-message]");
    var bar = box.querySelector("[data-file-bar]");
    var delay = 1500;

    function step() {
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (state) {
          if (state.status === "done" || state.status === "failed") {
            window.location.reload();
            return;
          }
          if (message) message.textContent = state.message;
          if (bar) {
            bar.max = Math.max(state.total, 1);
            bar.value = state.done;
            bar.textContent = state.percent + " %";
          }
          delay = 1500;
          window.setTimeout(step, delay);
        })
        .catch(function () {
          delay = Math.min(delay * 2, 30000); // the server is busy or gone for a moment: try again later
          window.setTimeout(step, delay);
        });
    }

    window.setTimeout(step, delay);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.fetch) return;
    document.querySelectorAll("[data-file-status][aria-busy=true]").forEach(poll);
  });
})();
