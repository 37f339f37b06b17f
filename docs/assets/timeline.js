/* Timeline filters: the progressive enhancement of the chronology that the timeline()
 * macro writes. Without this script every entry shows. With it, the hidden filter bar
 * appears; each filter is a toggle button (aria-pressed), several in one group widen the
 * choice, groups narrow it, and the choice lives in the address (?kind=…&actor=…) so a
 * reload or a shared link keeps it (a value no button offers is dropped from it).
 * Material's instant navigation swaps pages without a reload, so setup runs again on every
 * page through its document$ observable. */
(function () {
  "use strict";
  var GROUPS = ["kind", "actor", "agreement"];

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    GROUPS.forEach(function (group) {
      var values = (params.get(group) || "").split(",").filter(Boolean);
      state[group] = new Set(values);
    });
    return state;
  }

  function writeState(state) {
    var params = new URLSearchParams(window.location.search);
    GROUPS.forEach(function (group) {
      var values = Array.from(state[group]).sort();
      if (values.length) {
        params.set(group, values.join(","));
      } else {
        params.delete(group);
      }
    });
    var query = params.toString().replace(/%2C/g, ",");
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", address);
    carry();
  }

  // A timeline too long for one page is in parts; the links between them (data-brief-part)
  // carry the reader's filters along. With no filters chosen, a link keeps its own preset.
  function carry() {
    var query = window.location.search;
    document.querySelectorAll("a[data-brief-part]").forEach(function (link) {
      if (!link.hasAttribute("data-brief-href")) {
        link.setAttribute("data-brief-href", link.getAttribute("href"));
      }
      var own = link.getAttribute("data-brief-href");
      link.setAttribute("href", query ? own.split("?")[0] + query : own);
    });
  }

  // An old or mistyped link may name a value no button offers: it is dropped, so a reader
  // never faces an empty timeline with no pressed button to undo. True if one was.
  function dropUnknown(bar, state) {
    var dropped = false;
    GROUPS.forEach(function (group) {
      Array.from(state[group]).forEach(function (value) {
        var selector = '[data-filter="' + group + '"][data-value="' + CSS.escape(value) + '"]';
        if (!bar.querySelector(selector)) {
          state[group].delete(value);
          dropped = true;
        }
      });
    });
    return dropped;
  }

  function matches(item, state) {
    return GROUPS.every(function (group) {
      if (!state[group].size) {
        return true;
      }
      var values = (item.getAttribute("data-" + group) || "").split(" ");
      return values.some(function (value) { return state[group].has(value); });
    });
  }

  function apply(bar, state) {
    var items = document.querySelectorAll("[data-brief-item]");
    var shown = 0;
    items.forEach(function (item) {
      item.hidden = !matches(item, state);
      shown += item.hidden ? 0 : 1;
    });
    document.querySelectorAll("[data-brief-era]").forEach(function (era) {
      var empty = !era.querySelector("[data-brief-item]:not([hidden])");
      era.hidden = empty;
      var heading = era.previousElementSibling;
      if (heading && /^H[2-6]$/.test(heading.tagName)) {
        heading.hidden = empty;
      }
    });
    bar.querySelectorAll("[data-filter]").forEach(function (button) {
      var on = state[button.getAttribute("data-filter")].has(button.getAttribute("data-value"));
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    bar.querySelectorAll("[data-filter-group]").forEach(function (group) {
      if (state[group.getAttribute("data-filter-group")].size) {
        group.open = true; // a chosen filter is never hidden in a closed group
      }
    });
    var status = bar.querySelector("[data-filter-status]");
    if (status) {
      status.textContent = shown === items.length
        ? "Showing all " + items.length + " entries."
        : "Showing " + shown + " of " + items.length + " entries.";
    }
  }

  // Whatever happens, the chronology that scripted.js hid until the filters apply shows.
  function setup() {
    try {
      enhance();
    } finally {
      document.documentElement.classList.remove("brief-filtering");
    }
  }

  function enhance() {
    carry();
    var bar = document.querySelector("[data-brief-filters]");
    if (!bar || bar.getAttribute("data-ready") === "true") {
      return;
    }
    bar.setAttribute("data-ready", "true");
    bar.hidden = false;
    var state = readState();
    if (dropUnknown(bar, state)) {
      writeState(state);
    }
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !bar.contains(button)) {
        return;
      }
      if (button.hasAttribute("data-filter-reset")) {
        GROUPS.forEach(function (group) { state[group].clear(); });
      } else if (button.hasAttribute("data-filter")) {
        var values = state[button.getAttribute("data-filter")];
        var value = button.getAttribute("data-value");
        if (values.has(value)) {
          values.delete(value);
        } else {
          values.add(value);
        }
      }
      writeState(state);
      apply(bar, state);
    });
    apply(bar, state);
  }

  // Set up this page now, and every page instant navigation brings. (From file://, where
  // a reviewer opens a preview, Material's document$ may never emit: setup is idempotent,
  // so running it both ways is safe.)
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
