// newsfuse web app: a whole story row is a link; the upload form checks its limits before
// sending (the server checks them again). No inline handlers: the CSP allows only this file.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var row = event.target.closest("tr.story-row[data-href]");
    if (!row || event.target.closest("a")) return;
    window.location.href = row.getAttribute("data-href");
  });

  var form = document.querySelector("form.add");
  if (!form) return;
  var input = form.querySelector("input[type=file]");
  var note = form.querySelector(".upload-note");
  var maxFiles = parseInt(form.getAttribute("data-max-files"), 10);
  var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10);
  function check() {
    var files = Array.prototype.slice.call(input.files || []);
    var bytes = files.reduce(function (n, f) { return n + f.size; }, 0);
    var problem = files.length > maxFiles ? "Too many files: at most " + maxFiles + "."
      : bytes > maxBytes ? "Too large: at most " + maxBytes.toLocaleString() + " bytes in all." : "";
    note.textContent = problem || (files.length ? files.length + " file(s), " + bytes.toLocaleString() + " bytes" : "");
    return !problem;
  }
  input.addEventListener("change", check);
  form.addEventListener("submit", function (event) {
    if (!check()) { event.preventDefault(); return; }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    button.textContent = "Adding…";
  });
})();
