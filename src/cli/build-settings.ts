import type {FingerprintOptions} from '../builder/fingerprint.js'
import type {TandemConfig} from '../config/config.js'
import {QA_CHECKS} from '../qa/checks.js'
import {createTranslator, reviewLabelsOf} from './i18n.js'

/** What of the configuration shapes a build's outputs: the build takes it, and `tandem check` compares its fingerprint. */
export async function outputSettings(config: TandemConfig): Promise<Omit<FingerprintOptions, 'provider'>> {
  return {
    checks: new Set(QA_CHECKS.filter((check) => config.qa[check])),
    review: {labels: reviewLabelsOf(await createTranslator(config.reviewLanguage)), lang: config.reviewLanguage},
    checkGlossary: config.qa.glossary,
    target: config.target,
    frontmatterFields: config.frontmatterFields,
    textDrop: config.text.drop,
    mdxAttributes: config.mdx.attributes,
    dates: config.dates,
    judgeThreshold: config.judge.threshold
  }
}
