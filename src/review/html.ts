import {createHash} from 'node:crypto'
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
  readonly requiredEnglish: string
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
  requiredEnglish: 'required English'
}

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

const SCRIPT = `for (const button of document.querySelectorAll('button[data-filter]')) {
  button.addEventListener('click', () => {
    document.body.dataset.filter = button.dataset.filter
    for (const other of document.querySelectorAll('button[data-filter]')) other.setAttribute('aria-pressed', String(other === button))
  })
}`

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
header{position:sticky;top:0;background:#f4f4f4;border-bottom:1px solid #ccc;padding:.5em 1em;display:flex;gap:.5em;align-items:center}
h1{font-size:1.1em;margin:0 1em 0 0}
button{font:inherit;padding:.2em .8em;border:1px solid #999;background:#fff;border-radius:3px;cursor:pointer}
button[aria-pressed=true]{background:#1b1b1b;color:#fff}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border-bottom:1px solid #e2e2e2;padding:.4em .8em;vertical-align:top;text-align:left}
td.line{width:3.5em;color:#888;font-variant-numeric:tabular-nums}
mark{background:#dff0ff}
.status{font-size:.8em;padding:0 .4em;border-radius:3px;background:#eee;margin-left:.5em}
tr.stale .status{background:#ffd8a8}
tr.changed td.line{border-left:4px solid #f08c00}
.flags{color:#b35c00;font-size:.85em;margin:.3em 0 0;padding-left:1.2em}
.before{color:#666;font-size:.85em;margin-top:.3em}
body[data-filter=changed] tbody tr:not(.changed),body[data-filter=flagged] tbody tr:not(.flagged),body[data-filter=unreviewed] tbody tr.reviewed{display:none}`

/**
 * The review page: a self-contained HTML file (no network) with German and
 * English side by side, a row per sentence, glossary terms marked with their
 * required English, QA flags, change markers and filters. Every piece of
 * article and provider text is escaped, and a Content-Security-Policy allows
 * only the page's own script, so injected markup can never run.
 */
export function renderReviewPage(title: string, rows: readonly ReviewRow[], labels: ReviewLabels = ENGLISH_LABELS, lang: 'de' | 'en' = 'en'): string {
  const hash = createHash('sha256').update(SCRIPT).digest('base64')
  const status = {reviewed: labels.statusReviewed, machine: labels.statusMachine, stale: labels.statusStale}
  const body = rows
    .map((row) => {
      const classes = [row.status, row.changed ? 'changed' : '', row.flags.length > 0 ? 'flagged' : ''].filter(Boolean).join(' ')
      const flags = row.flags.length === 0 ? '' : `<ul class="flags">${row.flags.map((flag) => `<li>${escapeHtml(flag)}</li>`).join('')}</ul>`
      const before =
        row.changed && row.previous !== undefined
          ? `<div class="before">${escapeHtml(labels.before)}: ${escapeHtml(row.previous.de)}</div>`
          : ''
      const englishBefore =
        (row.suggestion !== undefined ? `<div class="before">${escapeHtml(labels.suggestion)}: ${escapeHtml(row.suggestion)}</div>` : '') +
        (row.changed && row.previous !== undefined ? `<div class="before">${escapeHtml(labels.before)}: ${escapeHtml(row.previous.en)}</div>` : '')
      return `<tr class="${classes}" data-line="${row.line}"><td class="line">${row.line}</td><td lang="de">${marked(row, labels)}${before}</td><td lang="en">${escapeHtml(row.en)}<span class="status">${escapeHtml(status[row.status])}</span>${englishBefore}${flags}</td></tr>`
    })
    .join('\n')
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(labels.title)}: ${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body data-filter="all">
<header><h1>${escapeHtml(title)}</h1>
<button type="button" data-filter="all" aria-pressed="true">${escapeHtml(labels.all)}</button>
<button type="button" data-filter="changed" aria-pressed="false">${escapeHtml(labels.changed)}</button>
<button type="button" data-filter="flagged" aria-pressed="false">${escapeHtml(labels.flagged)}</button>
<button type="button" data-filter="unreviewed" aria-pressed="false">${escapeHtml(labels.unreviewed)}</button>
</header>
<table>
<thead><tr><th class="line">#</th><th>${escapeHtml(labels.german)}</th><th>${escapeHtml(labels.english)}</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
<script>${SCRIPT}</script>
</body>
</html>
`
}

/** The German with glossary terms marked; their required English in the title. */
function marked(row: ReviewRow, labels: ReviewLabels): string {
  let out = ''
  let last = 0
  for (const term of row.terms) {
    if (term.start < last) continue
    out += `${escapeHtml(row.de.slice(last, term.start))}<mark title="${escapeHtml(`${labels.requiredEnglish}: ${term.english}`)}">${escapeHtml(row.de.slice(term.start, term.end))}</mark>`
    last = term.end
  }
  return out + escapeHtml(row.de.slice(last))
}
