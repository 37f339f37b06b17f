/* The number of a search's results when there are more than are shown. Material counts the
 * results its search worker hands it, and ours (macros/site/theme/assets/javascripts/
 * search.js, which asks Pagefind) hands it the first 20: the worker says, on a broadcast
 * channel, how many Pagefind found for the query, and this writes "20 / 1,234" where
 * Material wrote "20", in Material's own words for the rest. A build whose search is
 * Material's own (make preview) never hears from the channel. */
(function () {
  "use strict";
  var meta = document.querySelector(".md-search-result__meta");
  var box = document.querySelector("[data-md-component=search-query]");
  var config = document.getElementById("__config");
  if (!meta || !box || !config || !("BroadcastChannel" in window)) return;
  var words = JSON.parse(config.textContent).translations["search.result.other"];
  var said = null;

  function count() {
    // Another tab's query, an answer not yet shown, or nothing more to say: leave it.
    if (!said || said.query !== box.value || said.total <= said.shown) return;
    var shown = words.replace("#", String(said.shown));
    var whole = words.replace("#", said.shown + " / " + said.total.toLocaleString("en"));
    if (meta.textContent === shown) meta.textContent = whole;
  }

  new BroadcastChannel("briefing-search").onmessage = function (event) {
    said = event.data;
    count();
  };
  new MutationObserver(count).observe(meta, { childList: true, characterData: true });
})();
