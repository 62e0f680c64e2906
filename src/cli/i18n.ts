import {createInstance} from 'i18next'
import {ENGLISH_LABELS, type ReviewLabels} from '../review/html.js'
import {printable} from '../util/printable.js'
import {de} from './locales/de.js'
import {en} from './locales/en.js'

/** Languages of tandem's own messages. */
export type UiLanguage = 'de' | 'en'

/** The message language from the environment: LC_ALL, LC_MESSAGES, LANG, LANGUAGE (default: en). */
export function languageFromEnv(env: Readonly<Record<string, string | undefined>>): UiLanguage {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) {
    const value = env[name]
    if (value === undefined || value === '') continue
    return value.toLowerCase().startsWith('de') ? 'de' : 'en'
  }
  return 'en'
}

/** Looks up a message by key and fills in its values. */
export type Translate = (key: string, values?: Readonly<Record<string, unknown>>) => string

/** One translator per language: a command asks for it more than once (its own messages, the review page's labels). */
const translators = new Map<UiLanguage, Promise<Translate>>()

/** A translate function for the tool's own messages. Only the CLI and reporter use it. */
export function createTranslator(language: UiLanguage): Promise<Translate> {
  let translator = translators.get(language)
  if (translator === undefined) translators.set(language, (translator = newTranslator(language)))
  return translator
}

async function newTranslator(language: UiLanguage): Promise<Translate> {
  const instance = createInstance()
  await instance.init({
    lng: language,
    fallbackLng: 'en',
    resources: {en: {translation: en}, de: {translation: de}},
    // Note: every value (a file name, a server's words) is printed with its control characters escaped.
    interpolation: {escapeValue: true, escape: (value: unknown) => printable(String(value))},
    initAsync: false,
    showSupportNotice: false
  } as Parameters<typeof instance.init>[0])
  const messages = language === 'de' ? de : en
  return (key, values) => (values === undefined ? plainMessage(messages, key) : undefined) ?? String(instance.t(key, {...values}))
}

/**
 * The message at `key` (`help.input`) when i18next would give it as it stands:
 * a string with nothing to fill in or nest, asked for without values. The
 * help texts of every option are looked up at each start, and i18next takes
 * about 30 µs for each; anything else goes to i18next.
 */
function plainMessage(messages: unknown, key: string): string | undefined {
  let value = messages
  for (const part of key.split('.')) value = typeof value === 'object' && value !== null && Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined
  return typeof value === 'string' && !value.includes('{{') && !value.includes('$t(') ? value : undefined
}

/** The review page's labels through a translator (`review.*` of the locales). */
export function reviewLabelsOf(t: Translate): ReviewLabels {
  const keys = Object.keys(ENGLISH_LABELS) as Array<keyof ReviewLabels>
  return Object.fromEntries(keys.map((key) => [key, t(`review.${key}`)])) as unknown as ReviewLabels
}
