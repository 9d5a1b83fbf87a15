// notegraph search: ranks the documents of search-index.js (loaded as a script so it works from file://).
// Builds results with DOM methods and textContent only: note text is never parsed as HTML.
//
// The index is loaded and tokenised only when a reader starts to search (the search box gets focus, or the search
// page opens with a query), not on every page: it is 3.8 MB at 10,000 notes, and reading and tokenising it on
// each page view cost every page its load time for a box most views never use.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  function words(s) {
    return s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  // Title words, alias words, text words per document; made once, when the index script has run.
  var index = null, waiting = [], loading = false;
  function withIndex(then) {
    if (index) { then(); return; }
    waiting.push(then);
    if (loading) return;
    loading = true;
    function ready() {
      var docs = window.NOTEGRAPH_SEARCH || [];
      index = docs.map(function (d) {
        return { title: words(d[0]), alias: words(d[3]), text: words(d[4]), doc: d };
      });
      var callbacks = waiting;
      waiting = [];
      callbacks.forEach(function (f) { f(); });
    }
    if (window.NOTEGRAPH_SEARCH) { ready(); return; }
    var script = document.createElement("script");
    script.src = root + "search-index.js";
    script.onload = ready;
    script.onerror = ready;  // no index: every search finds nothing, as an empty one would
    document.head.appendChild(script);
  }

  function score(entry, terms) {
    var s = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i], hit = false;
      for (var j = 0; j < entry.title.length; j++) if (entry.title[j].indexOf(t) === 0) { s += 5; hit = true; break; }
      for (var k = 0; k < entry.alias.length; k++) if (entry.alias[k].indexOf(t) === 0) { s += 4; hit = true; break; }
      for (var m = 0; m < entry.text.length; m++) if (entry.text[m] === t) { s += 1; hit = true; }
      if (!hit) return 0;  // every term must match somewhere
    }
    return s;
  }

  function search(q) {
    var terms = words(q);
    if (terms.length === 0) return [];
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], terms);
      if (s > 0) hits.push([s, index[i].doc]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || (a[1][0] < b[1][0] ? -1 : 1); });
    return hits.slice(0, 20).map(function (h) { return h[1]; });
  }

  function show(list, results) {
    while (list.firstChild) list.removeChild(list.firstChild);
    results.forEach(function (d) {
      var li = document.createElement("li");
      var badge = document.createElement("span");
      badge.className = "badge k-" + d[1];
      badge.textContent = d[1];
      var a = document.createElement("a");
      a.href = root + d[2];
      a.textContent = d[0];
      var snippet = document.createElement("span");
      snippet.className = "snippet";
      snippet.textContent = d[4];
      li.appendChild(badge);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      li.appendChild(snippet);
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
  }

  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input");
  var dropdown = form.querySelector(".search-results");
  var pageList = document.querySelector(".page-results");
  var target = pageList || dropdown;
  input.addEventListener("focus", function () { withIndex(function () {}); });
  input.addEventListener("input", function () {
    // The query when the index is ready, not when the key was pressed: typing on while it loads is not lost.
    withIndex(function () { show(target, search(input.value)); });
  });
  form.addEventListener("submit", function (e) {
    var first = target.querySelector("a");
    if (first) { e.preventDefault(); window.location.href = first.href; }
  });
  if (pageList) {
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; withIndex(function () { show(pageList, search(input.value)); }); }
  }
})();
