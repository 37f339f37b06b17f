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
/* The most results a query shows: each is a fetch of the page's excerpt, a few hundred bytes. */
const LIMIT = 50
/* The site's root: this file is assets/javascripts/search.js, under any sub-path. */
const SITE = new URL("../../", self.location.href)

let pagefind = null
let latest = 0

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

async function search(query, id) {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return { items: [] }
  const module = await load()
  const answer = await module.search(words.join(" "))
  if (id !== latest) return null
  const shown = answer.results.slice(0, LIMIT)
  const data = await Promise.all(shown.map(result => result.data()))
  const terms = Object.fromEntries(words.map(word => [word, true]))
  return { items: shown.map((result, index) => found(result, data[index], words, terms)) }
}

addEventListener("message", async ({ data: message }) => {
  if (message.type === SETUP) {
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    const id = ++latest
    let answer
    try {
      answer = await search(message.data, id)
    } catch (error) {
      pagefind = null // loaded again at the next query
      console.error("search:", error)
      answer = { items: [] }
    }
    if (answer !== null && id === latest) postMessage({ type: RESULT, data: answer })
  }
})
