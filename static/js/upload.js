// Scan upload: drag and drop many files; each is sent on its own, with its own progress bar
// and its own result (the server checks every file separately). Without this script the form
// still posts all files at once.
(function () {
  "use strict";
  var form = document.querySelector("form[data-upload]");
  if (!form) { return; }
  var input = form.querySelector('input[type="file"]');
  var zone = form.querySelector(".drop-zone");
  var list = document.querySelector(".upload-results");
  var token = form.querySelector('input[name="csrf_token"]').value;

  function send(file) {
    var item = document.createElement("li");
    var name = document.createElement("bdi");
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    var note = document.createElement("span");
    item.append(name, " ", bar, " ", note);
    list.append(item);
    var body = new FormData();
    body.append("csrf_token", token);
    body.append("file", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
    });
    xhr.addEventListener("load", function () {
      var result = null;
      try { result = JSON.parse(xhr.responseText)[0]; } catch (err) { result = null; }
      bar.value = 100;
      if (result && result.ok) {
        item.className = "ok"; note.textContent = "✓ " + result.page;
      } else {
        item.className = "failed";
        note.className = "field-error";
        note.textContent = result ? result.error : ("HTTP " + xhr.status);
      }
    });
    xhr.addEventListener("error", function () {
      item.className = "failed"; note.className = "field-error"; note.textContent = "network error";
    });
    xhr.send(body);
  }

  function sendAll(files) {
    // One after another: the server makes a tile pyramid for each, and order is page order.
    var queue = Array.prototype.slice.call(files);
    (function next() {
      var file = queue.shift();
      if (!file) { return; }
      send(file);
      setTimeout(next, 0);
    })();
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    sendAll(input.files);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) {
    e.preventDefault();
    sendAll(e.dataTransfer.files);
  });
})();
