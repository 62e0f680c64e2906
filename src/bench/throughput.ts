import {parseArticle} from '../article/parse.js'
import {planBuild} from '../builder/plan.js'
import {batchWork, translateWork} from '../builder/translate.js'
import {articleOf, type Article} from '../article/article.js'
import {createProvider} from '../providers/registry.js'
import {startEchoServer} from './loopback-provider.js'

/** One throughput measurement. */
export interface ThroughputResult {
  readonly provider: string
  readonly sentences: number
  readonly requests: number
  readonly concurrency: number
  readonly minimumMs: number
  readonly measuredMs: number
  readonly ratio: number
}

/** Articles of `count` unique sentences, five to a paragraph. */
export async function sentenceArticles(count: number): Promise<Article[]> {
  const paragraphs: string[] = []
  for (let i = 0; i < count; i += 5) {
    paragraphs.push(Array.from({length: Math.min(5, count - i)}, (_, j) => `Das ist der Satz Nummer ${i + j} mit **etwas** Text.`).join(' '))
  }
  const ref = {inputPath: 'bench.md', name: 'bench.md', displayPath: 'bench.md', outputs: {de: '', en: '', bilingual: '', review: ''}}
  const parsed = await parseArticle({ref, text: paragraphs.join('\n\n'), inputHash: ''}, {frontmatterFields: []})
  if (!parsed.ok) throw new Error('the throughput article does not parse')
  return [{...articleOf(ref), segments: parsed.value.extraction.segments}]
}

/**
 * Translate `sentences` sentences through a real adapter against a loopback
 * server that answers after `delayMs`, and compare the wall time with the
 * minimum the batch and concurrency limits allow: ceil(batches / concurrency) × delay.
 */
export async function measureThroughput(providerName: 'libretranslate' | 'openai', sentences: number, delayMs: number, concurrency: number): Promise<ThroughputResult> {
  const server = await startEchoServer(delayMs)
  try {
    const env = providerName === 'libretranslate' ? {LIBRETRANSLATE_URL: server.url} : {OPENAI_BASE_URL: `${server.url}/v1`}
    const provider = createProvider(providerName, {env, options: {}, target: 'en', model: 'bench'})
    const articles = await sentenceArticles(sentences)
    const plan = planBuild(articles, {get: () => undefined})
    const {maxBatchSegments, maxBatchChars, contextScope} = provider.capabilities
    const batches = batchWork(plan.work, maxBatchSegments, maxBatchChars, contextScope === 'request').length
    const minimumMs = Math.ceil(batches / concurrency) * delayMs
    const started = performance.now()
    const results = await translateWork(plan.work, {provider, target: 'en', concurrency, signal: new AbortController().signal, record: async () => undefined})
    const measuredMs = performance.now() - started
    if (results.size !== plan.work.length) throw new Error(`only ${results.size} of ${plan.work.length} sentences came back`)
    return {provider: providerName, sentences: plan.work.length, requests: server.requests(), concurrency, minimumMs, measuredMs, ratio: measuredMs / minimumMs}
  } finally {
    await server.close()
  }
}
