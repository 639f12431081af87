// The story editor: live word counts and speaking time per part against the guide's
// budgets, Markdown previews, and a draft kept in localStorage until the story is saved.
// wordCount() and partStatus() mirror stories/timing.py; tests check they agree.
(function () {
  "use strict";
  var NEAR_BUDGET = 0.8;

  // Python's str.split() whitespace, exactly, so both sides cut words in the same places.
  var SPACES = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  function wordCount(text) {
    return (text || "").split(SPACES).filter(function (token) {
      return /[\p{L}\p{N}]/u.test(token);
    }).length;
  }
  function speakingSeconds(words, wpm) { return Math.floor((words * 120 + wpm) / (2 * wpm)); }
  function partStatus(seconds, budget) {
    if (seconds > budget) return "over";
    if (seconds >= budget * NEAR_BUDGET) return "near";
    return "ok";
  }
  function clock(seconds) {
    var s = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }
  window.storyTiming = { wordCount: wordCount, speakingSeconds: speakingSeconds, partStatus: partStatus, clock: clock };

  var form = document.getElementById("story-form");
  if (!form) return;
  var wpm = parseInt(form.dataset.wpm, 10) || 150;
  var areas = Array.prototype.slice.call(form.querySelectorAll("textarea[data-part]"));
  var totals = Array.prototype.slice.call(document.querySelectorAll("[data-total-counter], [data-total-mirror]"));
  var LABELS = { ok: "within budget", near: "near the budget", over: "over budget" };

  function describe(seconds, budget, status) {
    var text = clock(seconds) + " of " + clock(budget) + " · " + LABELS[status];
    if (status === "over") text = clock(seconds) + " of " + clock(budget) + " · over by " + clock(seconds - budget);
    return text;
  }

  function grow(area) {
    // Let a part grow with its text (to a limit), so the whole part can be read at once.
    area.style.height = "auto";
    area.style.height = Math.min(area.scrollHeight + 2, 640) + "px";
  }

  function update() {
    var sum = 0;
    areas.forEach(function (area) {
      var words = wordCount(area.value);
      var seconds = speakingSeconds(words, wpm);
      var budget = parseInt(area.dataset.budget, 10);
      var status = partStatus(seconds, budget);
      sum += seconds;
      var out = form.querySelector('[data-counter-for="' + area.dataset.part + '"]');
      out.textContent = words + (words === 1 ? " word · " : " words · ") + describe(seconds, budget, status);
      out.dataset.status = status;
      out.dataset.seconds = seconds;
      var bar = form.querySelector('[data-bar-for="' + area.dataset.part + '"]');
      if (bar) {
        bar.style.flexGrow = budget;
        bar.dataset.status = seconds ? status : "empty";
        bar.style.setProperty("--fill", Math.min(100, Math.round(100 * seconds / budget)) + "%");
      }
    });
    totals.forEach(function (total) {
      var budget = parseInt(total.dataset.budget, 10);
      var status = partStatus(sum, budget);
      total.textContent = (total.dataset.prefix || "") + describe(sum, budget, status);
      total.dataset.status = status;
      total.dataset.seconds = sum;
    });
  }

  // Markdown preview, rendered and sanitized by the server.
  form.querySelectorAll("[data-preview-toggle]").forEach(function (button) {
    var field = button.dataset.previewToggle;
    var area = form.querySelector('textarea[data-part="' + field + '"]');
    var box = form.querySelector('[data-preview-for="' + field + '"]');
    button.addEventListener("click", function () {
      var showing = button.getAttribute("aria-pressed") === "true";
      if (showing) {
        box.classList.add("d-none");
        area.classList.remove("d-none");
        button.setAttribute("aria-pressed", "false");
        button.textContent = "Preview";
        area.focus();
        return;
      }
      var body = new FormData();
      body.append("text", area.value);
      body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      fetch(form.dataset.previewUrl, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          box.innerHTML = data.html || '<p class="text-body-secondary">Nothing to preview yet.</p>';
          box.style.minHeight = area.offsetHeight + "px";
          area.classList.add("d-none");
          box.classList.remove("d-none");
          button.setAttribute("aria-pressed", "true");
          button.textContent = "Edit";
        })
        .catch(function () { box.textContent = "The preview is not available right now; your text is safe."; box.classList.remove("d-none"); });
    });
  });

  // Drafts: everything typed is kept in this browser until the story is saved.
  var key = form.dataset.draftKey;
  var versionInput = form.querySelector("[name=version]");
  var banner = document.getElementById("draft-banner");
  var storage = null;
  try { storage = window.localStorage; storage.getItem(key); } catch (e) { storage = null; }

  function snapshot() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "version") return;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) (data[el.name] = data[el.name] || []).push(el.value);
      } else if (el.tagName !== "BUTTON") {
        data[el.name] = el.value;
      }
    });
    return data;
  }
  function apply(data) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in data) && el.type !== "checkbox" && el.type !== "radio") return;
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = (data[el.name] || []).indexOf(el.value) !== -1;
      } else if (el.tagName !== "BUTTON" && el.name in data) {
        el.value = data[el.name];
      }
    });
    form.querySelectorAll("[data-picker-field]").forEach(function (f) { f.dispatchEvent(new Event("picker:refresh")); });
    areas.forEach(grow);
    update();
    document.dispatchEvent(new Event("storybank:draft-restored"));
  }
  var initial = JSON.stringify(snapshot());
  var timer = null;
  function save() {
    if (!storage) return;
    var now = snapshot();
    if (JSON.stringify(now) === initial) return;
    var record = { savedAt: new Date().toISOString(), version: versionInput ? versionInput.value : "", fields: now };
    try { storage.setItem(key, JSON.stringify(record)); } catch (e) { /* storage full: nothing to do */ }
  }
  areas.forEach(grow);
  form.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea")) grow(event.target);
    update(); clearTimeout(timer); timer = setTimeout(save, 400); });
  form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(save, 400); });
  window.addEventListener("pagehide", save);

  if (storage && banner) {
    var stored = null;
    try { stored = JSON.parse(storage.getItem(key) || "null"); } catch (e) { stored = null; }
    if (stored && stored.fields && JSON.stringify(stored.fields) !== initial) {
      banner.querySelector("[data-draft-time]").textContent = new Date(stored.savedAt).toLocaleString();
      banner.classList.remove("d-none");
      banner.querySelector("[data-draft-restore]").addEventListener("click", function () {
        apply(stored.fields);
        // A draft typed over an older version keeps that version, so saving it over a newer
        // save is refused as a conflict (with both texts shown) rather than overwriting it.
        if (versionInput && stored.version) versionInput.value = stored.version;
        banner.classList.add("d-none");
        initial = "";
        save();
      });
      banner.querySelector("[data-draft-discard]").addEventListener("click", function () {
        storage.removeItem(key);
        banner.classList.add("d-none");
      });
    }
  }
  update();
})();

// After a successful save the story page names the drafts to forget.
(function () {
  "use strict";
  var marker = document.querySelector("[data-clear-drafts]");
  if (!marker) return;
  try {
    marker.dataset.clearDrafts.split(" ").forEach(function (key) { if (key) window.localStorage.removeItem(key); });
  } catch (e) { /* no storage */ }
})();
