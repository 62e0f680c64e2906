import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

/** A loopback server for benchmarks: answers LibreTranslate and OpenAI requests after `delayMs`, echoing the text. */
export async function startEchoServer(delayMs: number): Promise<{url: string; requests: () => number; close: () => Promise<void>}> {
  let count = 0
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      count++
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {q?: string[]; messages?: Array<{role: string; content: string}>}
      let answer: unknown
      if (body.q !== undefined) {
        answer = {translatedText: body.q}
      } else {
        const payload = JSON.parse(body.messages?.find((message) => message.role === 'user')?.content ?? '{}') as {segments: Array<{id: string; text: string}>}
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
