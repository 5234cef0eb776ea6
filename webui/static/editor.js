// duikou query editor: SPARQL syntax highlighting for the editor's textarea and for query texts shown
// read-only. Progressive enhancement only: without this file the form and the server-rendered results
// work the same. Tokens become <span class="tok-…"> made with DOM APIs (textContent), never parsed as markup.
"use strict";

(function () {
  const KEYWORDS = new Set(("BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED DISTINCT REDUCED AS " +
    "GROUP BY ORDER HAVING LIMIT OFFSET ASC DESC OPTIONAL UNION MINUS GRAPH SERVICE SILENT FILTER BIND " +
    "VALUES UNDEF NOT EXISTS IN A TRUE FALSE INSERT DELETE DATA WITH USING LOAD CLEAR DROP CREATE ADD " +
    "MOVE COPY INTO DEFAULT ALL TO").split(" "));
  const FUNCTIONS = new Set(("COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES " +
    "DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI " +
    "CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW " +
    "UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK " +
    "ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE").split(" "));
  // Tried in order at each position; each is sticky (y) so it matches exactly there.
  const RULES = [
    ["comment", /#[^\n]*/y],
    ["iri", /<[^<>"{}|^`\\\s]*>/y],
    ["string", /"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?/y],
    ["variable", /[?$][\p{L}\p{N}_\u00B7]+/uy],
    ["langtag", /@[A-Za-z]+(?:-[A-Za-z0-9]+)*/y],
    ["pname", /(?:\p{L}[\p{L}\p{N}_.\-\u00B7]*)?:(?:[\p{L}\p{N}_:%\-\u00B7]|\\[_~.\-!$&'()*+,;=/?#@%]|\.(?=[\p{L}\p{N}_:%\-\\]))*/uy],
    ["number", /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y],
    ["word", /[\p{L}_][\p{L}\p{N}_]*/uy],
    ["space", /\s+/y],
    ["punct", /[\s\S]/y],
  ];

  // The text as [kind, text] tokens; words become keyword, function or plain.
  function tokenize(text) {
    const tokens = [];
    let at = 0;
    while (at < text.length) {
      for (const [kind, pattern] of RULES) {
        pattern.lastIndex = at;
        const match = pattern.exec(text);
        if (match && match[0].length) {
          let name = kind;
          if (kind === "word") {
            const upper = match[0].toUpperCase();
            name = KEYWORDS.has(upper) ? "keyword" : FUNCTIONS.has(upper) ? "function" : "plain";
          }
          tokens.push([name, match[0]]);
          at += match[0].length;
          break;
        }
      }
    }
    return tokens;
  }

  // Replace the children of `element` with the highlighted tokens of `text` (+ a newline for a mirror).
  function render(element, text, mirror) {
    const fragment = document.createDocumentFragment();
    for (const [kind, value] of tokenize(text)) {
      if (kind === "plain" || kind === "space" || kind === "punct") {
        fragment.appendChild(document.createTextNode(value));
      } else {
        const span = document.createElement("span");
        span.className = "tok-" + kind;
        span.textContent = value;
        fragment.appendChild(span);
      }
    }
    // a final newline gives the mirror the textarea's height when the text ends with an empty line
    if (mirror) fragment.appendChild(document.createTextNode("\n"));
    element.replaceChildren(fragment);
  }

  // Put a highlighted mirror behind the textarea; keep it in step with the text and the scrolling.
  function enhance(wrapper) {
    const textarea = wrapper.querySelector("textarea");
    if (!textarea) return;
    const mirror = document.createElement("pre");
    mirror.className = "mirror";
    mirror.setAttribute("aria-hidden", "true");
    const code = document.createElement("code");
    mirror.appendChild(code);
    wrapper.insertBefore(mirror, textarea);
    wrapper.classList.add("enhanced");
    const update = () => {
      render(code, textarea.value, true);
      sync();
    };
    const sync = () => {
      mirror.scrollTop = textarea.scrollTop;
      mirror.scrollLeft = textarea.scrollLeft;
    };
    let leaving = false; // after Esc, Tab moves the focus on as usual
    textarea.addEventListener("input", update);
    textarea.addEventListener("scroll", sync);
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        leaving = true;
        return;
      }
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        const form = textarea.form;
        if (form && form.requestSubmit) form.requestSubmit();
        else if (form) form.submit();
        return;
      }
      if (event.key === "Tab" && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey && !leaving) {
        event.preventDefault();
        textarea.setRangeText("  ", textarea.selectionStart, textarea.selectionEnd, "end");
        update();
        return;
      }
      leaving = false;
    });
    textarea.addEventListener("blur", () => { leaving = false; });
    update();
  }

  if (typeof document === "undefined") {  // under Node, for the tokenizer's test
    module.exports = { tokenize };
    return;
  }
  document.querySelectorAll("[data-editor]").forEach(enhance);
  document.querySelectorAll("[data-sparql]").forEach((element) => render(element, element.textContent, false));
})();
