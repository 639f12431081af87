// The coach in the editor: while the user types, post the form (debounced) to the coach's
// JSON endpoint and show its findings beside each part and in the side panel. The rules live
// on the server only (stories/coach/); this script only draws what it answers. User text is
// always set as textContent, never as HTML. By keyboard each list of findings is one tab stop,
// with the arrow keys between its links ("In the guide").
(function () {
  "use strict";
  var form = document.getElementById("story-form");
  var panel = document.querySelector("[data-coach-url]");
  if (!form || !panel || !window.fetch) return;
  var url = panel.dataset.coachUrl;
  var summary = panel.querySelector("[data-coach-summary]");
  var gradeSlot = panel.querySelector("[data-coach-grade]");
  var whole = panel.querySelector("[data-coach-whole]");
  var DELAY = 600;
  var timer = null;
  var sent = 0;
  var SYMBOLS = { strong: "★ ", workable: "◐ ", weak: "! " };

  function csrfToken() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function findingItem(f) {
    var li = el("li", "coach-finding");
    li.dataset.severity = f.severity;
    li.dataset.code = f.code;
    var badge = el("span", "severity-badge", f.severity.charAt(0).toUpperCase() + f.severity.slice(1));
    badge.dataset.severity = f.severity;
    li.appendChild(badge);
    li.appendChild(el("span", "coach-message", f.message));
    var hint = el("div", "text-body-secondary coach-hint", f.hint + " ");
    var link = el("a", "", "In the guide");
    link.href = f.guide_url;
    hint.appendChild(link);
    li.appendChild(hint);
    return li;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // Each list of findings is one tab stop: its first link; the arrow keys reach the others.
  function rove(list) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    links.forEach(function (link, i) { link.tabIndex = i === 0 ? 0 : -1; });
  }
  form.addEventListener("keydown", function (event) {
    var list = event.target.closest && event.target.closest(".coach-findings");
    if (!list || event.target.tagName !== "A") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(event.target);
    var next = null;
    if (event.key === "ArrowDown" || event.key === "ArrowRight") next = links[at + 1];
    else if (event.key === "ArrowUp" || event.key === "ArrowLeft") next = links[at - 1];
    else if (event.key === "Home") next = links[0];
    else if (event.key === "End") next = links[links.length - 1];
    if (!next) return;
    event.preventDefault();
    links.forEach(function (link) { link.tabIndex = link === next ? 0 : -1; });
    next.focus();
  });

  function draw(review) {
    var byPart = {};
    review.findings.forEach(function (f) {
      var key = f.part || "";
      (byPart[key] = byPart[key] || []).push(f);
    });
    form.querySelectorAll("[data-coach-for]").forEach(function (list) {
      list.replaceChildren.apply(list, (byPart[list.dataset.coachFor] || []).map(findingItem));
    });
    whole.replaceChildren.apply(whole, (byPart[""] || []).map(findingItem));
    form.querySelectorAll(".coach-findings").forEach(rove);
    var badge = el("span", "badge grade-badge");
    badge.dataset.grade = review.grade;
    badge.appendChild(el("span", "", SYMBOLS[review.grade] || ""));
    badge.firstChild.setAttribute("aria-hidden", "true");
    badge.appendChild(document.createTextNode(review.grade_label));
    gradeSlot.replaceChildren(badge);
    var c = review.counts;
    summary.textContent = review.findings.length
      ? review.grade_label + ", " + review.score + " of 100: " + plural(c.blocker, "blocker") + ", " +
        plural(c.warning, "warning") + ", " + plural(c.tip, "tip") + ". Each part's findings are under it."
      : "Strong: every check passes.";
    panel.dataset.coachState = "ready";
  }

  function check() {
    var mine = ++sent;
    var body = new FormData(form);
    panel.dataset.coachState = "checking";
    fetch(url, {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (review) { if (mine === sent) draw(review); })
      .catch(function () {
        if (mine !== sent) return;
        summary.textContent = "The coach could not be reached; your text is safe. It will try again as you type.";
        panel.dataset.coachState = "error";
      });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, DELAY);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  // A restored draft changes the fields without an input event.
  document.addEventListener("storybank:draft-restored", schedule);
  check();
})();
