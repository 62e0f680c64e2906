/**
 * The app in the browser, plain DOM, no framework: an index of the
 * articles with their counts (sortable, a filter for those that need
 * review), and an article view, German | English a row per sentence, where a
 * reviewer edits the English (placeholders stay as chips that cannot be
 * typed into), approves a machine translation, and moves with j/k.
 * Everything it shows from the articles comes escaped from the server.
 */
export const APP_SCRIPT = String.raw`'use strict'
const token = document.querySelector('meta[name=tandem-token]').content
const L = JSON.parse(document.getElementById('labels').textContent)
const main = document.querySelector('main')
let current = {name: '', rows: [], filter: 'all'}
let sort = {key: 'title', dir: 1}
let needsOnly = false

function el(tag, attrs, children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'text') node.textContent = value
    else if (key === 'html') node.innerHTML = value
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value)
    else node.setAttribute(key, value)
  }
  for (const child of children || []) node.append(child)
  return node
}

async function api(path, body) {
  const init = body === undefined ? {} : {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Tandem-Token': token}, body: JSON.stringify(body)}
  try {
    const response = await fetch(path, init)
    const data = await response.json().catch(() => ({}))
    return {status: response.status, data}
  } catch (error) {
    // The app was stopped, or the connection dropped: said, not left on "Saving…".
    return {status: 0, data: {message: String(error && error.message || error)}}
  }
}

function say(text, error) {
  const status = document.getElementById('status')
  if (!status) return
  status.textContent = text
  status.className = error ? 'error' : ''
}

function route() {
  const match = /^#\/a\/(.+)$/.exec(location.hash)
  if (match) showArticle(decodeURIComponent(match[1]))
  else showIndex()
}
window.addEventListener('hashchange', route)

// The index: every article, its counts, sortable; "needs review" hides the done ones.
async function showIndex() {
  document.title = L.title
  document.body.dataset.view = 'index'
  // Note: an article's filter must not hide the index's rows.
  document.body.dataset.filter = 'all'
  const {data} = await api('/api/articles')
  const articles = Array.isArray(data) ? data : []
  const columns = [['title', L.article], ['sentences', L.sentences], ['machine', L.machine], ['reviewed', L.reviewed], ['stale', L.stale], ['flagged', L.flaggedCount], ['changed', L.changedCount], ['missing', L.missing]]
  const needs = (item) => !item.built || item.machine + item.stale + item.flagged + item.missing > 0
  const render = () => {
    const shown = articles.filter((item) => !needsOnly || needs(item)).sort((a, b) => {
      const x = a[sort.key], y = b[sort.key]
      return (typeof x === 'number' ? x - y : String(x).localeCompare(String(y))) * sort.dir
    })
    const head = el('tr', {}, columns.map(([key, label]) => el('th', {class: 'sortable' + (key === 'title' ? '' : ' count'), 'aria-sort': sort.key === key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none', 'data-key': key, text: label, onclick: () => {
      sort = {key, dir: sort.key === key ? -sort.dir : 1}
      render()
    }})))
    const body = el('tbody', {}, shown.map((item) => el('tr', {'data-name': item.name}, [
      el('td', {}, [el('a', {href: '#/a/' + encodeURIComponent(item.name), text: item.title}), el('div', {class: 'before', text: item.path + (item.built ? '' : ' · ' + L.notBuilt)})]),
      ...columns.slice(1).map(([key]) => el('td', {class: 'count', text: String(item[key])}))
    ])))
    const table = el('table', {}, [el('thead', {}, [head]), body])
    main.replaceChildren(
      el('header', {}, [el('h1', {text: L.articles}), el('label', {class: 'filter'}, [el('input', {type: 'checkbox', id: 'needs', ...(needsOnly ? {checked: ''} : {}), onchange: (event) => {
        needsOnly = event.target.checked
        render()
      }}), L.needsReview])]),
      el('div', {id: 'status', role: 'status'}),
      table,
      shown.length === 0 ? el('p', {class: 'empty shown', text: L.noArticles}) : '',
      inconsistent
    )
  }
  const inconsistent = el('section', {class: 'inconsistent'})
  render()
  showInconsistent(inconsistent)
}

// What the project says two ways: every place, and for a noun a button that makes one rendering the glossary's rule.
async function showInconsistent(section) {
  const {data} = await api('/api/consistency')
  const found = Array.isArray(data) ? data : []
  if (found.length === 0) return
  const place = (item) => el('a', {href: '#/a/' + encodeURIComponent(item.name), text: item.path + ':' + item.line})
  const entry = (finding) => el('li', {}, [
    el('b', {text: '„' + finding.german + '“'}),
    el('ul', {}, finding.renderings.map((rendering, index) => el('li', {}, [
      '“' + rendering.english + '” ',
      el('span', {class: 'places'}, rendering.places.flatMap((item, at) => at === 0 ? [place(item)] : [', ', place(item)])),
      finding.kind === 'noun' ? el('button', {type: 'button', class: 'rule', text: L.makeRule, onclick: async (event) => {
        event.target.disabled = true
        const others = finding.renderings.filter((_, other) => other !== index).map((other) => other.english)
        const {status, data} = await api('/api/glossary', {de: finding.german, en: rendering.english, forbid: others})
        if (status === 200) say(L.addedRule.replace('{{path}}', data.path))
        else {
          event.target.disabled = false
          say(L.failed + ': ' + (data.message || data.error || status), true)
        }
      }}) : ''
    ])))
  ])
  section.replaceChildren(el('h2', {text: L.inconsistent}), el('p', {class: 'before', text: L.inconsistentHint}), el('ul', {}, found.map(entry)))
}

// The article: a row per sentence, filters with counts, editing.
const FILTERS = {
  all: () => true,
  changed: (row) => row.changed,
  flagged: (row) => row.flags.length > 0,
  unreviewed: (row) => row.status !== 'reviewed',
  stale: (row) => row.status === 'stale'
}

async function showArticle(name, focusId) {
  const {status, data} = await api('/api/article?name=' + encodeURIComponent(name))
  if (status !== 200) {
    main.replaceChildren(el('header', {}, [el('a', {href: '#/', text: L.back})]), el('p', {class: 'empty shown', text: L.notBuilt}))
    return
  }
  current = {name, rows: data.rows, filter: current.name === name ? current.filter : 'all'}
  document.title = L.title + ': ' + data.title
  document.body.dataset.view = 'article'
  const labels = {all: L.all, changed: L.changed, flagged: L.flagged, unreviewed: L.unreviewed, stale: L.stale}
  const buttons = Object.keys(FILTERS).map((key) => el('button', {type: 'button', 'data-filter': key, 'aria-pressed': String(current.filter === key), onclick: () => filter(key)}, [labels[key], el('span', {class: 'count', text: String(data.rows.filter(FILTERS[key]).length)})]))
  const rows = data.rows.map((row) => {
    const en = el('div', {class: 'text', html: row.en, onclick: () => edit(tr, row)})
    const badge = el('span', {class: 'status', text: {reviewed: L.statusReviewed, machine: L.statusMachine, stale: L.statusStale}[row.status]})
    const approve = row.status === 'reviewed' ? '' : el('button', {type: 'button', class: 'approve', text: L.approve, onclick: (event) => {
      event.stopPropagation()
      change('/api/approve', {name, id: row.id}, tr)
    }})
    const before = row.before ? [el('div', {class: 'before', html: L.before + ': ' + row.before.en})] : []
    const suggestion = row.suggestion ? [el('div', {class: 'before', text: L.suggestion + ': ' + row.suggestion})] : []
    const match = row.match ? [el('div', {html: row.match})] : []
    const judge = row.judge ? [el('div', {html: row.judge})] : []
    const flags = row.flags.length === 0 ? [] : [el('ul', {class: 'flags'}, row.flags.map((flag) => el('li', {text: flag})))]
    const tr = el('tr', {tabindex: '0', 'data-id': row.id, 'data-line': String(row.line), class: [row.status, row.kind === 'heading' ? 'heading' : '', row.block ? 'block-' + row.block : '', row.changed ? 'changed' : '', row.flags.length > 0 ? 'flagged' : ''].join(' ')}, [
      el('td', {class: 'line', text: String(row.line)}),
      el('td', {lang: 'de'}, [el('div', {html: row.de}), ...(row.before ? [el('div', {class: 'before', html: L.before + ': ' + row.before.de})] : [])]),
      el('td', {lang: 'en'}, [en, badge, approve, ...suggestion, ...before, ...match, ...judge, ...flags])
    ])
    return tr
  })
  main.replaceChildren(
    el('header', {}, [el('a', {href: '#/', text: L.back}), el('h1', {text: data.title}), ...buttons, el('span', {class: 'hint', text: L.keys})]),
    el('div', {id: 'status', role: 'status', 'aria-live': 'polite'}),
    el('table', {}, [el('thead', {}, [el('tr', {}, [el('th', {class: 'line', text: '#'}), el('th', {text: L.german}), el('th', {text: L.english})])]), el('tbody', {}, rows)]),
    el('p', {class: 'empty', id: 'empty', text: L.emptyFilter})
  )
  filter(current.filter)
  const focus = focusId === undefined ? undefined : main.querySelector('tr[data-id="' + CSS.escape(focusId) + '"]')
  if (focus) focus.focus()
}

function filter(key) {
  current.filter = key
  document.body.dataset.filter = key
  for (const button of main.querySelectorAll('button[data-filter]')) button.setAttribute('aria-pressed', String(button.dataset.filter === key))
  const empty = document.getElementById('empty')
  if (empty) empty.classList.toggle('shown', !current.rows.some(FILTERS[key]))
}

// Editing: the tagged English as text with chips for its placeholders.
const TAG = /<(\/?)([a-z]+)(\d+)\s*(\/?)>|&(lt|gt|amp|quot|apos|#39);/g
const ENTITIES = {lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", '#39': "'"}
const PAIRED = {b: 'bold', i: 'italic', s: 'struck', a: 'link', m: 'element'}
const VOID = new Set(['c', 'h', 'f', 'br', 'img', 'x', 'g'])

function chips(tagged, marks) {
  const out = []
  let last = 0
  const text = (value) => { if (value !== '') out.push(document.createTextNode(value)) }
  for (const match of tagged.matchAll(TAG)) {
    text(tagged.slice(last, match.index))
    last = match.index + match[0].length
    if (match[5] !== undefined) { text(ENTITIES[match[5]]); continue }
    const kind = match[2], id = match[3], mark = marks[id] || {}
    if (VOID.has(kind) && match[4] === '/') {
      const label = kind === 'br' ? '↵' : kind === 'f' ? '[^' + (mark.text || id) + ']' : kind === 'h' ? 'html' : kind === 'img' ? 'image' : (mark.text || kind)
      out.push(el('span', {class: 'tag void', contenteditable: 'false', 'data-tag': match[0], title: mark.url || mark.text || '', text: label}))
    } else if (PAIRED[kind] && match[4] !== '/') {
      const closing = match[1] === '/'
      out.push(el('span', {class: 'tag', contenteditable: 'false', 'data-tag': match[0], title: mark.url || PAIRED[kind], text: closing ? '‹' + PAIRED[kind] : PAIRED[kind] + '›'}))
    } else text(match[0])
  }
  text(tagged.slice(last))
  return out
}

function serialize(node, keepNbsp) {
  let out = ''
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      const value = keepNbsp ? child.nodeValue : child.nodeValue.replace(/\u00a0/g, ' ')
      out += value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    } else if (child.dataset && child.dataset.tag) out += child.dataset.tag
    else if (child.nodeName === 'BR') out += ' '
    else out += serialize(child, keepNbsp)
  }
  return out
}

function edit(tr, row) {
  if (tr.querySelector('.editor')) return
  const text = tr.querySelector('td[lang=en] .text')
  const editor = el('div', {class: 'editor', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'false', spellcheck: 'true'}, chips(row.target, row.marks))
  const refusal = el('div', {class: 'refusal', role: 'alert'})
  text.replaceWith(editor)
  editor.after(refusal)
  editor.focus()
  const range = document.createRange()
  range.selectNodeContents(editor)
  range.collapse(false)
  getSelection().removeAllRanges()
  getSelection().addRange(range)
  editor.addEventListener('keydown', (event) => {
    event.stopPropagation()
    if (event.key === 'Escape') {
      event.preventDefault()
      editor.replaceWith(text)
      refusal.remove()
      tr.focus()
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      change('/api/save', {name: current.name, id: row.id, target: serialize(editor, row.target.includes('\u00a0'))}, tr, refusal)
    } else if (event.key === 'Enter') event.preventDefault()
  })
}

async function change(path, body, tr, refusal, attempt) {
  say(L.saving)
  const {status, data} = await api(path, body)
  if (status === 200) {
    await showArticle(current.name, body.id)
    say(L.saved)
  } else if (status === 409 && (attempt || 0) < 20) {
    say(L.busy)
    setTimeout(() => change(path, body, tr, refusal, (attempt || 0) + 1), 1000)
  } else if (status === 422) {
    if (refusal) refusal.textContent = data.message || ''
    say(data.message || '', true)
  } else if (status === 500 && data.failed) say(data.message, true)
  else say(L.failed + (data.message ? ': ' + data.message : ''), true)
}

// Keys: j/k move between rows, Enter edits the row's English.
document.addEventListener('keydown', (event) => {
  if (document.body.dataset.view !== 'article' || event.ctrlKey || event.metaKey || event.altKey) return
  if (event.target && event.target.isContentEditable) return
  const rows = [...main.querySelectorAll('tbody tr')].filter((row) => row.offsetParent !== null)
  const at = rows.indexOf(document.activeElement)
  if (event.key === 'j' || event.key === 'k') {
    event.preventDefault()
    const next = rows[Math.max(0, Math.min(rows.length - 1, at + (event.key === 'j' ? 1 : -1)))]
    if (next) next.focus()
  } else if (event.key === 'Enter' && at >= 0) {
    event.preventDefault()
    const row = current.rows.find((item) => item.id === rows[at].dataset.id)
    if (row) edit(rows[at], row)
  }
})

route()
`
