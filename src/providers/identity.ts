import type {ProviderTranslation, TranslateRequest, TranslationProvider} from './port.js'

/** `identity`: returns every sentence unchanged. For fidelity checks of the Markdown round trip. */
export function createIdentityProvider(): TranslationProvider {
  return {
    id: 'identity',
    capabilities: {maxBatchSegments: 500, maxBatchChars: 200_000, glossary: 'ignore', costUnit: 'characters', contextScope: 'segment', persistent: false},
    async translate(request: TranslateRequest): Promise<readonly ProviderTranslation[]> {
      return request.segments.map(({id, text}) => ({id, text}))
    }
  }
}
