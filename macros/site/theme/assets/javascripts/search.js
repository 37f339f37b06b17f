/* The search worker of a site whose search Pagefind serves (macros/site/search.py). Material's
   search box starts it at every page load and talks to it in Material's worker messages (0 set
   up, 1 ready, 2 query, 3 result); it answers "ready" at once and loads Pagefind, from the
   site's pagefind/ folder, only at the first query, so that a page that nobody searches from
   fetches nothing more. Each result is one page: its collection above its title (not as a
   Material tag, whose <nav> in every result would be a landmark each), and Pagefind's excerpt
   of its article with the words of the query marked. */
"use strict"

const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3
/* The most results a query shows, best first: each is a fetch of the page's excerpt (0.5-2 KB). */
const LIMIT = 20
/* The fewest characters searched: one letter is a prefix of half the words of a briefing,
   a search of every page that shows nothing a reader wants (and the next key comes). */
const SHORTEST = 2
/* The site's root: this file is assets/javascripts/search.js, under any sub-path. */
const SITE = new URL("../../", self.location.href)

/* Where the page hears how many results there are beyond those shown (docs/assets/
   search-count.js): Material counts only the results it is given. */
const count = new BroadcastChannel("briefing-search")

let pagefind = null
let waiting = null
let running = false

function escape(text) {
  return String(text).replace(/[&<>"']/g, character => `&#${character.charCodeAt(0)};`)
}

function load() {
  if (pagefind === null) {
    pagefind = import(new URL("pagefind/pagefind.js", SITE).href).then(async module => {
      await module.options({ basePath: new URL("pagefind/", SITE).href, baseUrl: "/" })
      return module
    })
  }
  return pagefind
}

/* Material reads a result as a list of documents, the page first, then its sections; their
   strings are HTML. A section whose heading has every word of the query is shown with the
   page; the others, under Material's "more on this page". The page's own heading is the page. */
function found(result, data, words, terms) {
  const collection = data.meta.collection
    ? `<span class="brief-search-collection">${escape(data.meta.collection)}</span> `
    : ""
  const page = {
    location: data.url.replace(/^\//, ""),
    title: collection + escape(data.meta.title || data.url),
    text: data.excerpt ? `<p>${data.excerpt}</p>` : "",
    score: result.score,
    terms
  }
  const sections = (data.sub_results || [])
    .filter(section => section.url.includes("#") && section.title !== data.meta.title)
    .map(section => {
      const heading = section.title.toLowerCase()
      return {
        location: section.url.replace(/^\//, ""),
        title: escape(section.title),
        text: section.excerpt ? `<p>${section.excerpt}</p>` : "",
        score: words.every(word => heading.includes(word)) ? result.score : result.score / 2,
        terms
      }
    })
    .sort((one, other) => other.score - one.score)
  return [page, ...sections]
}

/* The results of ``query``, or null when a newer query came meanwhile (its work is left) or
   it is too short to search: Pagefind is loaded, and what was shown stays. */
async function search(query) {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return { items: [] }
  const module = await load()
  if (waiting !== null || words.join(" ").length < SHORTEST) return null
  const answer = await module.search(words.join(" "))
  if (waiting !== null) return null
  const shown = answer.results.slice(0, LIMIT)
  const data = await Promise.all(shown.map(result => result.data()))
  const terms = Object.fromEntries(words.map(word => [word, true]))
  if (waiting === null) count.postMessage({ query, shown: shown.length, total: answer.results.length })
  return { items: shown.map((result, index) => found(result, data[index], words, terms)) }
}

/* One query at a time, the newest: Material sends one at every key, and a query typed while
   another runs replaces any that waits, so a burst of keys costs two searches, not one each. */
async function run() {
  running = true
  while (waiting !== null) {
    const query = waiting
    waiting = null
    let answer
    try {
      answer = await search(query)
    } catch (error) {
      pagefind = null // loaded again at the next query
      console.error("search:", error)
      answer = { items: [] }
    }
    if (answer !== null && waiting === null) postMessage({ type: RESULT, data: answer })
  }
  running = false
}

addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    waiting = message.data
    if (!running) run()
  }
})
