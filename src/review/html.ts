import {createHash} from 'node:crypto'
import {wordDiff} from './diff.js'
import {escapeHtml, markupHtml} from './marks.js'
import type {ReviewRow} from './rows.js'

/** The page's words; the CLI fills them through i18next (German or English). */
export interface ReviewLabels {
  readonly title: string
  readonly german: string
  readonly english: string
  readonly all: string
  readonly changed: string
  readonly flagged: string
  readonly unreviewed: string
  readonly statusReviewed: string
  readonly statusMachine: string
  readonly statusStale: string
  readonly before: string
  readonly suggestion: string
  /** Before a fuzzy match: "Similar in the memory". */
  readonly match: string
  /** Before a second model's rating: "Second opinion". */
  readonly judge: string
  readonly requiredEnglish: string
  readonly emptyFilter: string
}

/** English labels, the default. */
export const ENGLISH_LABELS: ReviewLabels = {
  title: 'Review',
  german: 'German',
  english: 'English',
  all: 'All',
  changed: 'Changed',
  flagged: 'Flagged',
  unreviewed: 'Unreviewed',
  statusReviewed: 'reviewed',
  statusMachine: 'machine',
  statusStale: 'stale',
  before: 'Before',
  suggestion: 'Reviewed English of the old German',
  match: 'Similar in the memory',
  judge: 'Second opinion',
  requiredEnglish: 'required English',
  emptyFilter: 'No sentence in this view.'
}

export {escapeHtml}

const SCRIPT = `for (const button of document.querySelectorAll('button[data-filter]')) {
  button.addEventListener('click', () => {
    document.body.dataset.filter = button.dataset.filter
    for (const other of document.querySelectorAll('button[data-filter]')) other.setAttribute('aria-pressed', String(other === button))
  })
}`

/** The look of a review: the static page's and the review app's. */
export const REVIEW_STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
header{position:sticky;top:0;background:#f4f4f4;border-bottom:1px solid #ccc;padding:.5em 1em;display:flex;gap:.5em;align-items:center;flex-wrap:wrap;z-index:1}
h1{font-size:1.1em;margin:0 1em 0 0}
button{font:inherit;padding:.2em .8em;border:1px solid #999;background:#fff;border-radius:3px;cursor:pointer}
button[aria-pressed=true]{background:#1b1b1b;color:#fff}
.count{font-size:.85em;opacity:.75;margin-left:.3em}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border-bottom:1px solid #e2e2e2;padding:.4em .8em;vertical-align:top;text-align:left}
.line{width:3em;color:#888;font-variant-numeric:tabular-nums;text-align:right}
tr.heading td:not(.line){font-weight:600;font-size:1.1em}
mark{background:#dff0ff;border-radius:2px}
.block{color:#888;margin-right:.4em}
.required{font-size:.75em;color:#0b5394;background:#eef5ff;border:1px solid #bcd6f5;border-radius:3px;padding:0 .3em;margin-left:.25em;white-space:nowrap}
code{font-family:ui-monospace,monospace;font-size:.9em;background:#f2f2f2;border-radius:3px;padding:0 .2em}
.link{color:#0b5394;text-decoration:underline;text-decoration-style:dotted;cursor:help}
.element{border-bottom:1px dashed #8a6d3b;cursor:help}
.image{color:#666}
.status{font-size:.8em;padding:0 .4em;border-radius:3px;background:#eee;margin-left:.5em}
tr.stale .status{background:#ffd8a8}
tr.reviewed .status{background:#d3f9d8}
tr.changed td.line{border-left:4px solid #f08c00}
.flags{color:#b35c00;font-size:.85em;margin:.3em 0 0;padding-left:1.2em}
.before{color:#555;font-size:.85em;margin-top:.3em}
.before del{background:#ffe3e3;text-decoration:line-through}
.before ins{background:#d3f9d8;text-decoration:none}
.match{color:#555;font-size:.85em;margin-top:.3em;border-left:3px solid #bcd6f5;padding-left:.5em}
.match .score{font-size:.9em;color:#0b5394}
.match del{background:#ffe3e3;text-decoration:line-through}
.match ins{background:#d3f9d8;text-decoration:none}
.judge{color:#555;font-size:.85em;margin-top:.3em;border-left:3px solid #e0c36a;padding-left:.5em}
.judge .score{font-size:.9em;color:#7a5c00}
.judge ul{margin:.2em 0;padding-left:1.2em}
p.empty{display:none;padding:1em;color:#666}
body[data-filter=changed] tbody tr:not(.changed),body[data-filter=flagged] tbody tr:not(.flagged),body[data-filter=unreviewed] tbody tr.reviewed{display:none}`

/** Which rows each filter shows. */
const FILTERS = {
  all: () => true,
  changed: (row: ReviewRow) => row.changed,
  flagged: (row: ReviewRow) => row.flags.length > 0,
  unreviewed: (row: ReviewRow) => row.status !== 'reviewed'
} as const

/** A row's German and English as HTML: markup rendered, glossary terms marked on both sides, the required English next to the German term. */
export function rowHtml(row: ReviewRow, labels: ReviewLabels): {readonly de: string; readonly en: string} {
  // Note: a list item, a table cell or a quotation is recognisable by a marker before it.
  const marker = row.block === undefined ? '' : `<span class="block" aria-hidden="true">${BLOCK_MARKERS[row.block]}</span>`
  const de = marker + markupHtml(row.source, row.marks, row.terms.map((term) => ({start: term.start, end: term.end, title: `${labels.requiredEnglish}: ${term.english}`, ...(term.english === term.german ? {} : {after: term.english})})))
  const en = marker + markupHtml(row.target, row.marks, row.englishTerms.map((term) => ({start: term.start, end: term.end, title: term.german})))
  return {de, en}
}

const BLOCK_MARKERS = {list: '•', table: '▦', quote: '❝'} as const

/** A word-level difference as HTML: removed words struck, added ones highlighted. */
export function diffHtml(before: string, after: string): string {
  return wordDiff(before, after)
    .map((part) => (part.op === 'same' ? escapeHtml(part.text) : part.op === 'delete' ? `<del>${escapeHtml(part.text)}</del>` : `<ins>${escapeHtml(part.text)}</ins>`))
    .join('')
}

/**
 * A fuzzy match as the reviewer sees it: label, score and origin, the match's
 * German with its differences from this sentence's German marked, and its English.
 */
export function matchHtml(match: NonNullable<ReviewRow['match']>, de: string, labels: ReviewLabels): string {
  const origin = match.reviewed ? labels.statusReviewed : labels.statusMachine
  return `<div class="match"><span class="score">${escapeHtml(labels.match)} · ${escapeHtml(String(match.score))} · ${escapeHtml(origin)}</span><div lang="de">${diffHtml(match.de, de)}</div><div lang="en">${escapeHtml(match.en)}</div></div>`
}

/**
 * A second model's rating as the reviewer sees it: label, score and judge,
 * each finding with its category, severity, span and note, and the English a
 * correction of it replaced.
 */
export function judgeHtml(judge: NonNullable<ReviewRow['judge']>, labels: ReviewLabels): string {
  const findings = judge.findings
    .map((finding) => `<li><b>${escapeHtml(finding.category)}</b> (${escapeHtml(finding.severity)})${finding.span === '' ? '' : ` “${escapeHtml(finding.span)}”`}${finding.note === '' ? '' : `: ${escapeHtml(finding.note)}`}</li>`)
    .join('')
  const replaced = judge.replaced === undefined ? '' : `<div class="before">${escapeHtml(labels.before)}: ${diffHtml(judge.replaced, judge.en)}</div>`
  return `<div class="judge"><span class="score">${escapeHtml(labels.judge)} · ${escapeHtml(String(judge.score))} · ${escapeHtml(judge.by)}</span>${findings === '' ? '' : `<ul>${findings}</ul>`}${replaced}</div>`
}

/**
 * The review page: a self-contained HTML file (no network) with German and
 * English side by side, a row per sentence with its markup rendered, glossary
 * terms marked on both sides with the required English beside the German,
 * QA flags, word-level differences on changed rows, and filters with their
 * counts. Every piece of article and provider text is escaped, and a
 * Content-Security-Policy allows only the page's own script, so injected
 * markup can never run.
 */
export function renderReviewPage(title: string, rows: readonly ReviewRow[], labels: ReviewLabels = ENGLISH_LABELS, lang: 'de' | 'en' = 'en'): string {
  const hash = createHash('sha256').update(SCRIPT).digest('base64')
  const status = {reviewed: labels.statusReviewed, machine: labels.statusMachine, stale: labels.statusStale}
  const body = rows
    .map((row) => {
      const classes = [row.status, row.kind === 'heading' ? 'heading' : '', row.changed ? 'changed' : '', row.flags.length > 0 ? 'flagged' : ''].filter(Boolean).join(' ')
      const flags = row.flags.length === 0 ? '' : `<ul class="flags">${row.flags.map((flag) => `<li>${escapeHtml(flag)}</li>`).join('')}</ul>`
      const changed = row.changed && row.previous !== undefined ? row.previous : undefined
      const before = changed === undefined ? '' : `<div class="before">${escapeHtml(labels.before)}: ${diffHtml(changed.de, row.de)}</div>`
      const englishBefore =
        (row.suggestion !== undefined ? `<div class="before">${escapeHtml(labels.suggestion)}: ${escapeHtml(row.suggestion)}</div>` : '') +
        (changed === undefined ? '' : `<div class="before">${escapeHtml(labels.before)}: ${diffHtml(changed.en, row.en)}</div>`)
      const html = rowHtml(row, labels)
      const match = row.match === undefined ? '' : matchHtml(row.match, row.de, labels)
      const judge = row.judge === undefined ? '' : judgeHtml(row.judge, labels)
      return `<tr class="${classes}" data-line="${row.line}"><td class="line">${row.line}</td><td lang="de">${html.de}${before}</td><td lang="en">${html.en}<span class="status">${escapeHtml(status[row.status])}</span>${englishBefore}${match}${judge}${flags}</td></tr>`
    })
    .join('\n')
  const filters = (Object.keys(FILTERS) as Array<keyof typeof FILTERS>).map((name) => ({name, count: rows.filter(FILTERS[name]).length}))
  const buttons = filters
    .map(({name, count}) => `<button type="button" data-filter="${name}" aria-pressed="${name === 'all'}">${escapeHtml(labels[name])}<span class="count">${count}</span></button>`)
    .join('\n')
  // Note: a filter that shows nothing says so (the page is static: the counts are known now).
  const empty = filters
    .filter(({count}) => count === 0)
    .map(({name}) => `<p class="empty" data-empty="${name}">${escapeHtml(labels.emptyFilter)}</p>`)
    .join('\n')
  const emptyStyle = filters
    .filter(({count}) => count === 0)
    .map(({name}) => `body[data-filter=${name}] p[data-empty=${name}]{display:block}`)
    .join('\n')
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(labels.title)}: ${escapeHtml(title)}</title>
<style>${REVIEW_STYLE}
${emptyStyle}</style>
</head>
<body data-filter="all">
<header><h1>${escapeHtml(title)}</h1>
${buttons}
</header>
<table>
<thead><tr><th class="line">#</th><th>${escapeHtml(labels.german)}</th><th>${escapeHtml(labels.english)}</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
${empty}
<script>${SCRIPT}</script>
</body>
</html>
`
}
