import {describe, expect, it} from 'vitest'
import {fakeOpenAI, payloadOf} from '../helpers/fakes/openai.js'
import {startLoopback} from '../helpers/loopback.js'
import {makeProject, tandem} from '../helpers/project.js'

describe('glossary entries in an LLM prompt', () => {
  it('include a term that occurs only in an inflected form', async () => {
    const server = await startLoopback(fakeOpenAI('k'))
    const root = await makeProject({
      'input/a.md': 'Der Weg zu einer künstlichen allgemeinen Intelligenz ist lang.\n',
      'glossary/g.yaml': 'terms:\n  - de: künstliche allgemeine Intelligenz\n    en: artificial general intelligence\n'
    })
    await tandem(root, ['build', '--provider', 'openai', '--quiet'], {env: {OPENAI_API_KEY: 'k', OPENAI_BASE_URL: `${server.url}/v1`}})
    expect(payloadOf(server.requests[0] as never).glossary).toEqual([{de: 'künstliche allgemeine Intelligenz', en: 'artificial general intelligence', kind: 'term'}])
  })
})
