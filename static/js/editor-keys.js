// The story editor by keyboard: Enter in a one-line field does not submit the story (a title alone
// was saved by accident); Ctrl+S or Cmd+S (and Ctrl+Enter) save it, announced in a live region.
// Without JavaScript the browser's own behaviour remains: Enter in a one-line field submits.
// On wide screens the side column scrolls within the window, Save pinned at its foot (site.css);
// here its height follows the page's scroll, so that Save is in view from the top of the page on.
(function () {
  "use strict";
  var form = document.getElementById("story-form");
  if (!form) return;
  var saveButton = form.querySelector("[data-save-button]");
  var status = form.querySelector("[data-save-status]");
  var mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  var NOT_ONE_LINE = ["checkbox", "radio", "submit", "button", "reset", "file", "image", "hidden"];

  form.querySelectorAll("[data-save-shortcut]").forEach(function (key) {
    key.textContent = mac ? "⌘S" : "Ctrl+S";
    key.parentNode.hidden = false;
  });

  form.addEventListener("keydown", function (event) {
    var el = event.target;
    if (event.key === "Enter" && !event.ctrlKey && !event.metaKey && el.tagName === "INPUT" &&
        NOT_ONE_LINE.indexOf(el.type) === -1) {
      event.preventDefault();
    }
  });

  function save() {
    if (status) status.textContent = "Saving…";
    if (form.requestSubmit) form.requestSubmit(saveButton || undefined);
    else form.submit();
  }

  var side = form.querySelector(".editor-side");
  var wide = window.matchMedia("(min-width: 992px)");
  var pending = false;
  function fit() {
    pending = false;
    if (!wide.matches) { side.style.maxHeight = ""; return; }
    var top = Math.max(side.getBoundingClientRect().top, parseFloat(getComputedStyle(side).top) || 0);
    side.style.maxHeight = Math.max(window.innerHeight - top - 12, 240) + "px";
  }
  function schedule() {
    if (!pending) { pending = true; window.requestAnimationFrame(fit); }
  }
  if (side) {
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    // Boxes shown above it later (the draft banner, "Paste a whole story") move it down.
    if (window.ResizeObserver) new ResizeObserver(schedule).observe(document.querySelector("main") || document.body);
    fit();
  }

  document.addEventListener("keydown", function (event) {
    var modifier = mac ? event.metaKey : event.ctrlKey;
    var saveKey = modifier && !event.altKey && !event.shiftKey && (event.key === "s" || event.key === "S");
    var ctrlEnter = (event.ctrlKey || event.metaKey) && event.key === "Enter" && form.contains(event.target);
    if (!saveKey && !ctrlEnter) return;
    event.preventDefault();  // not the browser's "Save page as"
    if (event.repeat) return;
    save();
  });
})();
