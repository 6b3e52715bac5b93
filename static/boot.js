// Runs before the WebAssembly app: if the app cannot load or start, show why in the page's
// error panel instead of leaving a blank page.
(function () {
  "use strict";
  var started = false;
  function fail(message) {
    if (started) return;
    var panel = document.getElementById("fatal-error");
    if (!panel) return;
    document.getElementById("fatal-error-hint").textContent =
      "ProcLab could not start. Check that every file of the dist/ folder is served " +
      "(including the .wasm file) and that WebAssembly is allowed, then reload.";
    document.getElementById("fatal-error-text").textContent = String(message);
    var loading = document.getElementById("loading");
    if (loading) loading.remove();
    panel.hidden = false;
  }
  window.addEventListener("TrunkApplicationStarted", function () { started = true; });
  window.addEventListener("error", function (e) { fail(e.message || e.error || "load error"); });
  window.addEventListener("unhandledrejection", function (e) { fail(e.reason); });
  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("fatal-error-reload").addEventListener("click", function () {
      window.location.reload();
    });
  });
})();
