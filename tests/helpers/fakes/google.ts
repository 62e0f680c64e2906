import {createVerify, generateKeyPairSync, randomBytes, type KeyObject} from 'node:crypto'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {startLoopback, type Loopback} from '../loopback.js'
import {fakeEnglish, type Handler} from '../loopback.js'

/** What the fake Google checks a service account's JWT against, and what it holds. */
export interface FakeGoogle {
  readonly handler: Handler
  /** Access tokens issued so far. */
  readonly tokens: string[]
  /** The claims of every JWT presented. */
  readonly claims: Array<Record<string, unknown>>
}

/**
 * Google's token endpoint (`POST /token`, the JWT bearer grant: the JWT's RS256 signature is verified
 * with the service account's public key) and Cloud Translation v3 (`POST
 * /v3/projects/{p}/locations/{l}:translateText` with a Bearer token it issued). It answers HTML as Google
 * does (elements kept, `translate="no"` untouched, an apostrophe as `&#39;`); with `glossaryConfig`, the
 * glossary's German terms become their English in `glossaryTranslations`.
 */
export function fakeGoogle(options: {publicKey: KeyObject; clientEmail: string; project: string; glossaries?: Record<string, Record<string, string>>; tokenSeconds?: number}): FakeGoogle {
  const tokens: string[] = []
  const claims: Array<Record<string, unknown>> = []
  const handler: Handler = (request) => {
    if (request.method === 'POST' && request.path === '/token') {
      const form = new URLSearchParams(request.body)
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return {status: 400, body: {error: 'unsupported_grant_type'}}
      const [head = '', body = '', signature = ''] = (form.get('assertion') ?? '').split('.')
      const valid = createVerify('RSA-SHA256').update(`${head}.${body}`).verify(options.publicKey, signature, 'base64url')
      const claim = JSON.parse(Buffer.from(body, 'base64url').toString('utf8') || '{}') as Record<string, unknown>
      claims.push(claim)
      if (!valid || claim['iss'] !== options.clientEmail || JSON.parse(Buffer.from(head, 'base64url').toString('utf8') || '{}').alg !== 'RS256') return {status: 400, body: {error: 'invalid_grant', error_description: 'Invalid JWT Signature.'}}
      const token = `ya29.${randomBytes(12).toString('hex')}`
      tokens.push(token)
      return {status: 200, body: {access_token: token, expires_in: options.tokenSeconds ?? 3599, token_type: 'Bearer'}}
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
    if (bearer === undefined || !tokens.includes(bearer)) return {status: 401, body: {error: {code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED'}}}
    const match = /^\/v3\/projects\/([^/]+)\/locations\/([^/:]+):translateText$/.exec(request.path)
    if (request.method !== 'POST' || match === null) return {status: 404, body: {error: {code: 404, message: 'Not found', status: 'NOT_FOUND'}}}
    if (match[1] !== options.project) return {status: 403, body: {error: {code: 403, message: `Permission denied on project ${match[1]}`, status: 'PERMISSION_DENIED'}}}
    const body = request.json as {contents: string[]; mimeType?: string; sourceLanguageCode: string; targetLanguageCode: string; glossaryConfig?: {glossary: string}}
    if (body.contents.length > 1024) return {status: 400, body: {error: {code: 400, message: 'Too many contents', status: 'INVALID_ARGUMENT'}}}
    const html = (body.mimeType ?? 'text/html') === 'text/html'
    const translations = body.contents.map((text) => ({translatedText: googleTranslate(text, html, {})}))
    const glossaryName = body.glossaryConfig?.glossary
    const glossary = glossaryName === undefined ? undefined : options.glossaries?.[glossaryName.split('/').at(-1) ?? '']
    if (glossaryName !== undefined && (glossary === undefined || match[2] === 'global')) return {status: 400, body: {error: {code: 400, message: `Glossary not found: ${glossaryName}`, status: 'INVALID_ARGUMENT'}}}
    return {status: 200, body: {translations, ...(glossary === undefined ? {} : {glossaryTranslations: body.contents.map((text) => ({translatedText: googleTranslate(text, html, glossary), glossaryConfig: body.glossaryConfig}))})}}
  }
  return {handler, tokens, claims}
}

/** Google's HTML translation of one text: protected spans untouched, glossary terms as listed, the rest fake English, apostrophes as `&#39;`. */
function googleTranslate(text: string, html: boolean, glossary: Record<string, string>): string {
  let out = text
  for (const [german, english] of Object.entries(glossary)) out = out.split(german).join(`\u0000${english}\u0001`)
  const protectedParts = html ? /(<span[^>]*translate="no"[^>]*><\/span>|<[^>]+>|\u0000[^\u0001]*\u0001)/ : /(\u0000[^\u0001]*\u0001)/
  return out
    .split(protectedParts)
    .map((part, index) => (index % 2 === 1 ? part.replace(/[\u0000\u0001]/g, '') : fakeEnglish(part).replace(/'/g, html ? '&#39;' : "'")))
    .join('')
}

/** A service account of the tests' own: its key pair and e-mail. */
export interface TestServiceAccount {
  readonly publicKey: KeyObject
  readonly privateKey: string
  readonly email: string
}

export function testServiceAccount(): TestServiceAccount {
  const pair = generateKeyPairSync('rsa', {modulusLength: 2048})
  return {publicKey: pair.publicKey, privateKey: pair.privateKey.export({type: 'pkcs8', format: 'pem'}).toString(), email: 'tandem-build@canary-project.iam.gserviceaccount.com'}
}

/** The environment that points tandem at a fake Google at `url`: a key file written for it (its token_uri there). */
export function googleEnv(url: string, account: TestServiceAccount): Record<string, string> {
  const path = join(mkdtempSync(join(tmpdir(), 'tandem-google-')), 'service-account.json')
  writeFileSync(path, JSON.stringify({type: 'service_account', project_id: 'canary-project', private_key: account.privateKey, client_email: account.email, token_uri: `${url}/token`}))
  return {GOOGLE_APPLICATION_CREDENTIALS: path, GOOGLE_TRANSLATE_ENDPOINT: url}
}

/** A fake Google service on a loopback server with a service account of its own, and the environment that points tandem at it. */
export async function googleService(): Promise<{server: Loopback; fake: FakeGoogle; env: Record<string, string>; privateKey: string}> {
  const account = testServiceAccount()
  const fake = fakeGoogle({publicKey: account.publicKey, clientEmail: account.email, project: 'canary-project'})
  const server = await startLoopback(fake.handler)
  return {server, fake, privateKey: account.privateKey, env: googleEnv(server.url, account)}
}
