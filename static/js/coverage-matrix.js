// The values x stories matrix: say so, and shade the right edge, while some stories are off to the side.
(function () {
  "use strict";
  var frame = document.querySelector("[data-matrix-frame]");
  var hint = document.getElementById("matrix-hint");
  if (!frame) return;
  var wrap = frame.querySelector(".matrix-wrap");

  function measure() {
    var overflow = wrap.scrollWidth > wrap.clientWidth + 1;
    var more = overflow && wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 1;
    frame.classList.toggle("can-scroll-right", more);
    if (hint) {
      hint.classList.add("measured");  // JavaScript decides from now on, not the width rule
      hint.hidden = !overflow;
    }
  }
  wrap.addEventListener("scroll", measure, { passive: true });
  window.addEventListener("resize", measure);
  measure();
})();
