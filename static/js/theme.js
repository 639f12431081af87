// Light or dark pages (stories/appearance.py). Loaded in <head>, before the stylesheets, so that
// <html data-bs-theme> is set before the first paint: the choice the server rendered (data-appearance),
// else the one kept in this browser, else "system", which follows prefers-color-scheme and its changes.
// The navbar's toggle applies a choice at once and saves it in the background (the form works without
// this script too: it posts and comes back to the page).
(function () {
  "use strict";
  var KEY = "storybank:appearance";
  var CHOICES = ["system", "light", "dark"];
  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function kept() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (error) {
      return null; // storage blocked: the server's choice or the system's
    }
  }

  function keep(choice) {
    try {
      window.localStorage.setItem(KEY, choice);
    } catch (error) {
      // storage blocked: the server keeps the choice
    }
  }

  function choice() {
    var value = root.getAttribute("data-appearance") || kept() || "system";
    return CHOICES.indexOf(value) >= 0 ? value : "system";
  }

  function apply(value) {
    var mode = value === "system" ? (media && media.matches ? "dark" : "light") : value;
    root.setAttribute("data-bs-theme", mode);
    document.querySelectorAll("[data-appearance-form] button[name=appearance]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.value === value));
    });
  }

  apply(choice());
  // Paper is white: print in the light colours, then come back.
  window.addEventListener("beforeprint", function () {
    root.setAttribute("data-bs-theme", "light");
  });
  window.addEventListener("afterprint", function () {
    apply(choice());
  });
  if (media && media.addEventListener) {
    media.addEventListener("change", function () {
      if (choice() === "system") apply("system");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    apply(choice()); // the toggle's buttons exist now
    document.querySelectorAll("[data-appearance-form]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        var button = event.submitter;
        if (!button || CHOICES.indexOf(button.value) < 0 || !window.fetch) return;
        event.preventDefault();
        root.setAttribute("data-appearance", button.value);
        keep(button.value);
        apply(button.value);
        var data = new FormData(form);
        data.set("appearance", button.value);
        window.fetch(form.action, {
          method: "POST",
          body: data,
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        }).catch(function () {
          // offline: the choice still holds in this browser
        });
      });
    });
  });
})();
