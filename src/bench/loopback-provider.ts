import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

/** A running echo server and what it saw. */
export interface EchoServer {
  readonly url: string
  /** Requests answered with a translation. */
  requests(): number
  /** Texts received in answered requests. */
  texts(): number
  /** Requests refused with 429 for going over the rate limit. */
  refused(): number
  close(): Promise<void>
}

/**
 * A loopback server for benchmarks: answers LibreTranslate and OpenAI
 * requests after `delayMs`, echoing the text. With `requestsPerSecond`, it
 * refuses (429, Retry-After: 1) a request that would make more than that many
 * arrive within one second.
 */
export async function startEchoServer(delayMs: number, limits: {requestsPerSecond?: number} = {}): Promise<EchoServer> {
  let count = 0
  let texts = 0
  let refused = 0
  const arrivals: number[] = []
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const rate = limits.requestsPerSecond
      if (rate !== undefined) {
        const now = performance.now()
        // Note: 990 ms, not 1,000: a client that spaces requests exactly 1/rate apart is within the limit despite timer jitter.
        while (arrivals.length > 0 && (arrivals[0] ?? 0) <= now - 990) arrivals.shift()
        if (arrivals.length >= rate) {
          refused++
          response.writeHead(429, {'content-type': 'application/json', 'retry-after': '1'})
          response.end(JSON.stringify({error: 'Too many requests'}))
          return
        }
        arrivals.push(now)
      }
      count++
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {q?: string[]; messages?: Array<{role: string; content: string}>}
      let answer: unknown
      if (body.q !== undefined) {
        texts += body.q.length
        answer = {translatedText: body.q}
      } else {
        const payload = JSON.parse(body.messages?.find((message) => message.role === 'user')?.content ?? '{}') as {segments: Array<{id: string; text: string}>}
        texts += payload.segments.length
        const content = JSON.stringify({translations: payload.segments.map(({id, text}) => ({id, text}))})
        answer = {id: 'x', object: 'chat.completion', created: 0, model: 'bench', choices: [{index: 0, finish_reason: 'stop', message: {role: 'assistant', content, refusal: null}}]}
      }
      setTimeout(() => {
        response.writeHead(200, {'content-type': 'application/json'})
        response.end(JSON.stringify(answer))
      }, delayMs)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    texts: () => texts,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
