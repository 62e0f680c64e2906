import {fakeEnglish, type Handler, type RecordedRequest, type Reply} from '../loopback.js'

/** A glossary held by the fake DeepL server. */
export interface FakeGlossary {
  readonly glossary_id: string
  readonly name: string
  readonly entries: string
  /** ISO time it was made (DeepL's `creation_time`). */
  readonly creation_time: string
}

/**
 * A DeepL API server as its clients talk to it (deepl-node and tandem alike): form bodies, `DeepL-Auth-Key`
 * auth, `/v2/translate`, and the v3 glossary endpoints.
 */
export function fakeDeepL(authKey: string): {handler: Handler; glossaries: FakeGlossary[]} {
  const glossaries: FakeGlossary[] = []
  let next = 1
  const handler: Handler = (request: RecordedRequest): Reply => {
    if (request.headers.authorization !== `DeepL-Auth-Key ${authKey}`) {
      return {status: 403, body: {message: `Wrong auth key ${String(request.headers.authorization)}`}}
    }
    if (request.method === 'POST' && request.path === '/v2/translate') {
      const texts = request.form?.getAll('text') ?? []
      const glossaryId = request.form?.get('glossary_id')
      const glossary = glossaries.find((item) => item.glossary_id === glossaryId)
      // As DeepL answers for a glossary that is gone.
      if (glossaryId !== null && glossaryId !== undefined && glossary === undefined) return {status: 404, body: {message: 'Glossary not found'}}
      const pairs = glossary === undefined ? [] : glossary.entries.split('\n').map((line) => line.split('\t'))
      return {
        status: 200,
        body: {
          translations: texts.map((text) => {
            let out = text
            for (const [source, target] of pairs) if (source !== undefined && target !== undefined) out = out.split(source).join(`\u0000${target}\u0001`)
            // Glossary targets are kept as they are; everything else gets fake English.
            out = out
              .split(/\u0000([^\u0001]*)\u0001/)
              .map((part, index) => (index % 2 === 1 ? part : fakeEnglish(part)))
              .join('')
            return {detected_source_language: 'DE', text: out}
          })
        }
      }
    }
    if (request.method === 'GET' && request.path === '/v3/glossaries') {
      return {status: 200, body: {glossaries: glossaries.map(info)}}
    }
    if (request.method === 'POST' && request.path === '/v3/glossaries') {
      const form = request.form ?? new URLSearchParams()
      const glossary = {glossary_id: `g-${next++}`, name: form.get('name') ?? '', entries: form.get('dictionaries[0].entries') ?? '', creation_time: new Date().toISOString()}
      glossaries.push(glossary)
      return {status: 201, body: info(glossary)}
    }
    const remove = /^\/v3\/glossaries\/([^/?]+)$/.exec(request.path)
    if (request.method === 'DELETE' && remove !== null) {
      const index = glossaries.findIndex((item) => item.glossary_id === remove[1])
      if (index >= 0) glossaries.splice(index, 1)
      return {status: 204}
    }
    return {status: 404, body: {message: `no route ${request.method} ${request.path}`}}
  }
  return {handler, glossaries}
}

function info(glossary: FakeGlossary): unknown {
  return {
    glossary_id: glossary.glossary_id,
    name: glossary.name,
    creation_time: glossary.creation_time,
    dictionaries: [{source_lang: 'de', target_lang: 'en', entry_count: glossary.entries.split('\n').filter(Boolean).length}]
  }
}
