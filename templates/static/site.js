// Concordance: small progressive enhancements. Every page reads fine without this file.
// Loaded in <head> (not deferred) so the chosen theme applies before the first paint.
(function () {
  "use strict";
  var KEY = "concordance-theme";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(value) {
    try { localStorage.setItem(KEY, value); } catch (e) { /* private mode: not remembered */ }
  }
  function systemDark() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  function isDark() {
    var theme = root.getAttribute("data-theme");
    return theme ? theme === "dark" : systemDark();
  }

  var saved = stored();
  if (saved === "dark" || saved === "light") root.setAttribute("data-theme", saved);

  function setupThemeToggle() {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    function sync() { button.setAttribute("aria-pressed", isDark() ? "true" : "false"); }
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      store(next);
      sync();
    });
    sync();
    button.hidden = false;
  }

  // The fragment as an id; a malformed escape (#%E0%A4%A) is no id of ours, taken as typed.
  function fragment() {
    var raw = location.hash.slice(1);
    try { return decodeURIComponent(raw); } catch (e) { return raw; }
  }

  // A quote may be split into several <mark> segments; emphasise all of them, not just :target.
  function emphasiseTarget() {
    var old = document.querySelectorAll("mark.is-target");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("is-target");
    var id = fragment();
    if (!id) return;
    var target = document.getElementById(id);
    if (!target || target.tagName !== "MARK") return;
    var segments = document.querySelectorAll("mark[data-quote]");
    for (var j = 0; j < segments.length; j++) {
      if (segments[j].getAttribute("data-quote") === id) segments[j].classList.add("is-target");
    }
  }

  function inView(element) {
    var box = element.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }

  // Statement cards are laid out only near the screen (content-visibility), so a position
  // below them is reckoned from estimated heights: a smooth scroll aimed at a card ends cards
  // away from it, where a jump is kept on its target by the browser as cards take their sizes.
  // Pages of cards jump; others scroll smoothly once loaded (the stylesheet's smooth-scroll).
  function settleScrolling() {
    var target = document.querySelector(":target");
    if (target && !inView(target)) target.scrollIntoView({ block: "start", behavior: "instant" });
    if (!document.querySelector(".statement")) root.classList.add("smooth-scroll");
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain-HTTP fallback (e.g. a local file server): a hidden textarea and execCommand.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  // A label the page wrote for scripts: its text, or the form of a count its language's
  // plural rules choose (labels.py), each {name} filled in from `args`.
  function label(text, count, args, digits) {
    if (typeof text === "object" && text !== null) {
      var form = "other";
      var tag = document.documentElement.lang || "en";
      var candidates = [tag, tag.split("-")[0], "en"];
      for (var i = 0; i < candidates.length; i++) {  // a tag Intl refuses: its language
        try { form = new Intl.PluralRules(candidates[i]).select(count); break; } catch (e) {}
      }
      text = text[form] || text.other || "";
    }
    return String(text).replace(/\{(\w+)\}/g, function (whole, name) {
      if (!Object.prototype.hasOwnProperty.call(args, name)) return whole;
      var value = args[name];
      return typeof value === "number" ? grouped(value, digits) : String(value);
    });
  }

  // A count's digits grouped as the build groups them (labels.grouped), by the page's
  // `data-digits`; without it, as written.
  function grouped(count, how) {
    var digits = String(count);
    if (!how || !how.symbol || digits.length <= how.first) return digits;
    var head = digits.slice(0, -how.first);
    var groups = [digits.slice(-how.first)];
    while (head.length > how.rest) {
      groups.unshift(head.slice(-how.rest));
      head = head.slice(0, -how.rest);
    }
    groups.unshift(head);
    return groups.join(how.symbol);
  }

  function labelsOf(element, attribute) {
    try { return JSON.parse(element.getAttribute(attribute) || "{}"); } catch (e) { return {}; }
  }

  function setupCitations() {
    var root = document.documentElement;
    var copied = root.getAttribute("data-label-copied") || "Citation copied";
    var failed = root.getAttribute("data-label-copy-failed") || "Copy failed: select the text";
    var buttons = document.querySelectorAll(".copy-cite");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      button.hidden = false;
      button.addEventListener("click", function (event) {
        var b = event.currentTarget;
        var idle = b.getAttribute("data-idle") || b.textContent;
        b.setAttribute("data-idle", idle);
        copyText(b.getAttribute("data-citation")).then(function () {
          b.textContent = copied;
          b.classList.add("copied");
        }, function () {
          b.textContent = failed;
        });
        setTimeout(function () { b.textContent = idle; b.classList.remove("copied"); }, 2500);
      });
    }
  }

  // What the reader types, folded as the build folds the names it writes into data-names
  // (textnorm.name_form): these are its tables. Lower case, then a final sigma as any other.
  var VARIANTS = {
    "\u03c2": "\u03c3", "\u0451": "\u0435", "\u06cc": "\u064a", "\u06a9": "\u0643", "\u0671": "\u0627"
  };
  for (var d = 0; d < 10; d++) {  // Persian digits as Arabic-Indic ones (۱۴۰۲ as ١٤٠٢)
    VARIANTS[String.fromCharCode(0x06f0 + d)] = String.fromCharCode(0x0660 + d);
  }
  var VARIANT = /[\u03c2\u0451\u06cc\u06a9\u0671\u06f0-\u06f9]/g;
  // Malayalam's chillus and Bengali's khanda ta as older text writes them, the consonant, a
  // virama and a joiner, read as the one character, before the joiner is left out
  // (textnorm.one_letter): without the joiner, the consonant and virama are another spelling.
  var ONE_LETTER = {"\u09a4\u09cd\u200d": "\u09ce"};
  var CHILLUS = "\u0d23\u0d28\u0d30\u0d32\u0d33\u0d15";
  for (var k = 0; k < 6; k++) ONE_LETTER[CHILLUS[k] + "\u0d4d\u200d"] = String.fromCharCode(0x0d7a + k);
  for (var m = 0; m < 3; m++) {
    ONE_LETTER["\u0d2e\u0d2f\u0d34"[m] + "\u0d4d\u200d"] = String.fromCharCode(0x0d54 + m);
  }
  var JOINED_FORM = /[\u0d15\u0d23\u0d28\u0d30\u0d32\u0d33\u0d2e\u0d2f\u0d34]\u0d4d\u200d|\u09a4\u09cd\u200d/g;
  // Invisible characters (variation selectors, Mongolian's too) and the optional marks (Hebrew
  // and Arabic vowel points, tatweel).
  var IGNORABLE = new RegExp("[\u00ad\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7" +
    "\u0610-\u061a\u061c\u0640\u064b-\u0652\u0656-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8" +
    "\u06ea-\u06ed\u180b-\u180d\u180f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069" +
    "\ufe00-\ufe0f\ufeff\uffff\u{e0100}-\u{e01ef}]", "gu");

  // Turkish İ and ı (textnorm._TURKISH_I), before lowering makes İ an i with a dot above.
  var TURKISH_I = { "\u0130": "I", "\u0131": "i" };

  function fold(text) {
    return text.normalize("NFKC")
      .replace(JOINED_FORM, function (c) { return ONE_LETTER[c]; }).replace(IGNORABLE, "")
      .replace(/[\u0130\u0131]/g, function (c) { return TURKISH_I[c]; }).toLowerCase()
      .replace(VARIANT, function (c) { return VARIANTS[c]; })
      .replace(/\s+/g, " ").trim();
  }

  // Concepts A–Z: filter as you type, over titles and aliases.
  // Search runs in the browser: without scripts the home page offers no form that cannot work.
  function setupHomeSearch() {
    var form = document.querySelector(".home-search");
    if (form) form.hidden = false;
  }

  function setupConceptFilter() {
    var input = document.getElementById("concept-filter");
    if (!input) return;
    var box = input.closest(".filter");
    var counted = labelsOf(box, "data-label-status").filter_status || {
      one: "{shown} of {n} concept", other: "{shown} of {n} concepts"
    };
    var digits = labelsOf(box, "data-digits");
    var status = document.getElementById("concept-filter-status");
    var items = document.querySelectorAll(".concept-list li[data-names]");
    var groups = document.querySelectorAll(".az-group");
    var empty = document.querySelector("main .empty");
    function apply() {
      var needle = fold(input.value);
      var shown = 0;
      for (var i = 0; i < items.length; i++) {
        var hit = !needle || items[i].getAttribute("data-names").indexOf(needle) >= 0;
        items[i].hidden = !hit;
        if (hit) shown++;
      }
      for (var g = 0; g < groups.length; g++) {
        groups[g].hidden = !groups[g].querySelector("li[data-names]:not([hidden])");
      }
      if (empty) empty.hidden = shown > 0;
      var n = items.length;
      status.textContent = needle ? label(counted, n, { shown: shown, n: n }, digits) : "";
    }
    input.addEventListener("input", apply);
    box.hidden = false;
    apply();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupThemeToggle();
    setupCitations();
    setupConceptFilter();
    setupHomeSearch();
    emphasiseTarget();
    window.addEventListener("hashchange", emphasiseTarget);
  });
  window.addEventListener("load", settleScrolling);
})();
