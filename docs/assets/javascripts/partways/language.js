// Languages of the site: a switcher that lands on the same page in the other language,
// and Polish and Russian search queries widened to the other inflected forms of each word.
const DEFAULT_LANGUAGE = "en";
// This file lives at <site>/assets/javascripts/partways/language.js for every language.
const SITE_ROOT = new URL("../../../", import.meta.url);

function pageLanguage() {
  return (document.documentElement.lang || DEFAULT_LANGUAGE).slice(0, 2);
}

// The current page's path below its language root, e.g. "tools/letter/" (plus the hash).
function pathInLanguage() {
  const rest = location.pathname.slice(SITE_ROOT.pathname.length);
  const lang = pageLanguage();
  const below = lang !== DEFAULT_LANGUAGE && rest.startsWith(`${lang}/`) ? rest.slice(lang.length + 1) : rest;
  return below + location.hash;
}

export function samePageIn(lang) {
  const prefix = lang === DEFAULT_LANGUAGE ? "" : `${lang}/`;
  return new URL(prefix + pathInLanguage(), SITE_ROOT).href;
}

// Material's switcher links are computed when a page is built, so they go stale after
// instant navigation; recompute on click and load the other language in full (its own
// search index, lang attribute and scope).
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a.md-select__link[hreflang]");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  location.assign(samePageIn(link.getAttribute("hreflang")));
}, true);

// Material's search appends "*" to each query word but does not stem it: Lunr has no
// Polish stemmer at all, and its Russian one stems the index, not "договора*". Cutting a
// typed word back to its stem makes "umowy", "umowa" and "umowę" all find "umow*", and
// "договора" find "договор*".
const ENDINGS = {
  pl: ["iami", "ach", "ami", "ego", "emu", "iem", "ich", "ych", "ymi", "imi", "iej", "owi", "ów",
    "om", "ie", "ia", "iu", "ią", "ię", "ej", "ym", "im", "a", "e", "i", "y", "u", "o", "ą", "ę"],
  ru: ["иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "иях", "ах", "ях", "ия",
    "ие", "ий", "ой", "ей", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ым", "им", "ом", "ем",
    "ам", "ям", "ов", "ев", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й"],
};
for (const endings of Object.values(ENDINGS)) endings.sort((a, b) => b.length - a.length);
const MIN_STEM = 4;

export function stem(word, lang) {
  const lower = word.toLowerCase();
  for (const ending of ENDINGS[lang] || []) {
    if (lower.endsWith(ending) && lower.length - ending.length >= MIN_STEM) {
      return lower.slice(0, -ending.length);
    }
  }
  return lower;
}

function widenQuery(query, lang) {
  return query.split(/(\s+)/).map((part) => (/^[\p{L}]+$/u.test(part) ? stem(part, lang) : part)).join("");
}

if (pageLanguage() in ENDINGS) {
  const lang = pageLanguage();
  const post = Worker.prototype.postMessage;
  const SEARCH_QUERY = 2; // Material's search worker message type for a query
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === SEARCH_QUERY && typeof message.data === "string") {
      message = { ...message, data: widenQuery(message.data, lang) };
    }
    return post.call(this, message, ...rest);
  };
}
