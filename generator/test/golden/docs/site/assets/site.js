/* ACR EE API reference: the behaviour of the generated static site.
   Hand-written, copied as is; plain ES2019, no modules, no dependencies, no network.
   - instant search over window.ACR_DOCS_INDEX (assets/search-index.js), an ARIA combobox;
   - "/" focuses the search;
   - copy buttons on code blocks;
   - the sidebar's "Contents" collapsed at load on narrow screens.
   The markup it works on is in packages/docs/SITE-CONTRACT.md. Every element is optional:
   a page without one of them (or without the index) gets the rest and no error. */
(function () {
  'use strict';

  var doc = document;
  var MAX_RESULTS = 20;
  var NARROW = '(max-width: 899px)';
  // "" on top-level pages, "../" one level down; index urls are relative to the site root.
  var root = doc.documentElement.getAttribute('data-root') || '';

  function make(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function str(value) { return typeof value === 'string' ? value : ''; }

  function strings(value) {
    return Array.isArray(value) ? value.filter(function (v) { return typeof v === 'string' && v; }) : [];
  }

  // One polite live region for screen readers: result counts, "Copied".
  var announcer = null;
  function announce(message) {
    if (!announcer) {
      announcer = make('div', 'visually-hidden');
      announcer.setAttribute('role', 'status');
      announcer.setAttribute('aria-live', 'polite');
      doc.body.appendChild(announcer);
    }
    announcer.textContent = message;
  }

  // ---- Search: data ----

  // Flatten the index into items with lower-cased copies prepared once.
  function prepareIndex(data) {
    var items = [];
    if (!data || typeof data !== 'object') return items;
    (Array.isArray(data.operations) ? data.operations : []).forEach(function (op) {
      if (!op || !str(op.name) || !str(op.url)) return;
      items.push({
        page: false,
        title: op.name,
        lower: op.name.toLowerCase(),
        url: op.url,
        group: str(op.group),
        summary: str(op.summary),
        description: str(op.description),
        parameters: strings(op.parameters),
        fields: strings(op.fields)
      });
    });
    (Array.isArray(data.pages) ? data.pages : []).forEach(function (p) {
      if (!p || !str(p.title) || !str(p.url)) return;
      items.push({ page: true, title: p.title, lower: p.title.toLowerCase(), url: p.url, text: str(p.text) });
    });
    return items;
  }

  // ---- Search: matching and ranking ----

  // Position of `word` in `text` at the start of a word ("id" finds "the id" and "ids",
  // not "valid"); -1 if absent. Both are lower case.
  function wordIndex(text, word) {
    var at = text.indexOf(word);
    while (at !== -1) {
      if (at === 0 || !/[a-z0-9]/.test(text.charAt(at - 1))) return at;
      at = text.indexOf(word, at + 1);
    }
    return -1;
  }

  // The best of `names` containing `word`: an exact name first, else the shortest.
  function bestName(names, word) {
    var best = null;
    for (var i = 0; i < names.length; i++) {
      var lower = names[i].toLowerCase();
      if (lower === word) return { name: names[i], exact: true };
      if (lower.indexOf(word) !== -1 && (!best || names[i].length < best.name.length)) {
        best = { name: names[i], exact: false };
      }
    }
    return best;
  }

  // How one query word matches an item, as { rank, why, text? } (lower rank is better), or null.
  // Ranks follow the contract: exact name, name prefix, name substring, parameter, field,
  // summary/description words. An exact parameter or field name beats a partial one.
  function matchWord(item, word) {
    var at = item.lower.indexOf(word);
    if (item.lower === word) return { rank: 0, why: '' };
    if (at === 0) return { rank: 1, why: '' };
    if (at > 0) return { rank: 2, why: '' };
    if (item.page) {
      return wordIndex(item.text.toLowerCase(), word) !== -1 ? { rank: 5.5, why: 'text', text: item.text } : null;
    }
    var hit = bestName(item.parameters, word);
    if (hit) return { rank: hit.exact ? 3 : 3.5, why: 'parameter ' + hit.name };
    hit = bestName(item.fields, word);
    if (hit) return { rank: hit.exact ? 4 : 4.5, why: 'field ' + hit.name };
    if (wordIndex(item.summary.toLowerCase(), word) !== -1) return { rank: 5, why: 'summary', text: item.summary };
    if (wordIndex(item.description.toLowerCase(), word) !== -1) {
      return { rank: 5.5, why: 'description', text: item.description };
    }
    return null;
  }

  // Every word must match; an item's score is the sum of its words' ranks.
  function search(items, words) {
    var results = [];
    var joined = words.join('');
    items.forEach(function (item) {
      var score = 0;
      var whys = [];
      var text = '';
      for (var i = 0; i < words.length; i++) {
        var m = matchWord(item, words[i]);
        if (!m) return;
        score += m.rank;
        if (m.why && whys.indexOf(m.why) === -1) whys.push(m.why);
        if (m.text && !text) text = m.text;
      }
      // "get instance" is the name GetInstance typed with a space: rank it as exact.
      if (words.length > 1 && item.lower === joined) score = -1;
      results.push({ item: item, score: score, whys: whys, text: text });
    });
    results.sort(function (a, b) {
      return a.score - b.score || a.item.title.length - b.item.title.length ||
        (a.item.title < b.item.title ? -1 : a.item.title > b.item.title ? 1 : 0);
    });
    return results.slice(0, MAX_RESULTS);
  }

  // ---- Search: rendering (text only, through textContent: the index is data, not markup) ----

  // `text` as a fragment with the query words wrapped in <mark>.
  function highlight(text, words) {
    var lower = text.toLowerCase();
    var marked = [];
    words.forEach(function (w) {
      for (var at = lower.indexOf(w); at !== -1; at = lower.indexOf(w, at + w.length)) {
        for (var i = at; i < at + w.length; i++) marked[i] = true;
      }
    });
    var fragment = doc.createDocumentFragment();
    var start = 0;
    for (var i = 1; i <= text.length; i++) {
      if (i === text.length || marked[i] !== marked[start]) {
        var piece = text.slice(start, i);
        fragment.appendChild(marked[start] ? make('mark', '', piece) : doc.createTextNode(piece));
        start = i;
      }
    }
    return fragment;
  }

  // About 90 characters of `text` around the first query word found in it.
  function snippet(text, words) {
    var lower = text.toLowerCase();
    var at = -1;
    for (var i = 0; i < words.length && at === -1; i++) at = wordIndex(lower, words[i]);
    var from = Math.max(0, at - 30);
    var piece = text.slice(from, from + 90);
    return (from > 0 ? '…' : '') + piece + (from + 90 < text.length ? '…' : '');
  }

  function renderResult(result, index, words) {
    var item = result.item;
    var li = make('li');
    li.id = 'search-option-' + index;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    var a = make('a');
    a.setAttribute('href', root + item.url);
    a.tabIndex = -1; // focus stays in the input; the arrows move the active option
    var name = make('span', 'result-name');
    name.appendChild(highlight(item.title, words));
    a.appendChild(name);
    var meta = item.page ? 'Page' : item.group;
    if (result.whys.length) meta += (meta ? ' · ' : '') + result.whys.join(', ');
    if (meta) a.appendChild(make('span', 'result-meta', meta));
    var extra = result.text ? snippet(result.text, words) : item.page ? '' : item.summary;
    if (extra) {
      var line = make('span', 'result-snippet');
      line.appendChild(highlight(extra, words));
      a.appendChild(line);
    }
    li.appendChild(a);
    return li;
  }

  // ---- Search: the combobox ----

  function initSearch() {
    var input = doc.getElementById('search-input');
    var list = doc.getElementById('search-results');
    if (!input || !list) return;
    var box = input.parentNode;
    var items = [];
    var options = [];
    var active = -1;
    var empty = make('p', 'search-empty');
    empty.hidden = true;
    box.appendChild(empty);

    function setActive(index, scroll) {
      if (options[active]) options[active].setAttribute('aria-selected', 'false');
      active = options[index] ? index : -1;
      if (active === -1) {
        input.removeAttribute('aria-activedescendant');
        return;
      }
      options[active].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', options[active].id);
      if (scroll && options[active].scrollIntoView) options[active].scrollIntoView({ block: 'nearest' });
    }

    function close() {
      setActive(-1);
      list.hidden = true;
      empty.hidden = true;
      input.setAttribute('aria-expanded', 'false');
    }

    function update() {
      var query = input.value.trim().toLowerCase();
      setActive(-1);
      list.textContent = '';
      options = [];
      if (!query) {
        close();
        return;
      }
      // Read at the first search rather than at load: robust to a late (deferred) index script.
      if (!items.length) items = prepareIndex(window.ACR_DOCS_INDEX);
      var words = query.split(/\s+/);
      options = search(items, words).map(function (result, i) { return renderResult(result, i, words); });
      options.forEach(function (li) { list.appendChild(li); });
      list.hidden = !options.length;
      input.setAttribute('aria-expanded', options.length ? 'true' : 'false');
      empty.hidden = !!options.length;
      empty.textContent = items.length ? 'No results for “' + input.value.trim() + '”' : 'The search index is not available.';
      announce(options.length ? options.length + (options.length === 1 ? ' result' : ' results') : empty.textContent);
    }

    function go(li) {
      var a = li && li.querySelector('a');
      if (a) window.location.assign(a.href);
    }

    input.addEventListener('input', update);
    input.addEventListener('focus', function () {
      if (list.hidden && input.value.trim()) update();
    });

    input.addEventListener('keydown', function (event) {
      if (event.isComposing) return; // an IME is using the keys
      switch (event.key) {
        case 'ArrowDown':
        case 'ArrowUp': {
          event.preventDefault();
          if (list.hidden) update();
          if (!options.length) return;
          var step = event.key === 'ArrowDown' ? 1 : -1;
          // From no active option, Down goes to the first and Up to the last; both wrap.
          var next = active === -1 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length;
          setActive(next, true);
          break;
        }
        case 'Enter':
          // The active option, or the first result when none is active yet.
          if (!list.hidden && options.length) {
            event.preventDefault();
            go(options[active === -1 ? 0 : active]);
          }
          break;
        case 'Escape':
          if (input.value || !list.hidden || !empty.hidden) {
            event.preventDefault(); // also stops the native clearing of type=search, done here instead
            input.value = '';
            update();
          }
          break;
        case 'Tab':
          close();
          break;
        default:
      }
    });

    // Pointing at an option makes it the active one, so there is a single highlight.
    list.addEventListener('mousemove', function (event) {
      var li = event.target && event.target.closest ? event.target.closest('li[role="option"]') : null;
      var index = options.indexOf(li);
      if (index !== -1 && index !== active) setActive(index, false);
    });

    // A click or focus anywhere outside the search closes the results.
    doc.addEventListener('click', function (event) {
      if (!box.contains(event.target)) close();
    });
    doc.addEventListener('focusin', function (event) {
      if (!box.contains(event.target)) close();
    });

    // "/" focuses the search, unless the user is typing somewhere.
    doc.addEventListener('keydown', function (event) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      var target = event.target;
      var tag = target && target.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (target && target.isContentEditable)) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  // ---- Copy buttons ----

  // Select the element's text, so the user can copy it by hand; then try the legacy copy.
  function selectAndCopy(node) {
    try {
      var selection = window.getSelection();
      var range = doc.createRange();
      range.selectNodeContents(node);
      selection.removeAllRanges();
      selection.addRange(range);
      return doc.execCommand('copy') === true;
    } catch (e) {
      return false;
    }
  }

  function initCopy() {
    Array.prototype.forEach.call(doc.querySelectorAll('button.copy'), function (button) {
      var label = button.textContent;
      var timer = 0;
      if (!button.getAttribute('type')) button.type = 'button';

      function feedback(copied) {
        button.textContent = copied ? 'Copied' : 'Selected';
        button.classList.toggle('copied', copied);
        announce(copied ? 'Copied to clipboard' : 'Code selected: press Ctrl+C to copy');
        clearTimeout(timer);
        timer = setTimeout(function () {
          button.textContent = label;
          button.classList.remove('copied');
        }, 1600);
      }

      button.addEventListener('click', function () {
        var id = button.getAttribute('data-copy-target');
        var target = id ? doc.getElementById(id) : null;
        if (!target) {
          var next = button.nextElementSibling;
          target = next && next.tagName === 'PRE' ? next : null;
        }
        if (!target) return;
        var text = (target.querySelector('code') || target).textContent;
        var clipboard = navigator.clipboard;
        var promise = null;
        if (clipboard && typeof clipboard.writeText === 'function') {
          // Throws or rejects without permission or outside a secure context: fall back.
          try { promise = clipboard.writeText(text); } catch (e) { promise = null; }
        }
        if (promise && typeof promise.then === 'function') {
          promise.then(function () { feedback(true); }, function () { feedback(selectAndCopy(target)); });
        } else {
          feedback(selectAndCopy(target));
        }
      });
    });
  }

  // ---- Sidebar ----

  function initNav() {
    var details = doc.querySelector('details.nav-toggle');
    if (!details || typeof window.matchMedia !== 'function') return;
    var narrow = window.matchMedia(NARROW);
    // The HTML has it open (right for wide screens and without JS); on a phone start collapsed.
    if (narrow.matches) details.open = false;
    // The summary is hidden on wide screens, so contents closed on a phone must reopen there.
    var reopen = function (event) { if (!event.matches) details.open = true; };
    if (narrow.addEventListener) narrow.addEventListener('change', reopen);
    else if (narrow.addListener) narrow.addListener(reopen);

    // In the sticky sidebar, scroll the current page's link into view (the sidebar only, not the page).
    var sidebar = details.closest ? details.closest('.sidebar') : null;
    var current = details.querySelector('a[aria-current="page"]');
    if (narrow.matches || !sidebar || !current || sidebar.scrollHeight <= sidebar.clientHeight) return;
    var box = sidebar.getBoundingClientRect();
    var link = current.getBoundingClientRect();
    if (link.top < box.top || link.bottom > box.bottom) sidebar.scrollTop += link.top - box.top - box.height / 3;
  }

  function init() {
    initNav();
    initSearch();
    initCopy();
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})();
