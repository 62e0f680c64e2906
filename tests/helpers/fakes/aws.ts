import {createHash, createHmac} from 'node:crypto'
import {fakeEnglish, type Handler, type RecordedRequest, type Reply} from '../loopback.js'

/** A custom terminology held by the fake Amazon Translate. */
export interface FakeTerminology {
  readonly name: string
  readonly csv: string
}

/** Why a request's SigV4 signature does not hold, or undefined when it does (recomputed here from the secret, independently of the SDK). */
export function sigV4Problem(request: RecordedRequest, accessKeyId: string, secretAccessKey: string, region: string, service: string): string | undefined {
  const authorization = String(request.headers.authorization ?? '')
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization)
  if (match === null) return 'no SigV4 authorization header'
  const [, key, day, signedRegion, signedService, signedHeaders, signature] = match as unknown as string[]
  if (key !== accessKeyId) return 'UnrecognizedClientException'
  if (signedRegion !== region || signedService !== service) return `scope ${signedRegion}/${signedService}`
  const amzDate = String(request.headers['x-amz-date'] ?? '')
  if (!amzDate.startsWith(day ?? '-')) return 'x-amz-date does not match the scope'
  const hash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')
  const payload = hash(request.body)
  const declared = request.headers['x-amz-content-sha256']
  if (declared !== undefined && declared !== payload) return 'x-amz-content-sha256 does not match the body'
  const names = (signedHeaders ?? '').split(';')
  if (!names.includes('host') || !names.includes('x-amz-date')) return 'host and x-amz-date must be signed'
  const [path, query = ''] = request.path.split('?')
  const canonicalHeaders = names.map((name) => `${name}:${String(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('')
  const canonical = [request.method, path, query, canonicalHeaders, signedHeaders, declared ?? payload].join('\n')
  const scope = `${day}/${region}/${service}/aws4_request`
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, hash(canonical)].join('\n')
  const hmac = (secret: string | Buffer, text: string): Buffer => createHmac('sha256', secret).update(text, 'utf8').digest()
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day ?? ''), region), service), 'aws4_request')
  return createHmac('sha256', signingKey).update(toSign, 'utf8').digest('hex') === signature ? undefined : 'InvalidSignatureException'
}

/** An AWS JSON 1.1 error answer, as the service sends it. */
export function awsError(status: number, type: string, message: string): Reply {
  return {status, headers: {'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.shine/`, 'x-amzn-requestid': 'req-1', 'content-type': 'application/x-amz-json-1.1'}, body: {__type: type, message}}
}

/**
 * Amazon Translate as `@aws-sdk/client-translate` talks to it: AWS JSON 1.1 (`POST /` with
 * `x-amz-target: AWSShineFrontendService_20170701.<Operation>`), every request's SigV4 signature
 * recomputed and checked; TranslateText (HTML kept, `translate="no"` untouched, a terminology's
 * German terms as its English) and the terminology operations.
 */
export function fakeAws(credentials: {accessKeyId: string; secretAccessKey: string}, region = 'eu-central-1'): {handler: Handler; terminologies: FakeTerminology[]} {
  const terminologies: FakeTerminology[] = []
  const handler: Handler = (request) => {
    const problem = sigV4Problem(request, credentials.accessKeyId, credentials.secretAccessKey, region, 'translate')
    if (problem === 'UnrecognizedClientException') return awsError(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.')
    if (problem !== undefined) return awsError(403, 'InvalidSignatureException', `The request signature we calculated does not match the signature you provided (${problem}).`)
    const operation = String(request.headers['x-amz-target'] ?? '').replace('AWSShineFrontendService_20170701.', '')
    const body = (request.json ?? {}) as Record<string, unknown>
    switch (operation) {
      case 'TranslateText': {
        const text = String(body['Text'] ?? '')
        if (Buffer.byteLength(text) > 10_000) return awsError(400, 'TextSizeLimitExceededException', 'Input text size exceeds limit.')
        const names = (body['TerminologyNames'] as string[] | undefined) ?? []
        const missing = names.find((name) => !terminologies.some((item) => item.name === name))
        if (missing !== undefined) return awsError(400, 'ResourceNotFoundException', `The resource ${missing} does not exist.`)
        const pairs = terminologies.filter((item) => names.includes(item.name)).flatMap((item) => item.csv.trim().split('\n').slice(1).map((line) => line.split(',') as [string, string]))
        let out = text
        for (const [german, english] of pairs) out = out.split(german).join(`\u0000${english}\u0001`)
        const translated = out
          .split(/(<span[^>]*translate="no"[^>]*><\/span>|<[^>]+>|\u0000[^\u0001]*\u0001)/)
          .map((part, index) => (index % 2 === 1 ? part.replace(/[\u0000\u0001]/g, '') : fakeEnglish(part)))
          .join('')
        return {status: 200, body: {TranslatedText: translated, SourceLanguageCode: 'de', TargetLanguageCode: 'en', AppliedTerminologies: names.map((name) => ({Name: name, Terms: []}))}}
      }
      case 'ImportTerminology': {
        const name = String(body['Name'])
        const data = body['TerminologyData'] as {File: string; Format: string; Directionality?: string}
        if (data.Format !== 'CSV') return awsError(400, 'InvalidParameterValueException', 'Format')
        const csv = Buffer.from(data.File, 'base64').toString('utf8')
        const index = terminologies.findIndex((item) => item.name === name)
        if (index >= 0) terminologies.splice(index, 1)
        terminologies.push({name, csv})
        return {status: 200, body: {TerminologyProperties: {Name: name, TermCount: csv.trim().split('\n').length - 1, SourceLanguageCode: 'de', TargetLanguageCodes: ['en']}}}
      }
      case 'GetTerminology': {
        const found = terminologies.find((item) => item.name === body['Name'])
        if (found === undefined) return awsError(400, 'ResourceNotFoundException', `The resource ${String(body['Name'])} does not exist.`)
        return {status: 200, body: {TerminologyProperties: {Name: found.name}, TerminologyDataLocation: {RepositoryType: 'S3', Location: 'https://example.invalid/terminology.csv'}}}
      }
      case 'ListTerminologies':
        return {status: 200, body: {TerminologyPropertiesList: terminologies.map((item) => ({Name: item.name}))}}
      case 'DeleteTerminology': {
        const index = terminologies.findIndex((item) => item.name === body['Name'])
        if (index < 0) return awsError(400, 'ResourceNotFoundException', 'gone')
        terminologies.splice(index, 1)
        return {status: 200, body: {}}
      }
      default:
        return awsError(400, 'UnknownOperationException', operation)
    }
  }
  return {handler, terminologies}
}
