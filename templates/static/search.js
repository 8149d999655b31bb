// Concordance search page: a small accessible interface over Pagefind's JavaScript API.
// The index is built with the site (pagefind/ at the site root) and loaded from there: no network.
const form = document.querySelector(".search-form");
const input = document.getElementById("search-q");
const statusLine = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const filterBox = document.querySelector(".search-filters");
const selects = Array.from(document.querySelectorAll(".search-filters select"));
const root = new URL(form.dataset.searchRoot, document.baseURI);
const more = document.querySelector(".more-results");
const moreButton = more.querySelector("button");
const PAGE_SIZE = 20;
form.hidden = false; // without this script, the page says search needs JavaScript instead
// The results of the latest search and how many of them the list shows.
let shown = { results: [], count: 0 };

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
    shown = { results: [], count: 0 };
    list.replaceChildren();
    more.hidden = true;
    say("");
    return;
  }
  const search = await pagefind.debouncedSearch(query || null, { filters }, 250);
  if (search === null) return; // a newer keystroke superseded this search
  const page = { results: search.results, count: 0 };
  shown = page;
  await showMore(page);
}

// Pagefind loads each result's text only when asked (data()): the next page of them.
async function showMore(page) {
  if (page.loading) return; // a second click while the first loads
  page.loading = true;
  const next = page.results.slice(page.count, page.count + PAGE_SIZE);
  const data = await Promise.all(next.map((r) => r.data())).finally(() => {
    page.loading = false;
  });
  if (page !== shown) return; // a newer search replaced these results meanwhile
  const items = data.map(resultItem);
  if (page.count === 0) list.replaceChildren(...items);
  else list.append(...items);
  page.count += items.length;
  const n = page.results.length;
  const showing = n > page.count ? `, showing the first ${page.count}` : "";
  say(n === 0 ? "No results." : `${n} result${n === 1 ? "" : "s"}${showing}.`);
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
