import {escapeHtml, REVIEW_STYLE, type ReviewLabels} from '../review/html.js'

/** The app's words beside the review page's; the CLI fills them through i18next. */
export interface AppLabels extends ReviewLabels {
  readonly articles: string
  readonly article: string
  readonly sentences: string
  readonly machine: string
  readonly reviewed: string
  readonly stale: string
  readonly flaggedCount: string
  readonly changedCount: string
  readonly needsReview: string
  readonly notBuilt: string
  readonly back: string
  readonly approve: string
  readonly keys: string
  readonly saving: string
  readonly saved: string
  readonly busy: string
  readonly failed: string
  readonly noArticles: string
  readonly missing: string
  readonly storedNotWritten: string
  /** The index's list of what the project renders two ways, its hint, the button that makes one rendering the rule, and what it did. */
  readonly inconsistent: string
  readonly inconsistentHint: string
  readonly makeRule: string
  readonly addedRule: string
}

/** The app's look: the review page's, and what editing adds. */
export const APP_STYLE = `${REVIEW_STYLE}
main{padding:0 0 3em}
a{color:#0b5394}
.hint{font-size:.85em;color:#666;margin-left:auto}
#status{min-height:1.5em;padding:.2em 1em;font-size:.9em}
#status.error{color:#a61e1e}
th.sortable{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}
th[aria-sort=descending]::after{content:" ▼"}
td.count,th.count{text-align:right;width:6.5em;font-variant-numeric:tabular-nums}
tbody tr:focus{outline:2px solid #1c7ed6;outline-offset:-2px}
td[lang=en] .text{cursor:text}
.editor{border:1px solid #1c7ed6;border-radius:3px;padding:.2em .4em;min-height:1.5em;white-space:pre-wrap;outline:none;background:#fff}
.tag{display:inline-block;font-size:.75em;line-height:1.3;padding:0 .35em;margin:0 .1em;border-radius:3px;background:#e7f0fb;border:1px solid #a5c3ea;color:#0b5394;user-select:all;vertical-align:baseline}
.tag.void{background:#f2f2f2;border-color:#ccc;color:#333;font-family:ui-monospace,monospace}
.refusal{color:#a61e1e;font-size:.85em;margin-top:.3em}
button.approve{font-size:.8em;padding:0 .5em;margin-left:.5em}
body[data-filter=stale] tbody tr:not(.stale){display:none}
label.filter{display:flex;gap:.3em;align-items:center}
p.empty.shown{display:block}
section.inconsistent{margin:1em}
section.inconsistent h2{font-size:1em;margin:.5em 0}
section.inconsistent li{margin:.4em 0}
section.inconsistent .places{font-size:.85em;color:#555}
button.rule{font-size:.8em;padding:0 .5em;margin-left:.5em}`

/** The one page of the app: its script and style come from the app itself (no CDN, no inline script). */
export function appShell(labels: AppLabels, lang: 'de' | 'en', token: string): string {
  // Note: the labels travel as a JSON data block, which no browser runs as script.
  const data = JSON.stringify(labels).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="tandem-token" content="${escapeHtml(token)}">
<title>${escapeHtml(labels.title)}</title>
<link rel="stylesheet" href="/app.css">
<script type="application/json" id="labels">${data}</script>
<script src="/app.js" defer></script>
</head>
<body data-filter="all">
<main></main>
</body>
</html>
`
}
