// Concordance search page: a small accessible interface over Pagefind's JavaScript API.
// The index is built with the site (pagefind/ at the site root) and loaded from there: no network.
const form = document.querySelector(".search-form");
const input = document.getElementById("search-q");
const statusLine = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const filterBox = document.querySelector(".search-filters");
const selects = Array.from(document.querySelectorAll(".search-filters select"));
const root = new URL(form.dataset.searchRoot, document.baseURI);
// How the build reads text for the index (search_terms.query_rules): the worker reads a
// query so, and an excerpt finds the folded words it matched in the text so.
const rules = JSON.parse(form.dataset.searchRules);
// The page's words, in the site's language (labels.py): texts, and counts by plural form.
const labels = {
  kind_page: "Page",
  kind_concept: "Concept",
  kind_article: "Article",
  kind_speaker: "Speaker",
  search_unavailable: "The search index is not available on this copy of the site.",
  no_results: "No results.",
  results_count: { one: "{n} result.", other: "{n} results." },
  results_shown: { other: "{n} results, showing the first {shown}." },
  ...JSON.parse(form.dataset.labels || "{}"),
};
const plurals = pluralRules(document.documentElement.lang);
// How the build groups a count's digits (labels.digit_grouping), so the page's counts agree.
const digits = JSON.parse(form.dataset.digits || "null");
const more = document.querySelector(".more-results");
const moreButton = more.querySelector("button");
const PAGE_SIZE = 20;
form.hidden = false; // without this script, the page says search needs JavaScript instead
// The results of the latest search and how many of them the list shows.
let shown = { id: 0, total: 0, count: 0 };

// The browser's plural rules for the page's language. A tag valid in HTML may be one the
// browser's Intl refuses (en-gb-oed, zh-yue): its language alone, else English, is read.
function pluralRules(tag) {
  for (const candidate of [tag, (tag || "").split("-")[0], "en"]) {
    try {
      return new Intl.PluralRules(candidate || "en");
    } catch {
      // the next candidate
    }
  }
  return new Intl.PluralRules("en");
}

function say(text) {
  statusLine.textContent = text;
}

// A label with each {name} filled in from `args`; a count's in the form its `n` takes.
function label(key, args = {}) {
  let text = labels[key];
  if (typeof text === "object" && text !== null) {
    text = text[plurals.select(args.n)] || text.other || "";
  }
  return String(text).replace(/\{(\w+)\}/g, (whole, name) =>
    Object.hasOwn(args, name) ? written(args[name]) : whole,
  );
}

// A count with its digits grouped as the build groups them (labels.grouped).
function written(value) {
  const text = String(value);
  if (typeof value !== "number" || !digits?.symbol || text.length <= digits.first) return text;
  const groups = [text.slice(-digits.first)];
  let head = text.slice(0, -digits.first);
  for (; head.length > digits.rest; head = head.slice(0, -digits.rest)) {
    groups.unshift(head.slice(-digits.rest));
  }
  return [head, ...groups].join(digits.symbol);
}

function chosenFilters() {
  const filters = {};
  for (const select of selects) {
    if (select.value) filters[select.dataset.filter] = select.value;
  }
  return filters;
}

function remember(query) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const select of selects) {
    if (select.value) params.set(select.name, select.value);
  }
  const search = params.toString();
  history.replaceState(null, "", search ? "?" + search : location.pathname);
}

function fillSelect(select, counts) {
  const names = Object.keys(counts);
  names.sort((a, b) => (select.dataset.filter === "year" ? b.localeCompare(a) : a.localeCompare(b)));
  for (const name of names) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = `${name} (${written(counts[name])})`;
    select.append(option);
  }
}

// The words for the index only (the pairs of letters of search_terms.py, an alias's suffixes)
// are between these two marks, before the text they stand for. Pagefind's excerpt is a window
// of a page's words, which a block of Chinese, Japanese or Thai with more pairs than the
// window has words filled with pairs alone. So the excerpt is made here from the words a
// reader sees, a match among a block's pairs shown in the block's own text.
const OPEN = "⟦";
const CLOSE = "⟧";
const EXCERPT_WORDS = 30;
const LONG_WORD = 80; // characters of one long word (a block of unspaced text) shown at most

// The invisible characters that set the direction of the text after them (embeddings,
// overrides, isolates) up to the end of its paragraph: the excerpt joins a page's
// paragraphs, so one in a speaker's name wrote every later word of it backwards.
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

// The page's words as Pagefind counts them (its locations are places in this list), as the
// page's plain text. Its raw_content parts words by zero-width spaces on some sites, but
// escapes "<" and ">" and nothing else: a page's own "&lt;" is written there as an escaped
// "<" is, and cutting a word could split either. So each word is read back from content,
// the plain text (without those spaces).
function pagefindWords(data) {
  const raw = data.raw_content ?? data.content;
  if (!raw.includes("\u200B")) return data.content.split(/[\r\n\s]+/g);
  let from = 0;
  return raw.split("\u200B").map((word) => {
    const plain = word.includes("&") ? unescaped(word, data.content, from) : word;
    from += plain.length;
    return plain;
  });
}

// `word` of raw_content as the plain text `content` writes it from `from` on: an "&lt;" or
// "&gt;" there is one letter where the plain text has "<" or ">", else itself.
function unescaped(word, content, from) {
  let plain = "";
  for (let at = 0; at < word.length; ) {
    const next = content[from + plain.length];
    const escape = { "<": "&lt;", ">": "&gt;" }[next];
    if (escape && word.startsWith(escape, at)) {
      plain += next;
      at += escape.length;
    } else {
      plain += word[at];
      at += 1;
    }
  }
  return plain;
}

// The words a reader sees, each with what of it to highlight: all of it (a match of the word
// itself) or the terms matched among the block's terms before it (in the first of the block's
// words that holds the term: a link in a paragraph makes it more than one).
function shownWords(data) {
  const words = pagefindWords(data);
  const shown = [];
  const standsFor = new Map(); // a term's place: the first shown word after its block
  let waiting = [];
  let block = 0;
  let inTerms = false;
  // The build writes its markers as words of their own, and always both: a page's own text
  // may hold the characters ("⟦aside⟧", an unclosed "⟦"), which then stay text.
  const lastClose = words.lastIndexOf(CLOSE);
  words.forEach((word, at) => {
    if (!inTerms && word === OPEN && at < lastClose) {
      inTerms = true;
      block += 1;
    }
    if (inTerms) {
      if (word === CLOSE) inTerms = false;
      else if (word !== OPEN) waiting.push(at);
      return;
    }
    for (const term of waiting) standsFor.set(term, shown.length);
    waiting = [];
    standsFor.set(at, shown.length);
    shown.push({ text: word.replace(DIRECTION_CONTROLS, ""), whole: false, parts: [], at, block });
  });
  for (const at of data.locations || []) {
    let index = standsFor.get(at);
    if (index === undefined) continue;
    if (shown[index].at === at) {
      shown[index].whole = true;
      continue;
    }
    const term = words[at];
    const inBlock = (w) => w && w.block === shown[standsFor.get(at)].block;
    while (inBlock(shown[index + 1]) && !folded(shown[index].text).includes(term)) index += 1;
    shown[index].parts.push(term);
  }
  return shown;
}

// `text` with each letter written two ways as the one it is read as, as the worker folds a
// query.
function folded(text) {
  return Array.from(text, (char) => rules.variants[char] ?? char).join("");
}

// Where in `text` the matched terms (pairs, folded words) are, a flag for each code unit.
function markedUnits(text, parts) {
  const marked = new Array(text.length).fill(false);
  const { read, from } = foldedFrom(text);
  for (const part of parts) {
    for (let at = read.indexOf(part); part && at >= 0; at = read.indexOf(part, at + 1)) {
      const last = from[at + part.length - 1];
      marked.fill(true, from[at], last + (text.codePointAt(last) > 0xffff ? 2 : 1));
    }
  }
  return marked;
}

// `text` folded, and for each code unit of it the place in `text` of the letter it comes
// from: a letter may be read as two (ß as ss).
function foldedFrom(text) {
  let read = "";
  const from = [];
  let at = 0;
  for (const char of text) {
    const as = rules.variants[char] ?? char;
    read += as;
    for (let unit = 0; unit < as.length; unit += 1) from.push(at);
    at += char.length;
  }
  return { read, from };
}

// `at` moved back off a mark or the second half of a surrogate pair: no cut splits a letter.
function letterStart(text, at) {
  while (at > 0 && /^[\p{M}\uDC00-\uDFFF]/u.test(text.slice(at, at + 1))) at -= 1;
  return at;
}

// A word as nodes of text, its matched terms highlighted, and cut to LONG_WORD characters
// around the first of them (from its start when it matched whole). Text nodes, not HTML: a
// page's words are its own text, whatever characters they hold.
function wordNodes(word) {
  const text = word.text;
  const marked = word.whole ? new Array(text.length).fill(true) : markedUnits(text, word.parts);
  let start = 0;
  let end = text.length;
  if (end > LONG_WORD) {
    const first = word.whole ? 0 : Math.max(marked.indexOf(true), 0);
    start = letterStart(text, Math.max(first - LONG_WORD / 4, 0));
    end = letterStart(text, Math.min(start + LONG_WORD, text.length));
  }
  const nodes = start > 0 ? ["…"] : [];
  for (let at = start; at < end; ) {
    let next = at;
    while (next < end && marked[next] === marked[at]) next += 1;
    const piece = text.slice(at, next);
    nodes.push(marked[at] ? markOf(piece) : piece);
    at = next;
  }
  if (end < text.length) nodes.push("…");
  return nodes;
}

function markOf(text) {
  const mark = document.createElement("mark");
  mark.textContent = text;
  return mark;
}

// Letters of the scripts written from the right: the blocks Unicode gives the bidirectional
// classes R and AL (Hebrew, Arabic, Syriac, Thaana, N'Ko... and their presentation forms,
// and the right-to-left blocks of the supplementary planes). Ranges, not script names: a
// browser that does not know a newer script's name would refuse the whole file.
const RIGHT_TO_LEFT =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const LETTER = /\p{L}/u;

// The direction most of the excerpt's words read in (each its first letter's), as a body's
// paragraph takes its text's (directions.py). The page's own direction laid an Arabic
// sentence out from the left around the Latin name in it, on an English site: its parts
// read from the sentence's end. A Latin name in an Arabic sentence leaves it Arabic.
function excerptDirection(words) {
  let fromRight = 0;
  let fromLeft = 0;
  for (const word of words) {
    const letter = word.text.match(LETTER);
    if (!letter) continue;
    if (RIGHT_TO_LEFT.test(letter[0])) fromRight += 1;
    else fromLeft += 1;
  }
  if (fromRight === fromLeft) return "auto";
  return fromRight > fromLeft ? "rtl" : "ltr";
}

// The excerpt of a result: EXCERPT_WORDS of the words a reader sees, from a little before
// the first match, and the direction they read in.
function excerpt(data) {
  const shown = shownWords(data);
  const first = Math.max(
    shown.findIndex((w) => w.whole || w.parts.length),
    0,
  );
  const start = Math.max(Math.min(first - EXCERPT_WORDS / 4, shown.length - EXCERPT_WORDS), 0);
  const words = shown.slice(start, start + EXCERPT_WORDS);
  const nodes = words.flatMap((word, at) => (at ? [" ", ...wordNodes(word)] : wordNodes(word)));
  return { nodes, dir: excerptDirection(words) };
}

function resultItem(data) {
  const item = document.createElement("li");
  const kind = document.createElement("p");
  kind.className = "result-kind";
  // The page's kind as indexed (kind:concept), shown in the site's words.
  const key = `kind_${data.meta.kind || "page"}`;
  kind.textContent = Object.hasOwn(labels, key) ? label(key) : data.meta.kind;
  const heading = document.createElement("h2");
  heading.dir = "auto"; // a title reads in its own script's direction, as on its page
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const shown = excerpt(data);
  const text = document.createElement("p");
  text.dir = shown.dir;
  text.append(...shown.nodes);
  // An article in another language than the site's (its page's <h1 lang>): its title and
  // words are read in that language's voice and drawn in its letter forms (Chinese and
  // Japanese draw some Han characters differently), as on its page.
  if (data.meta.lang) heading.lang = text.lang = data.meta.lang;
  item.append(kind, heading, text);
  return item;
}

// Pagefind runs in a worker (search-worker.js says why); ask() calls one of its methods.
const worker = new Worker(new URL("search-worker.js", import.meta.url), { type: "module" });
const waiting = new Map();
let calls = 0;
worker.addEventListener("message", ({ data }) => {
  const call = waiting.get(data.call);
  waiting.delete(data.call);
  if (data.error === undefined) call.resolve(data.value);
  else call.reject(new Error(data.error));
});

// A worker that cannot start (its file missing from a copy of the site) answers nothing.
worker.addEventListener("error", () => {
  for (const call of waiting.values()) call.reject(new Error("the search worker did not start"));
  waiting.clear();
});

function ask(method, ...args) {
  calls += 1;
  worker.postMessage({ call: calls, method, args });
  return new Promise((resolve, reject) => waiting.set(calls, { resolve, reject }));
}

async function load() {
  const options = { baseUrl: root.pathname, excerptLength: EXCERPT_WORDS };
  const available = await ask("init", options, rules);
  const params = new URLSearchParams(location.search);
  for (const select of selects) {
    fillSelect(select, available[select.dataset.filter] || {});
    select.value = params.get(select.name) || "";
  }
  filterBox.hidden = false;
}

// Listeners are attached at once, so what a reader types while the index loads is not lost.
const ready = load();
ready.catch(() => say(label("search_unavailable")));

let searches = 0;

async function run() {
  await ready;
  const query = input.value.trim();
  const filters = chosenFilters();
  remember(query);
  if (!query && Object.keys(filters).length === 0) {
    searches += 1; // a search still running for what was typed before shows nothing
    shown = { id: 0, total: 0, count: 0 };
    list.replaceChildren();
    more.hidden = true;
    say("");
    return;
  }
  searches += 1;
  const id = searches;
  const total = await ask("search", id, query || null, { filters });
  if (total === null || id !== searches) return; // a newer keystroke superseded it
  const page = { id, total, count: 0 };
  shown = page;
  await showMore(page);
}

// Pagefind loads each result's text only when asked (data()): the next page of them.
async function showMore(page) {
  if (page.loading) return; // a second click while the first loads
  page.loading = true;
  const data = await ask("data", page.id, page.count, page.count + PAGE_SIZE).finally(() => {
    page.loading = false;
  });
  if (page !== shown || data === null) return; // a newer search replaced these results
  const items = data.map(resultItem);
  if (page.count === 0) list.replaceChildren(...items);
  else list.append(...items);
  page.count += items.length;
  const n = page.total;
  const counted = n > page.count ? "results_shown" : "results_count";
  say(n === 0 ? label("no_results") : label(counted, { n, shown: page.count }));
  more.hidden = page.count >= n;
  return items;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run().catch(() => {});
});
input.addEventListener("input", () => run().catch(() => {}));
// The first new result takes the focus, so a keyboard reader goes on reading from there.
moreButton.addEventListener("click", () => {
  showMore(shown)
    .then((items) => items && items.length && items[0].querySelector("a").focus())
    .catch(() => {});
});
for (const select of selects) select.addEventListener("change", () => run().catch(() => {}));
input.value = new URLSearchParams(location.search).get("q") || "";
run().catch(() => {});
