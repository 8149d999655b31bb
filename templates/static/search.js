// Concordance search page: a small accessible interface over Pagefind's JavaScript API.
// The index is built with the site (pagefind/ at the site root) and loaded from there: no network.
const form = document.querySelector(".search-form");
const input = document.getElementById("search-q");
const statusLine = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const filterBox = document.querySelector(".search-filters");
const selects = Array.from(document.querySelectorAll(".search-filters select"));
const root = new URL(form.dataset.searchRoot, document.baseURI);
const PAGE_SIZE = 20;

function say(text) {
  statusLine.textContent = text;
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
    option.textContent = `${name} (${counts[name]})`;
    select.append(option);
  }
}

// The suffixes indexed with a Chinese alias (views.Alias.search_terms) are between these
// two marks: they let a search find a name by its end, but are not text to show.
const TERMS = /⟦[^⟧]*(?:⟧\.?\s*|$)/g;

function withoutSearchTerms(excerpt) {
  const open = excerpt.indexOf("⟦");
  const close = excerpt.indexOf("⟧");
  if (close >= 0 && (open < 0 || close < open)) {  // the excerpt starts among them
    excerpt = excerpt.slice(close + 1).replace(/^\.?\s*/, "");
  }
  return excerpt.replace(TERMS, "");
}

function resultItem(data) {
  const item = document.createElement("li");
  const kind = document.createElement("p");
  kind.className = "result-kind";
  kind.textContent = data.meta.kind || "Page";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  // Pagefind's excerpt is its own escaped text with <mark> around the matched words.
  excerpt.innerHTML = withoutSearchTerms(data.excerpt);
  item.append(kind, heading, excerpt);
  return item;
}

async function load() {
  const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  await pagefind.options({ baseUrl: root.pathname, excerptLength: 40 });
  await pagefind.init();
  const available = await pagefind.filters();
  const params = new URLSearchParams(location.search);
  for (const select of selects) {
    fillSelect(select, available[select.dataset.filter] || {});
    select.value = params.get(select.name) || "";
  }
  filterBox.hidden = false;
  return pagefind;
}

// Listeners are attached at once, so what a reader types while the index loads is not lost.
const ready = load();
ready.catch(() => say("The search index is not available on this copy of the site."));

async function run() {
  const pagefind = await ready;
  const query = input.value.trim();
  const filters = chosenFilters();
  remember(query);
  if (!query && Object.keys(filters).length === 0) {
    list.replaceChildren();
    say("");
    return;
  }
  const search = await pagefind.debouncedSearch(query || null, { filters }, 250);
  if (search === null) return; // a newer keystroke superseded this search
  const data = await Promise.all(search.results.slice(0, PAGE_SIZE).map((r) => r.data()));
  list.replaceChildren(...data.map(resultItem));
  const n = search.results.length;
  const shown = n > PAGE_SIZE ? `, showing the first ${PAGE_SIZE}` : "";
  say(n === 0 ? "No results." : `${n} result${n === 1 ? "" : "s"}${shown}.`);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run().catch(() => {});
});
input.addEventListener("input", () => run().catch(() => {}));
for (const select of selects) select.addEventListener("change", () => run().catch(() => {}));
input.value = new URLSearchParams(location.search).get("q") || "";
run().catch(() => {});
