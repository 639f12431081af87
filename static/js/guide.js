// Highlight, in the sidebar, the guide section being read.
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll(".toc-link"));
  if (!links.length || !("IntersectionObserver" in window)) return;
  var byId = {};
  links.forEach(function (link) {
    (byId[link.dataset.anchor] = byId[link.dataset.anchor] || []).push(link);
  });
  var headings = Object.keys(byId).map(function (id) { return document.getElementById(id); }).filter(Boolean);
  var visible = new Set();

  var shown = null;

  // Scroll the contents panel (never the page) so that `link` is inside its visible box.
  function keepInView(link) {
    var panel = link.closest(".guide-toc");
    if (!panel || !link.offsetParent || panel.scrollHeight <= panel.clientHeight) return;
    var box = panel.getBoundingClientRect(), item = link.getBoundingClientRect(), margin = 24;
    if (item.top < box.top) panel.scrollTop -= box.top - item.top + margin;
    else if (item.bottom > box.bottom) panel.scrollTop += item.bottom - box.bottom + margin;
  }

  function activate(id) {
    links.forEach(function (link) {
      var on = link.dataset.anchor === id;
      link.classList.toggle("active", on);
      if (on) link.setAttribute("aria-current", "location"); else link.removeAttribute("aria-current");
      // Only when the highlight moves: a reader scrolling the panel by hand is left alone.
      if (on && shown !== id) keepInView(link);
    });
    shown = id;
  }

  // After a jump to a section, that section stays highlighted until the reader scrolls
  // by hand: near the end of the page a short section cannot reach the top.
  var pinned = location.hash ? location.hash.slice(1) : null;
  ["wheel", "touchmove", "keydown"].forEach(function (type) {
    window.addEventListener(type, function () { pinned = null; }, { passive: true });
  });

  function current() {
    if (pinned && byId[pinned]) return pinned;
    // The last heading above a line just under the sticky header is the one being read.
    var line = Math.min(window.innerHeight / 3, 140), chosen = headings[0];
    headings.forEach(function (h) { if (h.getBoundingClientRect().top <= line) chosen = h; });
    return chosen && chosen.id;
  }

  var observer = new IntersectionObserver(function () { activate(current()); }, { rootMargin: "0px 0px -60% 0px" });
  headings.forEach(function (h) { observer.observe(h); });
  window.addEventListener("scroll", function () { activate(current()); }, { passive: true });
  window.addEventListener("hashchange", function () { pinned = location.hash.slice(1); activate(current()); });
  activate(current());
})();
