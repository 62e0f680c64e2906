import {readFileSync} from 'node:fs'
import {ConfigError} from '../errors.js'
import {createAnthropicProvider} from './anthropic.js'
import {createAwsProvider} from './aws.js'
import {createAzureProvider} from './azure.js'
import {createDeepLProvider} from './deepl.js'
import {createGoogleProvider, type ServiceAccountKey} from './google.js'
import {createIdentityProvider} from './identity.js'
import {createLibreTranslateProvider} from './libretranslate.js'
import {createOpenAIProvider} from './openai.js'
import type {TargetLanguage, TranslationJudge, TranslationProvider} from './port.js'
import {createPseudoProvider} from './pseudo.js'
import {withJudgeRetry, withRetry, type RetryPolicy} from './retry.js'
import {createOpenAIJudge} from './openai-judge.js'

/** What a provider factory may read: the environment (keys, base URLs), its config section and flags. */
export interface ProviderSettings {
  readonly env: Readonly<Record<string, string | undefined>>
  /** The provider's section of `tandem.config.json` (`providers.<name>`). */
  readonly options: Readonly<Record<string, unknown>>
  readonly target: TargetLanguage
  /** `--base-url`: overrides the provider's URL variable. */
  readonly baseUrl?: string
  /** `--model`: for LLM providers. */
  readonly model?: string
  /** Retry and timeout policy overrides (tests shorten the waits; the CLI listens to the retries). */
  readonly retry?: Partial<RetryPolicy>
  /** For a dry run, which sends nothing: a missing key is no error. */
  readonly dryRun?: boolean
}

/** What a dry run's provider has for a missing key: it is never sent, a dry run sends nothing. */
const NO_KEY_DRY_RUN = 'dry-run-sends-nothing'

type Factory = (settings: ProviderSettings) => TranslationProvider

/** Default model of the `openai` provider. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini'
/** Default model of the `anthropic` provider: the small, fast one, as for `openai`. */
export const DEFAULT_ANTHROPIC_MODEL = 'claude-haiku-5-5'

const FACTORIES: ReadonlyMap<string, Factory> = new Map<string, Factory>([
  ['identity', () => createIdentityProvider()],
  ['pseudo', () => createPseudoProvider()],
  [
    'deepl',
    (settings) => {
      const authKey = required(settings, 'DEEPL_AUTH_KEY', 'deepl')
      const serverUrl = settings.baseUrl ?? nonEmpty(settings.env['DEEPL_SERVER_URL']) ?? stringOption(settings, 'serverUrl')
      return createDeepLProvider({authKey, target: settings.target, ...(serverUrl === undefined ? {} : {serverUrl})})
    }
  ],
  [
    'openai',
    (settings) => {
      const baseURL = settings.baseUrl ?? nonEmpty(settings.env['OPENAI_BASE_URL']) ?? stringOption(settings, 'baseUrl')
      // Local servers (Ollama, llama.cpp, vLLM) need no key, but the client insists on one.
      const apiKey = nonEmpty(settings.env['OPENAI_API_KEY']) ?? (baseURL === undefined ? required(settings, 'OPENAI_API_KEY', 'openai') : 'no-key')
      const model = settings.model ?? nonEmpty(settings.env['OPENAI_MODEL']) ?? stringOption(settings, 'model') ?? DEFAULT_OPENAI_MODEL
      const responseFormat = stringOption(settings, 'responseFormat')
      if (responseFormat !== undefined && responseFormat !== 'json_schema' && responseFormat !== 'json_object') {
        throw new ConfigError('providers.openai.responseFormat must be "json_schema" or "json_object"', {option: 'providers.openai.responseFormat'}, 'responseFormat')
      }
      const style = stringOption(settings, 'style')
      return createOpenAIProvider({
        apiKey,
        model,
        ...(baseURL === undefined ? {} : {baseURL}),
        ...(responseFormat === undefined ? {} : {responseFormat}),
        ...(style === undefined ? {} : {style})
      })
    }
  ],
  [
    'anthropic',
    (settings) => {
      const baseURL = settings.baseUrl ?? nonEmpty(settings.env['ANTHROPIC_BASE_URL']) ?? stringOption(settings, 'baseUrl')
      const apiKey = baseURL === undefined ? required(settings, 'ANTHROPIC_API_KEY', 'anthropic') : (nonEmpty(settings.env['ANTHROPIC_API_KEY']) ?? 'no-key')
      const model = settings.model ?? nonEmpty(settings.env['ANTHROPIC_MODEL']) ?? stringOption(settings, 'model') ?? DEFAULT_ANTHROPIC_MODEL
      const style = stringOption(settings, 'style')
      return createAnthropicProvider({apiKey, model, ...(baseURL === undefined ? {} : {baseURL}), ...(style === undefined ? {} : {style})})
    }
  ],
  [
    'aws',
    (settings) => {
      const region = nonEmpty(settings.env['AWS_REGION']) ?? nonEmpty(settings.env['AWS_DEFAULT_REGION']) ?? stringOption(settings, 'region')
      if (region === undefined && settings.dryRun !== true) throw new ConfigError('aws needs the region: AWS_REGION, or "region" under providers.aws', {option: 'AWS_REGION'}, 'awsRegion')
      const accessKeyId = nonEmpty(settings.env['AWS_ACCESS_KEY_ID'])
      const secretAccessKey = nonEmpty(settings.env['AWS_SECRET_ACCESS_KEY'])
      const sessionToken = nonEmpty(settings.env['AWS_SESSION_TOKEN'])
      const profile = nonEmpty(settings.env['AWS_PROFILE']) ?? stringOption(settings, 'profile')
      const endpoint = settings.baseUrl ?? nonEmpty(settings.env['AWS_TRANSLATE_ENDPOINT']) ?? stringOption(settings, 'endpoint')
      // Note: keys in the environment are passed on; without them the SDK's standard chain looks (profile, SSO, a role).
      return createAwsProvider({
        region: region ?? 'us-east-1',
        ...(accessKeyId === undefined || secretAccessKey === undefined ? {} : {credentials: {accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : {sessionToken})}}),
        ...(profile === undefined ? {} : {profile}),
        ...(endpoint === undefined ? {} : {endpoint})
      })
    }
  ],
  [
    'azure',
    (settings) => {
      const key = required(settings, 'AZURE_TRANSLATOR_KEY', 'azure')
      const region = nonEmpty(settings.env['AZURE_TRANSLATOR_REGION']) ?? stringOption(settings, 'region')
      const endpoint = settings.baseUrl ?? nonEmpty(settings.env['AZURE_TRANSLATOR_ENDPOINT']) ?? stringOption(settings, 'endpoint')
      return createAzureProvider({key, ...(region === undefined ? {} : {region}), ...(endpoint === undefined ? {} : {endpoint})})
    }
  ],
  [
    'google',
    (settings) => {
      const endpoint = settings.baseUrl ?? nonEmpty(settings.env['GOOGLE_TRANSLATE_ENDPOINT']) ?? stringOption(settings, 'endpoint')
      const location = nonEmpty(settings.env['GOOGLE_CLOUD_LOCATION']) ?? stringOption(settings, 'location')
      const glossary = stringOption(settings, 'glossary')
      const given = nonEmpty(settings.env['GOOGLE_ACCESS_TOKEN'])
      const file = nonEmpty(settings.env['GOOGLE_APPLICATION_CREDENTIALS'])
      const key = given === undefined && file !== undefined ? serviceAccountKey(file) : undefined
      if (given === undefined && key === undefined && settings.dryRun !== true) {
        throw new ConfigError('google needs GOOGLE_APPLICATION_CREDENTIALS (a service account key file) or GOOGLE_ACCESS_TOKEN in the environment or in .env (see .env.example)', {option: 'GOOGLE_APPLICATION_CREDENTIALS'}, 'googleCredentials')
      }
      const project = nonEmpty(settings.env['GOOGLE_CLOUD_PROJECT']) ?? stringOption(settings, 'project') ?? key?.project_id
      if (project === undefined && settings.dryRun !== true) throw new ConfigError('google needs the project: GOOGLE_CLOUD_PROJECT, "project" under providers.google, or project_id in the key file', {option: 'GOOGLE_CLOUD_PROJECT'}, 'googleProject')
      return createGoogleProvider({
        auth: key === undefined ? {token: given ?? NO_KEY_DRY_RUN} : {key},
        project: project ?? 'dry-run',
        ...(location === undefined ? {} : {location}),
        ...(glossary === undefined ? {} : {glossary}),
        ...(endpoint === undefined ? {} : {endpoint})
      })
    }
  ],
  [
    'libretranslate',
    (settings) => {
      const url = settings.baseUrl ?? nonEmpty(settings.env['LIBRETRANSLATE_URL']) ?? stringOption(settings, 'url')
      if (url === undefined && settings.dryRun === true) return createLibreTranslateProvider({url: 'http://localhost:5000'})
      if (url === undefined) throw new ConfigError('libretranslate needs LIBRETRANSLATE_URL (or --base-url), e.g. http://localhost:5000', {option: 'LIBRETRANSLATE_URL'}, 'libretranslateUrl')
      const apiKey = nonEmpty(settings.env['LIBRETRANSLATE_API_KEY'])
      return createLibreTranslateProvider({url, ...(apiKey === undefined ? {} : {apiKey})})
    }
  ]
])

/** Default model of a judge: a stronger one than the translator's default. */
export const DEFAULT_JUDGE_MODEL = 'gpt-4o'

/** What a judge's factory may read: like a provider's, with its own section (`judge` of the config). */
export interface JudgeSettings {
  readonly env: Readonly<Record<string, string | undefined>>
  /** `--judge-model`. */
  readonly model?: string
  /** `judge.model`, `judge.baseUrl` and `judge.responseFormat` of the config. */
  readonly options: {readonly model?: string; readonly baseUrl?: string; readonly responseFormat?: 'json_schema' | 'json_object'}
  readonly retry?: Partial<RetryPolicy>
  readonly dryRun?: boolean
}

/**
 * Create a judge by name (`openai`: any OpenAI-compatible server), wrapped in
 * the retry and timeout policy. Its key and URL are `JUDGE_API_KEY` and
 * `JUDGE_BASE_URL`, else the translator's `OPENAI_` ones, so that a judge can
 * run elsewhere than the translator; a key is never sent to another server
 * than its own.
 * @throws ConfigError for another name or a missing key.
 */
export function createJudge(name: string, settings: JudgeSettings): TranslationJudge {
  if (name !== 'openai') throw new ConfigError(`a judge is an OpenAI-compatible model: --judge openai, not "${name}"`, {option: 'judge', value: name}, 'unknownJudge')
  // Note: a key goes only to the server it belongs to: the judge's own with its own key (or the translator's key when it is
  // the translator's server), a judge key without a URL to OpenAI itself, else the translator's server and key.
  const judgeURL = nonEmpty(settings.env['JUDGE_BASE_URL']) ?? settings.options.baseUrl
  const judgeKey = nonEmpty(settings.env['JUDGE_API_KEY'])
  const openaiURL = nonEmpty(settings.env['OPENAI_BASE_URL'])
  const openaiKey = nonEmpty(settings.env['OPENAI_API_KEY'])
  const baseURL = judgeURL ?? (judgeKey === undefined ? openaiURL : undefined)
  const key = judgeKey ?? (judgeURL === undefined || judgeURL === openaiURL ? openaiKey : undefined)
  if (key === undefined && baseURL === undefined && settings.dryRun !== true) {
    throw new ConfigError('the judge needs JUDGE_API_KEY or OPENAI_API_KEY in the environment or in .env (see .env.example)', {option: 'JUDGE_API_KEY', provider: 'judge'}, 'needsVariable')
  }
  const model = settings.model ?? nonEmpty(settings.env['JUDGE_MODEL']) ?? settings.options.model ?? DEFAULT_JUDGE_MODEL
  const responseFormat = settings.options.responseFormat
  return withJudgeRetry(createOpenAIJudge({apiKey: key ?? (baseURL === undefined ? NO_KEY_DRY_RUN : 'no-key'), model, ...(baseURL === undefined ? {} : {baseURL}), ...(responseFormat === undefined ? {} : {responseFormat})}), {timeoutMs: 120_000, ...settings.retry})
}

/** Names of every registered provider. */
export function providerNames(): string[] {
  return [...FACTORIES.keys()]
}

/**
 * Create a provider by name, wrapped in the retry and timeout policy. This is
 * the only place that reads keys and URLs from the environment.
 * @throws ConfigError when the name is unknown or a required variable is missing.
 */
export function createProvider(name: string, settings: ProviderSettings): TranslationProvider {
  const factory = FACTORIES.get(name)
  if (factory === undefined) {
    throw new ConfigError(`unknown provider "${name}" (known: ${providerNames().join(', ')})`, {option: 'provider', value: name, known: providerNames().join(', ')}, 'unknownProvider')
  }
  const rate = settings.options['requestsPerSecond']
  if (rate !== undefined && (typeof rate !== 'number' || !(rate > 0))) {
    throw new ConfigError(`providers.${name}.requestsPerSecond must be a number above 0`, {option: `providers.${name}.requestsPerSecond`}, 'aboveZero')
  }
  const delay = settings.options['retryDelayMs']
  if (delay !== undefined && (typeof delay !== 'number' || !(delay > 0))) {
    throw new ConfigError(`providers.${name}.retryDelayMs must be a number above 0`, {option: `providers.${name}.retryDelayMs`}, 'aboveZero')
  }
  return withRetry(factory(settings), {timeoutMs: timeoutOf(settings), ...(rate === undefined ? {} : {requestsPerSecond: rate}), ...(delay === undefined ? {} : {baseDelayMs: delay}), ...settings.retry})
}

/**
 * A service account's key file (`GOOGLE_APPLICATION_CREDENTIALS`), read and checked.
 * @throws ConfigError naming the file and what is wrong; never quoting the key.
 */
function serviceAccountKey(file: string): ServiceAccountKey {
  const refuse = (reason: string): ConfigError => new ConfigError(`GOOGLE_APPLICATION_CREDENTIALS: ${file} ${reason}`, {option: 'GOOGLE_APPLICATION_CREDENTIALS', file, reason}, 'googleKeyFile')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw refuse(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw refuse('is not JSON (a service account key file is)')
  }
  const key = value as Partial<Record<keyof ServiceAccountKey | 'type', unknown>> | null
  if (key?.type !== 'service_account' || typeof key.client_email !== 'string' || typeof key.private_key !== 'string') throw refuse('is not a service account key (type "service_account" with client_email and private_key)')
  return {
    client_email: key.client_email,
    private_key: key.private_key,
    ...(typeof key.token_uri === 'string' ? {token_uri: key.token_uri} : {}),
    ...(typeof key.project_id === 'string' ? {project_id: key.project_id} : {})
  }
}

function required(settings: ProviderSettings, variable: string, provider: string): string {
  const value = nonEmpty(settings.env[variable])
  if (value === undefined && settings.dryRun === true) return NO_KEY_DRY_RUN
  if (value === undefined) throw new ConfigError(`${provider} needs ${variable} in the environment or in .env (see .env.example)`, {option: variable, provider}, 'needsVariable')
  return value
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

function stringOption(settings: ProviderSettings, key: string): string | undefined {
  const value = settings.options[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

function timeoutOf(settings: ProviderSettings): number {
  const value = settings.options['timeoutMs']
  return typeof value === 'number' && value > 0 ? value : 60_000
}
