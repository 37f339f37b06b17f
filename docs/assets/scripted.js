/* Run in <head>, before the first paint (theme/main.html). It marks the page as one whose
 * scripts run, so that what they enhance, the timeline's filter bar, takes its place at once
 * (briefing.css, "Timeline") instead of pushing the chronology down when timeline.js, at the
 * end of the page, reveals it; without JavaScript the bar stays hidden. An address that
 * chooses filters (the groups of timeline.js) also hides the chronology until timeline.js has
 * applied them, so that no entry is seen moving away. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("brief-js");
  if (/[?&](kind|actor|agreement)=/.test(window.location.search)) {
    root.classList.add("brief-filtering");
  }
})();
