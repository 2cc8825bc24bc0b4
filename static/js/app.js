// Progressive enhancement: supporting an idea without a page reload.
// Without JavaScript the same forms post and redirect back.
(function () {
  "use strict";

  // Counts grouped for the page's language, as the server writes them (13.932; 13,932 in English).
  var numberFormat = window.Intl ? new Intl.NumberFormat(document.documentElement.lang || "de") : null;

  function setCounts(ideaId, count) {
    var shown = numberFormat ? numberFormat.format(count) : String(count);
    document.querySelectorAll('[data-support-count="' + ideaId + '"]').forEach(function (el) {
      var template = count === 1 ? el.dataset.one : el.dataset.many;
      el.textContent = template ? template.replace("%d", shown) : shown;
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-support]") || !window.fetch) return;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    // A second press while the first is on its way does nothing. The button is marked busy, not
    // disabled: a disabled button drops the keyboard focus to the page body.
    if (button.getAttribute("aria-busy") === "true") return;
    var supported = button.getAttribute("aria-pressed") === "true";
    var token = form.querySelector("input[name=csrf_token]").value;
    var hadFocus = document.activeElement === button;
    button.setAttribute("aria-busy", "true");
    fetch(form.dataset.api, {
      method: supported ? "DELETE" : "POST",
      headers: { "X-CSRFToken": token, "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result.ok) {
        window.alert(result.data.error ? result.data.error.message : "Error");
        return;
      }
      var nowSupported = result.data.supported;
      button.setAttribute("aria-pressed", nowSupported ? "true" : "false");
      button.textContent = nowSupported ? button.dataset.labelWithdraw : button.dataset.labelSupport;
      button.classList.toggle("button-primary", !nowSupported);
      button.classList.toggle("button-secondary", nowSupported);
      form.action = nowSupported ? form.action.replace(/\/support$/, "/unsupport") : form.action.replace(/\/unsupport$/, "/support");
      setCounts(result.data.idea, result.data.support_count);
    }).catch(function () {
      form.submit();
    }).finally(function () {
      button.removeAttribute("aria-busy");
      if (hadFocus && document.activeElement !== button) button.focus();
    });
  });
})();

// Printing: folded parts (the stratum table, histories) print open, and fold again afterwards.
// Browsers without ::details-content (print.css) need this; confirmation steps stay closed.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open]):not(.confirm):not(.action)").forEach(function (el) {
      el.open = true;
      opened.push(el);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (el) { el.open = false; });
    opened = [];
  });
})();
