// duikou: progressive enhancement only; every page works without this file.
"use strict";

// -- search autocomplete (webui/search.py): every input[data-autocomplete] becomes an ARIA 1.2 combobox
// over a listbox of suggestions fetched (debounced) from its URL. Arrow keys move, Enter opens the chosen
// entity (or submits the search), Escape closes; without this script the form simply submits to /search.
(function () {
  var DELAY = 180, MIN = 1, counter = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function combobox(input) {
    var id = input.id || ("autocomplete-" + (++counter));
    var list = el("ul", "suggestions"), status = el("div", "visually-hidden");
    var timer = null, controller = null, items = [], active = -1;
    var pageLang = (document.documentElement.lang || "zh").slice(0, 2);
    var otherLang = pageLang === "zh" ? "en" : "zh-Hans";
    input.id = id;
    list.id = id + "-listbox";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", pageLang === "zh" ? "搜索建议" : "Suggestions");
    list.hidden = true;
    status.setAttribute("role", "status");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var options = list.children;
      active = index;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(index) {
      var item = items[index];
      if (item && item.href) { window.location.assign(item.href); }
    }

    function render(found) {
      items = found;
      list.textContent = "";
      found.forEach(function (item, i) {
        var option = el("li"), meta = el("span", "suggestion-meta");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.appendChild(el("span", "suggestion-label", item.label));
        if (item.other_label && item.other_label !== item.label) {
          var other = el("span", "other", " " + item.other_label);
          other.lang = otherLang;
          option.appendChild(other);
        }
        var matched = item.matched !== item.label && item.matched !== item.other_label ? item.matched : "";
        meta.textContent = [item.type_label, matched].filter(Boolean).join(" · ");
        option.appendChild(meta);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { go(i); });
        option.addEventListener("mousemove", function () { if (active !== i) { highlight(i); } });
        list.appendChild(option);
      });
      active = -1;
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      input.removeAttribute("aria-activedescendant");
      status.textContent = found.length ? found.length + (pageLang === "zh" ? " 条建议" : " suggestions") : "";
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN) { render([]); return; }
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      fetch(input.getAttribute("data-autocomplete") + "?q=" + encodeURIComponent(query),
            {headers: {"Accept": "application/json"}, signal: controller ? controller.signal : undefined})
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (found) { if (input.value.trim() === query) { render(Array.isArray(found) ? found : []); } })
        .catch(function () { /* aborted or offline: the form still submits to /search */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var count = list.children.length, open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open && count) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        if (count) { highlight((active + 1) % count); }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (count && open) { highlight(active <= 0 ? count - 1 : active - 1); }
      } else if (event.key === "Enter") {
        if (open && active >= 0) { event.preventDefault(); go(active); }
      } else if (event.key === "Escape") {
        if (open) { event.preventDefault(); close(); } else { input.value = ""; }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 120); });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(combobox);
})();
// -- end of search autocomplete
