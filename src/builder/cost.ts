import type {ProviderCapabilities} from '../providers/port.js'
import type {BuildPlan} from './plan.js'

/** What a plan would cost with a provider: characters for MT, estimated tokens for LLMs. */
export interface CostEstimate {
  readonly unit: ProviderCapabilities['costUnit']
  readonly characters: number
  /** Estimated input + output tokens (LLM providers only). */
  readonly tokens?: number
}

/** Rough characters per token for German and English text. */
const CHARS_PER_TOKEN = 4
/** System prompt and JSON framing per request, in tokens. */
const TOKENS_PER_REQUEST = 350

/**
 * Estimate a plan's cost. Characters are those of the text without tags (what
 * MT services bill); tokens count the prompt, the context and the answer;
 * `promptChars` is what requests carry besides (references, article context).
 */
export function estimateCost(plan: BuildPlan, capabilities?: ProviderCapabilities, promptChars = 0): CostEstimate {
  if (capabilities?.costUnit !== 'tokens') return {unit: 'characters', characters: plan.characters}
  const contextChars = plan.work.reduce((sum, item) => sum + item.context.length + item.source.length, promptChars)
  const requests = Math.ceil(plan.work.length / capabilities.maxBatchSegments)
  const input = Math.ceil(contextChars / CHARS_PER_TOKEN) + requests * TOKENS_PER_REQUEST
  const output = Math.ceil((plan.characters / CHARS_PER_TOKEN) * 1.3) + plan.work.length * 12
  return {unit: 'tokens', characters: plan.characters, tokens: input + output}
}

/** Instructions and JSON framing of a judge's request, and its answer per sentence (score, findings), in tokens. */
const TOKENS_PER_JUDGE_REQUEST = 450
const TOKENS_PER_RATING = 60

/**
 * Estimate what a judge costs for a plan's sentences: each sent with its
 * English (the German's length standing in for it), the instructions per
 * request, and the answer.
 */
export function judgeTokens(work: BuildPlan['work'], batchItems: number): number {
  if (work.length === 0) return 0
  const chars = work.reduce((sum, item) => sum + 2 * item.source.length, 0)
  return Math.ceil(chars / CHARS_PER_TOKEN) + Math.ceil(work.length / batchItems) * TOKENS_PER_JUDGE_REQUEST + work.length * TOKENS_PER_RATING
}
