// vndocs web app: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // the sort menu applies at once
    document.querySelectorAll("select.autosubmit").forEach(function (sel) {
      sel.addEventListener("change", function () { if (sel.form) sel.form.submit(); });
    });
    // drag and drop onto the upload zone
    var zone = document.getElementById("dropzone");
    var input = document.getElementById("file-input");
    var nameBox = document.getElementById("dz-name");
    if (!zone || !input) return;
    function show() {
      if (nameBox) nameBox.textContent = input.files && input.files.length ? input.files[0].name : "";
    }
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      input.files = e.dataTransfer.files;
      show();
    });
  });
})();
