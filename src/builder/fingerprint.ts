import type {Glossary} from '../glossary/model.js'
import {QA_CHECKS} from '../qa/checks.js'
import {ENGLISH_LABELS} from '../review/html.js'
import {DEFAULT_MDX_ATTRIBUTES} from '../segment/defaults.js'
import {DEFAULT_JUDGE_THRESHOLD, type BuildOptions} from './options.js'
import {settingsFingerprint} from './unchanged.js'

/** What of a build's options shapes its outputs (besides the inputs and the memory). */
export type FingerprintOptions = Pick<BuildOptions, 'provider' | 'target' | 'frontmatterFields' | 'textDrop' | 'mdxAttributes' | 'checks' | 'checkGlossary' | 'review' | 'dates' | 'judgeThreshold'>

/** The settings fingerprint a build with these options stores per article; `tandem check` compares it too. */
export function buildFingerprint(options: FingerprintOptions, glossary: Glossary): string {
  return settingsFingerprint({
    // Note: a provider whose answers go into the memory shapes no output (the memory does): building with it or with
    // none gives the same files. One whose answers are not remembered (pseudo, identity) writes its own.
    provider: options.provider !== undefined && !options.provider.capabilities.persistent ? options.provider.id : null,
    target: options.target,
    frontmatterFields: options.frontmatterFields,
    textDrop: options.textDrop ?? [],
    // Note: only when set otherwise than the default, so that outputs built before MDX existed stay current.
    ...(options.mdxAttributes === undefined || options.mdxAttributes.join('\n') === DEFAULT_MDX_ATTRIBUTES.join('\n') ? {} : {mdxAttributes: options.mdxAttributes}),
    checks: [...(options.checks ?? QA_CHECKS)].sort(),
    checkGlossary: options.checkGlossary ?? true,
    review: options.review ?? {labels: ENGLISH_LABELS, lang: 'en' as const},
    glossary: glossary.entries,
    // Note: only when there are some, so that outputs built before quotations existed stay current.
    ...(glossary.quotes === undefined || glossary.quotes.length === 0 ? {} : {quotes: glossary.quotes}),
    dates: options.dates ?? 'long',
    // Note: only when set otherwise than the default: it decides which ratings are warnings.
    ...(options.judgeThreshold === undefined || options.judgeThreshold === DEFAULT_JUDGE_THRESHOLD ? {} : {judgeThreshold: options.judgeThreshold})
  })
}

