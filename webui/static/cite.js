// duikou: a copy button for each citation format (webui/templates/entity/_cite_formats.html). Without this
// file the citations are plain text to select; with it, each gets a button that copies it with the
// Clipboard API and says so in the block's status line, which screen readers announce.
"use strict";
(function () {
  function enhance(block) {
    var status = block.querySelector(".copy-status");
    block.querySelectorAll("pre.citation").forEach(function (pre) {
      var heading = pre.previousElementSibling;
      var name = heading ? heading.textContent : pre.dataset.format;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.textContent = block.dataset.copy + " " + name;
      button.addEventListener("click", function () {
        var say = function (message) { status.textContent = ""; status.textContent = message + " " + name; };
        if (!navigator.clipboard) { say(block.dataset.failed); return; }
        navigator.clipboard.writeText(pre.textContent).then(
          function () { say(block.dataset.copied); button.dataset.copied = "true"; },
          function () { say(block.dataset.failed); }
        );
      });
      pre.parentNode.insertBefore(button, pre.nextSibling);
    });
  }
  document.querySelectorAll(".citations").forEach(enhance);
})();
