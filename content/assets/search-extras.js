/* Search that forgives what a reader cannot be expected to type exactly.
 *
 * Accents: a query is folded (Šefčovič → Sefcovic) before Material's search
 * worker reads it; a record's names are in the index folded as well (their
 * search tags, see briefing/pages.py), so either spelling finds the other.
 *
 * Typos: a word of the query that is one edit (a letter added, dropped,
 * changed, or two swapped) from a word of a record's name, and not itself
 * such a word, brings a "Did you mean" line above the results, linking the
 * records it would name. The names are assets/search-names.js, written by
 * the build (briefing/search.py).
 */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // Material's worker receives each query as {type: 2, data: query}.
  var QUERY = 2;
  if (window.Worker && window.Worker.prototype.postMessage) {
    var post = window.Worker.prototype.postMessage;
    window.Worker.prototype.postMessage = function (message) {
      if (message && message.type === QUERY && typeof message.data === "string") {
        var folded = fold(message.data);
        if (folded !== message.data) {
          arguments[0] = Object.assign({}, message, { data: folded });
        }
      }
      return post.apply(this, arguments);
    };
  }

  function words(text) {
    return fold(text).toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  }

  // One edit apart: optimal string alignment distance of exactly 1.
  function oneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  var vocabulary = null;  // word → indexes of the records whose names hold it
  function records() {
    return window.briefingSearchNames || [];
  }
  function known() {
    if (vocabulary === null) {
      vocabulary = new Map();
      records().forEach(function (record, index) {
        record[0].forEach(function (name) {
          words(name).forEach(function (word) {
            if (!vocabulary.has(word)) vocabulary.set(word, new Set());
            vocabulary.get(word).add(index);
          });
        });
      });
    }
    return vocabulary;
  }

  // The records a query's mistyped words would name, best first.
  function suggestions(query) {
    var found = new Map();
    var table = known();
    words(query).forEach(function (typed) {
      if (typed.length < 4 || table.has(typed)) return;
      table.forEach(function (indexes, word) {
        if (word.length >= 4 && oneEdit(typed, word)) {
          indexes.forEach(function (index) {
            found.set(index, (found.get(index) || 0) + 1);
          });
        }
      });
    });
    return Array.from(found.keys()).sort(function (a, b) {
      return found.get(b) - found.get(a) || a - b;
    }).slice(0, 3).map(function (index) { return records()[index]; });
  }

  function base() {
    var config = document.getElementById("__config");
    var root = config ? JSON.parse(config.textContent).base : ".";
    return root.replace(/\/?$/, "/");
  }

  function show(input) {
    var results = document.querySelector(".md-search-result");
    if (!results) return;
    var line = results.querySelector(".briefing-did-you-mean");
    var found = input.value.trim() ? suggestions(input.value) : [];
    if (!found.length) {
      if (line) line.remove();
      return;
    }
    if (!line) {
      line = document.createElement("p");
      line.className = "briefing-did-you-mean";
      results.insertBefore(line, results.firstChild);
    }
    line.textContent = "Did you mean ";
    found.forEach(function (record, number) {
      var link = document.createElement("a");
      link.href = base() + record[1];
      link.textContent = record[0][0];
      if (number) line.appendChild(document.createTextNode(number === found.length - 1 ? " or " : ", "));
      line.appendChild(link);
    });
    line.appendChild(document.createTextNode("?"));
  }

  function watch() {
    var input = document.querySelector("input.md-search__input");
    if (!input) return;
    ["input", "keyup", "focus"].forEach(function (event) {
      input.addEventListener(event, function () { show(input); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
