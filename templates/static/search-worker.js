// Runs Pagefind for the search page (search.js), away from the page. Pagefind reads the
// language of a query from its page's <html lang>, and on a Chinese, Japanese or Thai page it
// cuts the query into words with the browser's dictionary: those pieces ("ชาเซลท์" read as
// "ชา", "เซล", "ท์") are neither the pairs of letters the index holds (search_terms.py) nor
// its words, so a page holding the query was not found. A worker has no page, so every site
// reads a query as one in a spaced script.
let pagefind = null;
let unspaced = null;
let unspacedRuns = null; // two or more letters of them in a row
let variants = {};
// The results of the latest search, and its number: a page of results is only given for it.
let latest = { id: 0, results: [] };

// The query with each letter written two ways as the one it is read as (ک as ك), as the
// build folds the words it indexes (textnorm.fold_variants), and half-width katakana as the
// full-width letters it stands for (ｸﾞ as グ), as the build pairs them (search_terms.pairs).
function folded(query) {
  const full = query.replace(/[\uff65-\uff9f]+/gu, (run) => run.normalize("NFKC"));
  return Array.from(full, (char) => variants[char] ?? char).join("");
}

// The query with its symbols (\p{S}: < > $ + = ^ ~ | `) as spaces. Pagefind's index leaves
// them out of its words (the text "<tagword>" is the word "tagword", "$777" is "777"), but
// its query keeps them (it drops punctuation only): "<tagword>" and "$777" found nothing.
function unsigned(query) {
  return query.replace(/\p{S}+/gu, " ").trim();
}

// The query with each run of letters of an unspaced script as its pairs of neighbouring
// letters, as search_terms.pairs() indexes a block of text (a letter with its marks); the
// words of other scripts as they are.
function asPairs(query) {
  const words = [];
  let run = [];
  let word = "";
  const endRun = () => {
    if (run.length === 1) words.push(run[0]);
    for (let at = 0; at + 1 < run.length; at++) words.push(run[at] + run[at + 1]);
    run = [];
  };
  const endWord = () => {
    words.push(word);
    word = "";
  };
  for (const char of query) {
    if (!unspaced.test(char)) {
      endRun();
      if (/\s/u.test(char)) endWord();
      else word += char;
    } else {
      if (word) endWord();
      if (/^\p{M}$/u.test(char) && run.length) run[run.length - 1] += char;
      else run.push(char);
    }
  }
  endRun();
  endWord();
  return words.filter((w) => w !== "").join(" ");
}

// `results`, or none when Pagefind found them for the beginning of one of the query's runs
// of unspaced letters. For a term no word starts with, Pagefind finds the words that start
// with its longest beginning some word does (a typing aid: "installa" finds "install").
// A run of unspaced letters is one long term: 进展顺利 found the pages saying 进展缓慢, its
// opposite, and a pair of letters no page holds found every pair of its first letter. The
// beginning stands in for the term on every page or on none, so the first result tells.
async function heldWhole(query, results) {
  const runs = (query === null ? [] : query.match(unspacedRuns) || []).map(folded);
  if (!runs.length || !results.length) return results;
  const data = await results[0].data();
  const text = data.raw_content ?? data.content;
  const words = text.includes("\u200B") ? text.split("\u200B") : text.split(/[\r\n\s]+/g);
  const matched = data.locations.map((at) => folded(words[at] || ""));
  return runs.every((run) => matched.some((word) => word.includes(run))) ? results : [];
}

const methods = {
  async init(options, rules) {
    unspaced = new RegExp(`^[${rules.unspaced}]$`, "u");
    unspacedRuns = new RegExp(`[${rules.unspaced}]{2,}`, "gu");
    variants = rules.variants;
    pagefind = await import("../pagefind/pagefind.js");
    await pagefind.options(options);
    await pagefind.init();
    return pagefind.filters();
  },
  // The pages that hold the query as a word's beginning (a concept's name in a title,
  // which has no pairs), then those that hold it folded, then all its pairs (the middle
  // of a sentence).
  async search(id, query, options) {
    const found = await pagefind.debouncedSearch(query, options, 250);
    if (found === null) return null; // a newer keystroke superseded this search
    let results = await heldWhole(query, found.results);
    const plain = query === null ? "" : unsigned(folded(query));
    const also = query === null ? [] : [folded(query), plain, asPairs(plain)];
    for (const other of new Set(also.filter((q) => q && q !== query))) {
      const seen = new Set(results.map((r) => r.id));
      const more = await heldWhole(other, (await pagefind.search(other, options)).results);
      results = results.concat(more.filter((r) => !seen.has(r.id)));
    }
    if (id < latest.id) return null; // a later search finished first: its results stand
    latest = { id, results };
    return results.length;
  },
  // Pagefind loads each result's text only when asked: the results from `start` to `end`.
  async data(id, start, end) {
    if (id !== latest.id) return null;
    return Promise.all(latest.results.slice(start, end).map((r) => r.data()));
  },
};

onmessage = async ({ data: { call, method, args } }) => {
  try {
    postMessage({ call, value: await methods[method](...args) });
  } catch (error) {
    postMessage({ call, error: String(error) });
  }
};
