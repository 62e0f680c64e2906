import {printable} from '../util/printable.js'
import type {Translate} from './i18n.js'

/** What a fault's text is made from: an error of tandem's, or the values a diagnostic keeps of one. */
export interface Fault {
  readonly message: string
  /** Its text's key in the locales (`provider.http`, `memory.notJson`); absent: `message` is printed. */
  readonly key?: string | undefined
  readonly params: Readonly<Record<string, unknown>>
  readonly cause?: unknown
}

/** The YAML parser's error codes that the locales describe (`glossary.yaml.*`); for others its own words are quoted. */
const YAML_CODES = new Set(['BAD_INDENT', 'DUPLICATE_KEY', 'TAB_AS_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MISSING_CHAR', 'MULTIPLE_DOCS', 'BAD_DQ_ESCAPE', 'MULTILINE_IMPLICIT_KEY', 'UNEXPECTED_TOKEN'])

/** Keys whose text shows an HTTP answer's detail: status, server and what it said. */
const WITH_DETAIL = new Set(['provider.http', 'provider.auth', 'provider.quota', 'provider.notTheApi'])

/**
 * A fault in the user's language: its key's text, filled in from its values.
 * A fault it wraps (`cause`) fills in `{{reason}}`, an HTTP answer's detail
 * `{{detail}}`, what an option takes `{{what}}`, a glossary entry's kind
 * `{{kind}}`. What a server or a library said is quoted as it said it.
 */
export function faultText(fault: Fault, t: Translate): string {
  if (fault.key === undefined) return printable(fault.message)
  const params: Record<string, unknown> = {...fault.params}
  if (WITH_DETAIL.has(fault.key)) params['detail'] = t(params['endpoint'] === '' || params['endpoint'] === undefined ? 'provider.detail' : 'provider.detailFrom', params)
  if (isFault(fault.cause)) params['reason'] = faultText(fault.cause, t)
  else if (typeof params['message'] === 'string') params['reason'] = params['message']
  if (fault.key.startsWith('config.') && typeof params['what'] === 'string') params['what'] = t(`config.what.${params['what']}`, params)
  localDetail(params, t)
  if (params['kind'] === 'term' || params['kind'] === 'name') params['kind'] = t(`glossary.kinds.${params['kind']}`)
  return t(fault.key, params)
}

/** A parser's words (`detail`) in the user's language where its code is known: YAML's error codes, TOML forms tandem cannot rewrite. */
export function localDetail(params: Record<string, unknown>, t: Translate): void {
  if (typeof params['yaml'] === 'string') params['detail'] = t(`glossary.yaml.${YAML_CODES.has(params['yaml']) ? params['yaml'] : 'other'}`, params)
  if (params['toml'] === 'multiLine') params['detail'] = t('glossary.tomlMultiLine')
}

function isFault(value: unknown): value is Fault {
  if (typeof value !== 'object' || value === null) return false
  const {message, key, params} = value as Partial<Fault>
  return typeof message === 'string' && typeof key === 'string' && typeof params === 'object'
}
