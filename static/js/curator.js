// Curator workspace: while someone types into a form, tell the server now and then, so that a
// long edit never outlives its session. No inline script anywhere (Content-Security-Policy).
(function () {
  "use strict";
  var token = document.querySelector('meta[name="csrf-token"]');
  var url = document.querySelector('meta[name="keepalive-url"]');
  if (!token || !url) { return; }
  var last = Date.now();
  var EVERY_MS = 5 * 60 * 1000;
  document.addEventListener("input", function () {
    if (Date.now() - last < EVERY_MS) { return; }
    last = Date.now();
    fetch(url.content, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": token.content }
    }).catch(function () { /* offline for a moment: the next keystroke tries again */ });
  });
})();

// A translation whose text is changed needs review again: its status drops to "needs review"
// as soon as the text differs from what was loaded (the curator can set it back to checked
// before saving, vouching for the new text). Without script, the status is saved as chosen.
(function () {
  "use strict";
  document.querySelectorAll("fieldset.localized label[lang]").forEach(function (label) {
    var input = label.querySelector("input, textarea");
    var next = label.nextElementSibling;
    while (next && !(next.classList && next.classList.contains("review-status"))) {
      next = next.nextElementSibling;
    }
    var select = next && next.querySelector("select");
    if (!input || !select) { return; }
    var loaded = select.value;
    input.addEventListener("input", function () {
      select.value = input.value === input.defaultValue ? loaded : "review";
    });
  });
})();
