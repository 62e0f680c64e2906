import {join} from 'node:path'
import {ConfigError} from '../errors.js'
import {readTextFile} from '../util/fs.js'
import type {TargetLanguage} from '../providers/port.js'
import {QA_CHECKS, type QaCheck} from '../qa/checks.js'
import type {DateStyle} from '../segment/numbers.js'

/** The project configuration: `tandem.config.json` at the root; flags override it. */
export interface TandemConfig {
  /** Folder of German articles (default: `input`). */
  readonly input: string
  /** Folder for outputs and the memory (default: `output`). */
  readonly output: string
  /** Folder of glossary files (default: `glossary`). */
  readonly glossary: string
  /** Provider for sentences the memory lacks (default: none, memory only). */
  readonly provider: string | undefined
  /** English variant (default: `en`). */
  readonly target: TargetLanguage
  /** Requests in flight at once (default: 4). */
  readonly concurrency: number
  /** Frontmatter fields to translate (default: title, description, summary). */
  readonly frontmatterFields: readonly string[]
  /** Per-provider settings, by provider name. */
  readonly providers: Readonly<Record<string, Readonly<Record<string, unknown>>>>
  /** Checks on every translated sentence, each on unless set to false. */
  readonly qa: Readonly<Record<QaToggle, boolean>>
  /** Fail the build on warnings (glossary and QA findings) too (default: false). */
  readonly strict: boolean
  /** Language of the review page's labels (default: en). */
  readonly reviewLanguage: 'de' | 'en'
  /** Larger input files are refused rather than read (default: 10 MiB). */
  readonly maxInputBytes: number
  /** Dates in segments with no words (table cells): long (31 December 2024), us (12/31/2024) or iso (2024-12-31); default: us for en-US, else long. */
  readonly dates: DateStyle
  /** Scraped text (`.txt`): `drop` lists regular expressions of whole lines to leave out (page furniture). */
  readonly text: {readonly drop: readonly string[]}
  /** MDX (`.mdx`): `attributes` lists the JSX and directive attributes whose text is translated (default: title, alt, label, description). */
  readonly mdx: {readonly attributes: readonly string[]}
  /** Fuzzy matches from the memory: `hint` is the least score given to an LLM as a reference, `show` the least shown to a reviewer (0–100). */
  readonly fuzzy: {readonly hint: number; readonly show: number}
  /** What a language model gets besides its batch: `chars` of the article's summary and of the sentences before the batch with their English (0: none). */
  readonly context: {readonly chars: number}
  /** A second model that rates each new translation (an OpenAI-compatible `provider` and `model`, optional `baseUrl`); `threshold`: a rating below it is a warning; `fix`: take its corrections. */
  readonly judge: JudgeConfig
}

/** The `judge` option. */
export interface JudgeConfig {
  readonly provider?: string
  readonly model?: string
  readonly baseUrl?: string
  /** `json_object` for a server without JSON-schema answers (default `json_schema`). */
  readonly responseFormat?: 'json_schema' | 'json_object'
  readonly threshold: number
  readonly fix: boolean
}

/** The checks that can be switched off: the QA checks, glossary verification, and consistency across the project (in `tandem check`). */
export type QaToggle = QaCheck | 'glossary' | 'consistency'
const QA_TOGGLES: readonly QaToggle[] = [...QA_CHECKS, 'glossary', 'consistency']

/** Defaults, in one place. */
export const DEFAULT_CONFIG: TandemConfig = {
  input: 'input',
  output: 'output',
  glossary: 'glossary',
  provider: undefined,
  target: 'en',
  concurrency: 4,
  frontmatterFields: ['title', 'description', 'summary'],
  providers: {},
  qa: {numbers: true, quotes: true, untranslated: true, length: true, glossary: true, consistency: true},
  strict: false,
  reviewLanguage: 'en',
  maxInputBytes: 10 * 1024 * 1024,
  dates: 'long',
  text: {drop: []},
  mdx: {attributes: ['title', 'alt', 'label', 'description']},
  fuzzy: {hint: 85, show: 75},
  context: {chars: 2000},
  judge: {threshold: 70, fix: false}
}

/** Name of the config file at the project root. */
export const CONFIG_FILE = 'tandem.config.json'

const TARGETS: readonly TargetLanguage[] = ['en', 'en-US', 'en-GB']

/**
 * Read `tandem.config.json` from `cwd` (a missing file means defaults).
 * @throws ConfigError naming the file, the line and the option at fault.
 */
export async function loadConfig(cwd: string): Promise<TandemConfig> {
  const path = join(cwd, CONFIG_FILE)
  let text: string
  try {
    text = await readTextFile(path, CONFIG_FILE)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_CONFIG
    // Note: a folder in its place, a loop of links, bytes that are not UTF-8: the CLI names the file and why.
    throw error
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1]
    const line = position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length
    throw new ConfigError(`${CONFIG_FILE}:${line}: not valid JSON (${(error as Error).message})`, {file: CONFIG_FILE, line, reason: (error as Error).message}, 'notJson')
  }
  return validateConfig(value, (key) => `${CONFIG_FILE}:${lineOfKey(text, key)}`)
}

/**
 * Check a parsed config object option by option.
 * @throws ConfigError naming the option and what it takes.
 */
export function validateConfig(value: unknown, where: (key: string) => string = () => CONFIG_FILE): TandemConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${CONFIG_FILE}: must be a JSON object`, {file: CONFIG_FILE}, 'notObject')
  }
  const record = value as Record<string, unknown>
  const known = new Set(Object.keys(DEFAULT_CONFIG))
  for (const key of Object.keys(record)) {
    if (key === '$schema' || key === '$comment') continue
    if (!known.has(key)) throw new ConfigError(`${where(key)}: unknown option "${key}" (known: ${[...known].join(', ')})`, {option: key, where: where(key), known: [...known].join(', ')}, 'unknownOption')
  }
  const text = (key: keyof TandemConfig): string | undefined => {
    const v = record[key]
    if (v === undefined) return undefined
    if (typeof v !== 'string' || v.trim() === '') throw new ConfigError(`${where(key)}: option "${key}" must be a non-empty string`, {option: key, where: where(key), what: 'text'}, 'mustBe')
    return v
  }
  const target = record['target'] ?? DEFAULT_CONFIG.target
  if (!TARGETS.includes(target as TargetLanguage)) {
    throw new ConfigError(`${where('target')}: option "target" must be one of ${TARGETS.join(', ')}`, {option: 'target', where: where('target'), what: 'oneOf', list: TARGETS.join(', ')}, 'mustBe')
  }
  const concurrency = record['concurrency'] ?? DEFAULT_CONFIG.concurrency
  if (typeof concurrency !== 'number' || !Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new ConfigError(`${where('concurrency')}: option "concurrency" must be a whole number from 1 to 64`, {option: 'concurrency', where: where('concurrency'), what: 'range'}, 'mustBe')
  }
  const fields = record['frontmatterFields'] ?? DEFAULT_CONFIG.frontmatterFields
  if (!Array.isArray(fields) || fields.some((field) => typeof field !== 'string' || field === '')) {
    throw new ConfigError(`${where('frontmatterFields')}: option "frontmatterFields" must be a list of field names`, {option: 'frontmatterFields', where: where('frontmatterFields'), what: 'fields'}, 'mustBe')
  }
  const providers = record['providers'] ?? {}
  if (typeof providers !== 'object' || providers === null || Array.isArray(providers)) {
    throw new ConfigError(`${where('providers')}: option "providers" must be an object of provider settings`, {option: 'providers', where: where('providers'), what: 'providers'}, 'mustBe')
  }
  const qaValue = record['qa'] ?? {}
  if (typeof qaValue !== 'object' || qaValue === null || Array.isArray(qaValue)) {
    throw new ConfigError(`${where('qa')}: option "qa" must be an object such as {"numbers": false}`, {option: 'qa', where: where('qa'), what: 'qa'}, 'mustBe')
  }
  const qa = {...DEFAULT_CONFIG.qa}
  for (const [key, value] of Object.entries(qaValue)) {
    if (!QA_TOGGLES.includes(key as QaToggle)) throw new ConfigError(`${where('qa')}: unknown check "qa.${key}" (known: ${QA_TOGGLES.join(', ')})`, {option: `qa.${key}`, where: where('qa'), known: QA_TOGGLES.join(', ')}, 'unknownCheck')
    if (typeof value !== 'boolean') throw new ConfigError(`${where('qa')}: option "qa.${key}" must be true or false`, {option: `qa.${key}`, where: where('qa'), what: 'boolean'}, 'mustBe')
    qa[key as QaToggle] = value
  }
  const strict = record['strict'] ?? false
  if (typeof strict !== 'boolean') throw new ConfigError(`${where('strict')}: option "strict" must be true or false`, {option: 'strict', where: where('strict'), what: 'boolean'}, 'mustBe')
  const reviewLanguage = record['reviewLanguage'] ?? 'en'
  if (reviewLanguage !== 'de' && reviewLanguage !== 'en') throw new ConfigError(`${where('reviewLanguage')}: option "reviewLanguage" must be "de" or "en"`, {option: 'reviewLanguage', where: where('reviewLanguage'), what: 'language'}, 'mustBe')
  const maxInputBytes = record['maxInputBytes'] ?? DEFAULT_CONFIG.maxInputBytes
  if (typeof maxInputBytes !== 'number' || !Number.isInteger(maxInputBytes) || maxInputBytes < 1) {
    throw new ConfigError(`${where('maxInputBytes')}: option "maxInputBytes" must be a whole number of bytes`, {option: 'maxInputBytes', where: where('maxInputBytes'), what: 'bytes'}, 'mustBe')
  }
  const dates = record['dates'] ?? (target === 'en-US' ? 'us' : 'long')
  if (dates !== 'long' && dates !== 'us' && dates !== 'iso') throw new ConfigError(`${where('dates')}: option "dates" must be one of long, us, iso`, {option: 'dates', where: where('dates'), what: 'oneOf', list: 'long, us, iso'}, 'mustBe')
  const textValue = record['text'] ?? {}
  if (typeof textValue !== 'object' || textValue === null || Array.isArray(textValue)) throw new ConfigError(`${where('text')}: option "text" must be an object such as {"drop": ["^Teilen:"]}`, {option: 'text', where: where('text'), what: 'textOptions'}, 'mustBe')
  for (const key of Object.keys(textValue)) {
    if (key !== 'drop') throw new ConfigError(`${where('text')}: unknown option "text.${key}" (known: drop)`, {option: `text.${key}`, where: where('text'), known: 'drop'}, 'unknownOption')
  }
  const drop = (textValue as {drop?: unknown}).drop ?? []
  if (!Array.isArray(drop) || drop.some((item) => typeof item !== 'string')) throw new ConfigError(`${where('text')}: option "text.drop" must be a list of regular expressions`, {option: 'text.drop', where: where('text'), what: 'patterns'}, 'mustBe')
  for (const pattern of drop as string[]) {
    try {
      new RegExp(pattern, 'u')
    } catch (error) {
      throw new ConfigError(`${where('text')}: "${pattern}" in text.drop is no regular expression (${(error as Error).message})`, {option: 'text.drop', where: where('text'), value: pattern, reason: (error as Error).message}, 'badPattern')
    }
  }
  const mdxValue = record['mdx'] ?? {}
  if (typeof mdxValue !== 'object' || mdxValue === null || Array.isArray(mdxValue)) throw new ConfigError(`${where('mdx')}: option "mdx" must be an object such as {"attributes": ["title"]}`, {option: 'mdx', where: where('mdx'), what: 'mdxOptions'}, 'mustBe')
  for (const key of Object.keys(mdxValue)) {
    if (key !== 'attributes') throw new ConfigError(`${where('mdx')}: unknown option "mdx.${key}" (known: attributes)`, {option: `mdx.${key}`, where: where('mdx'), known: 'attributes'}, 'unknownOption')
  }
  const attributes = (mdxValue as {attributes?: unknown}).attributes ?? DEFAULT_CONFIG.mdx.attributes
  if (!Array.isArray(attributes) || attributes.some((item) => typeof item !== 'string' || item === '')) throw new ConfigError(`${where('mdx')}: option "mdx.attributes" must be a list of attribute names`, {option: 'mdx.attributes', where: where('mdx'), what: 'attributes'}, 'mustBe')
  const fuzzy = wholeNumbers(record, 'fuzzy', DEFAULT_CONFIG.fuzzy, 100, where, {object: 'fuzzyOptions', number: 'score', range: 'from 0 to 100'})
  const context = wholeNumbers(record, 'context', DEFAULT_CONFIG.context, 100_000, where, {object: 'contextOptions', number: 'chars', range: 'from 0 to 100000'})
  const provider = record['provider'] === null ? undefined : text('provider')
  const judge = judgeOf(record, where)
  return {
    input: text('input') ?? DEFAULT_CONFIG.input,
    output: text('output') ?? DEFAULT_CONFIG.output,
    glossary: text('glossary') ?? DEFAULT_CONFIG.glossary,
    provider,
    target: target as TargetLanguage,
    concurrency,
    frontmatterFields: fields as string[],
    providers: providers as Record<string, Record<string, unknown>>,
    qa,
    strict,
    reviewLanguage,
    maxInputBytes,
    dates,
    text: {drop: drop as string[]},
    mdx: {attributes: attributes as string[]},
    fuzzy,
    context,
    judge
  }
}

/**
 * The `judge` option: texts `provider`, `model`, `baseUrl`, a whole `threshold` from 0 to 100, `fix` true or false.
 * @throws ConfigError naming the option at fault.
 */
function judgeOf(record: Record<string, unknown>, where: (key: string) => string): JudgeConfig {
  const value = record['judge'] ?? {}
  const at = where('judge')
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${at}: option "judge" must be an object such as {"provider": "openai", "model": "gpt-4o"}`, {option: 'judge', where: at, what: 'judgeOptions'}, 'mustBe')
  const out: {provider?: string; model?: string; baseUrl?: string; responseFormat?: 'json_schema' | 'json_object'; threshold: number; fix: boolean} = {...DEFAULT_CONFIG.judge}
  for (const [key, item] of Object.entries(value)) {
    const option = `judge.${key}`
    if (key === 'provider' || key === 'model' || key === 'baseUrl') {
      if (typeof item !== 'string' || item.trim() === '') throw new ConfigError(`${at}: option "${option}" must be a non-empty string`, {option, where: at, what: 'text'}, 'mustBe')
      out[key] = item.trim()
    } else if (key === 'responseFormat') {
      if (item !== 'json_schema' && item !== 'json_object') throw new ConfigError(`${at}: option "${option}" must be one of json_schema, json_object`, {option, where: at, what: 'oneOf', list: 'json_schema, json_object'}, 'mustBe')
      out.responseFormat = item
    } else if (key === 'threshold') {
      if (typeof item !== 'number' || !Number.isInteger(item) || item < 0 || item > 100) throw new ConfigError(`${at}: option "${option}" must be a whole number from 0 to 100`, {option, where: at, what: 'score'}, 'mustBe')
      out.threshold = item
    } else if (key === 'fix') {
      if (typeof item !== 'boolean') throw new ConfigError(`${at}: option "${option}" must be true or false`, {option, where: at, what: 'boolean'}, 'mustBe')
      out.fix = item
    } else throw new ConfigError(`${at}: unknown option "${option}" (known: provider, model, baseUrl, responseFormat, threshold, fix)`, {option, where: at, known: 'provider, model, baseUrl, responseFormat, threshold, fix'}, 'unknownOption')
  }
  return out
}

/**
 * An option that is an object of whole numbers from 0 to `max` (`fuzzy`, `context`), with its defaults.
 * @throws ConfigError for something else than such an object, an unknown key or a number out of range.
 */
function wholeNumbers<T extends Readonly<Record<string, number>>>(record: Record<string, unknown>, name: string, defaults: T, max: number, where: (key: string) => string, what: {readonly object: string; readonly number: string; readonly range: string}): T {
  const value = record[name] ?? {}
  const example = JSON.stringify(defaults).replaceAll(':', ': ').replaceAll(',', ', ')
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${where(name)}: option "${name}" must be an object such as ${example}`, {option: name, where: where(name), what: what.object}, 'mustBe')
  const out: Record<string, number> = {...defaults}
  const known = Object.keys(defaults).join(', ')
  for (const [key, number] of Object.entries(value)) {
    if (!(key in defaults)) throw new ConfigError(`${where(name)}: unknown option "${name}.${key}" (known: ${known})`, {option: `${name}.${key}`, where: where(name), known}, 'unknownOption')
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 0 || number > max) throw new ConfigError(`${where(name)}: option "${name}.${key}" must be a whole number ${what.range}`, {option: `${name}.${key}`, where: where(name), what: what.number}, 'mustBe')
    out[key] = number
  }
  return out as T
}

function lineOfKey(text: string, key: string): number {
  const index = text.indexOf(`"${key}"`)
  return index < 0 ? 1 : text.slice(0, index).split('\n').length
}

/** What segmentation needs of the configuration. */
export function extractOptionsOf(config: TandemConfig): {readonly frontmatterFields: readonly string[]; readonly textDrop: readonly string[]; readonly mdxAttributes: readonly string[]} {
  return {frontmatterFields: config.frontmatterFields, textDrop: config.text.drop, mdxAttributes: config.mdx.attributes}
}
