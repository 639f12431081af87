// The story list's filters: folded behind "Filters" on phones, open on wider screens.
// (The page's CSS shows them on wide screens already where ::details-content is supported.)
(function () {
  "use strict";
  var box = document.getElementById("story-filters");
  if (box && window.matchMedia("(min-width: 768px)").matches) box.open = true;
})();
