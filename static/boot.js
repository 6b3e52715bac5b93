// Runs before the WebAssembly app: if the app cannot load or start, show why in the page's
// error panel instead of leaving a blank page.
(function () {
  "use strict";
  var started = false;
  function fail(message) {
    if (started) return;
    var panel = document.getElementById("fatal-error");
    // A panic fills the panel itself, with its message; the trap that follows adds nothing.
    if (!panel || !panel.hidden) return;
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
    // The report is the message, the link to what was open (set by the app's panic hook)
    // and the page's address.
    document.getElementById("fatal-error-copy").addEventListener("click", function () {
      var scenario = document.getElementById("fatal-error-scenario");
      var report = "ProcLab error report\n" +
        document.getElementById("fatal-error-text").textContent + "\n" +
        (scenario.hidden ? "" : "scenario: " + document.getElementById("fatal-error-link").href + "\n") +
        "page: " + window.location.href + "\nbrowser: " + navigator.userAgent + "\n";
      var done = function (text) { document.getElementById("fatal-error-copied").textContent = text; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(report).then(
          function () { done("Copied."); },
          function () { done("Copying was refused; select the message above and copy it."); });
      } else {
        done("Select the message above and copy it.");
      }
      window.__proclabErrorReport = report;
    });
  });
})();
