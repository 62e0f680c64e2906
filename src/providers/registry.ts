import {ConfigError} from '../errors.js'
import {createIdentityProvider} from './identity.js'
import type {TranslationProvider} from './port.js'
import {createPseudoProvider} from './pseudo.js'

/** What a provider factory may read: the environment (keys, base URLs) and its config section. */
export interface ProviderSettings {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly options: Readonly<Record<string, unknown>>
}

type Factory = (settings: ProviderSettings) => TranslationProvider

const FACTORIES: ReadonlyMap<string, Factory> = new Map<string, Factory>([
  ['identity', () => createIdentityProvider()],
  ['pseudo', () => createPseudoProvider()]
])

/** Names of every registered provider. */
export function providerNames(): string[] {
  return [...FACTORIES.keys()]
}

/**
 * Create a provider by name. This is the only place that reads keys and URLs
 * from the environment.
 * @throws ConfigError when the name is unknown or its settings are incomplete.
 */
export function createProvider(name: string, settings: ProviderSettings): TranslationProvider {
  const factory = FACTORIES.get(name)
  if (factory === undefined) {
    throw new ConfigError(`unknown provider "${name}"`, {option: 'provider', value: name, known: providerNames().join(', ')})
  }
  return factory(settings)
}
