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

/** A translate function for the tool's own messages. Only the CLI and reporter use it. */
export async function createTranslator(language: UiLanguage): Promise<Translate> {
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
  return (key, values) => String(instance.t(key, {...values}))
}

/** The review page's labels through a translator (`review.*` of the locales). */
export function reviewLabelsOf(t: Translate): ReviewLabels {
  const keys = Object.keys(ENGLISH_LABELS) as Array<keyof ReviewLabels>
  return Object.fromEntries(keys.map((key) => [key, t(`review.${key}`)])) as unknown as ReviewLabels
}
