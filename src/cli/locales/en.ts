import {ENGLISH_LABELS} from '../../review/html.js'

/** English texts of tandem's own messages. Keys are shared with `de.ts`. */
export const en = {
  severity: {error: 'error', warning: 'warning', info: 'info'},
  rule: {
    'read-binary': 'binary file (NUL byte at byte {{byte}}), not Markdown text',
    'read-encoding': 'not valid UTF-8 (first bad byte at offset {{byte}}); save the file as UTF-8',
    'read-failed': 'cannot read the file: {{reason}}',
    'parse-failed': 'cannot parse: {{reason}}',
    'input-too-large': 'file of {{size}} bytes, more than the limit of {{limit}} bytes (maxInputBytes in tandem.config.json); not read',
    'input-too-deep': 'lists or block quotes nested more than {{limit}} levels deep; not translated',
    'input-outside': 'a symbolic link to {{target}}, outside the input folder; not read',
    'internal': 'internal error in {{stage}}: {{reason}}; the article was skipped, its outputs stay as they were',
    'placeholder-missing': '{{provider}} lost the placeholder {{tag}} in: {{sentence}}',
    'placeholder-duplicate': '{{provider}} duplicated the placeholder {{tag}} in: {{sentence}}',
    'placeholder-unknown': '{{provider}} invented the placeholder {{tag}} in: {{sentence}}',
    'placeholder-nesting': '{{provider}} broke the nesting of {{tag}} in: {{sentence}}',
    'placeholder-kind': '{{provider}} changed the kind of placeholder {{tag}} in: {{sentence}}',
    'translation-missing': '{{provider}} returned no translation for: {{sentence}}',
    'translation-empty': '{{provider}} returned an empty translation for: {{sentence}}',
    'translation-count': '{{provider}} returned translations that were not asked for ({{tag}}); batch rejected: {{sentence}}',
    'provider-control': "removed control characters ({{characters}}) from {{provider}}'s answer for: {{sentence}}",
    'provider-failed': '{{provider}} failed ({{reason}}) for: {{sentence}}',
    'needs-provider': '{{count}} sentence(s) are not in the translation memory and no provider is configured',
    'glossary-missing': '"{{term}}" ({{found}}) must be rendered as "{{english}}" in: {{sentence}}',
    'glossary-forbidden': '"{{term}}" is rendered with the forbidden "{{found}}" instead of "{{english}}" in: {{sentence}}',
    'glossary-reviewed': 'the reviewed translation does not render "{{term}}" as "{{english}}" (kept as reviewed) in: {{sentence}}',
    'qa-numbers': 'number not carried over in English form ({{detail}}) in: {{sentence}}',
    'qa-quotes': 'German quotation marks in the English ({{detail}}) in: {{sentence}}',
    'qa-untranslated': 'looks untranslated ({{detail}}): {{sentence}}',
    'qa-length': 'English length is {{detail}} times the German: {{sentence}}',
    'edit-lines': 'this English file has {{lines}} lines but the build wrote {{expected}}: lines were added or removed (first difference here); keep one line per German line. Nothing was changed',
    'edit-untranslated': 'an edited line that holds no translated sentence (code, HTML, markup); change it in the German article. Nothing was changed',
    'edit-markup': 'an edited line whose links, code or formatting changed; edit only the words (links and code come from the German article). Nothing was changed',
    'edit-ambiguous': 'an edited line that holds {{count}} sentences of one block; tandem cannot tell which changed. Nothing was changed',
    alignment: 'German and English outputs differ in line count ({{de}} and {{en}}); nothing written',
    structure: 'the {{file}} output would change the Markdown structure (expected {{expected}}, got {{actual}}); nothing written',
    'output-conflict': 'output conflict: {{reason}}',
    'write-failed': 'cannot write outputs: {{reason}}',
    'output-kept': 'kept although its input is gone: the file changed since tandem wrote it; delete it yourself if it is not needed'
  },
  build: {
    summary: '{{articles}} article(s): {{ok}} built ({{unchanged}} unchanged, skipped), {{failed}} failed; {{sentences}} sentence(s), {{fromMemory}} from memory, {{translated}} translated',
    written: 'wrote {{path}}',
    unchanged: 'unchanged {{path}}',
    removed: 'removed {{path}} (its input is gone)',
    dryRunHeader: 'Dry run: nothing is sent or written.',
    dryRunArticle: '{{path}}: {{sentences}} sentence(s), {{fromMemory}} from memory, {{toTranslate}} to translate ({{characters}} characters)',
    dryRunTotal: 'Total to send: {{sentences}} unique sentence(s), {{characters}} characters',
    dryRunRemove: 'would remove {{path}} (its input is gone)',
    dryRunTokens: 'Estimated cost with {{provider}}: about {{tokens}} tokens',
    needsProviderHint: 'To translate them, choose a provider: `tandem build --provider <name>` or "provider" in tandem.config.json. Providers: {{providers}}.',
    progressBar: '{{done}}/{{total}} sentences, {{rate}}/s, {{left}} s left',
    progress: 'translated {{done}} of {{total}} sentence(s), {{rate}}/s, about {{left}} s left',
    retrying: 'retrying in {{seconds}} s (attempt {{attempt}} of {{attempts}}: {{reason}})',
    stopped: '{{count}} article(s) not built: nothing more was sent after this error; their earlier outputs are unchanged',
    strictFailed: 'failed under --strict: {{count}} warning(s) (outputs are written; the exit code is 1)'
  },
  review: ENGLISH_LABELS,
  error: {
    file: '{{path}}: {{reason}}',
    fileReason: {
      missing: 'no such file or folder',
      folder: 'a folder, where a file is needed',
      notFolder: 'a file is where a folder is needed (in the path)',
      denied: 'permission denied',
      inTheWay: 'a file is in the place of a folder',
      loop: 'cannot be read (a loop of symbolic links)',
      other: 'cannot be read'
    },
    config: 'configuration error: {{message}}',
    memory: 'the translation memory is damaged: {{message}}',
    locked: 'the output folder is busy: {{message}}',
    aborted: 'interrupted; every translation received so far is kept in the memory',
    internal: 'internal error: {{message}}'
  }
} as const

/** The shape every locale must have. */
export type Messages = typeof en
