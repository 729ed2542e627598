/**
 * Parses what came back from the authorization server: a full redirect URL (http, loopback
 * or private-use scheme), or just its query or fragment as a user might paste it.
 * Never throws; anything it cannot use becomes `{ kind: 'invalid', reason }`.
 */

export const MAX_CALLBACK_LENGTH = 16_384

export interface CallbackCommon {
  /** `scheme://host/path` (or `scheme:/path`) when a full URL was given. */
  target?: string
  /** Where the parameters were found. */
  from: 'query' | 'fragment'
  state?: string
  iss?: string
  /** Every parameter as received, for evidence. */
  params: Record<string, string>
}

export type ParsedCallback =
  | ({ kind: 'code'; code: string } & CallbackCommon)
  | ({ kind: 'error'; error: string; errorDescription?: string; errorUri?: string } & CallbackCommon)
  | { kind: 'invalid'; reason: string; target?: string }

const RESPONSE_KEYS = ['code', 'error', 'state']

export function parseCallback(input: unknown): ParsedCallback {
  if (typeof input !== 'string') return { kind: 'invalid', reason: 'The redirect must be text.' }
  const text = input.trim()
  if (text === '') return { kind: 'invalid', reason: 'Nothing was pasted: paste the full address the browser was sent to.' }
  if (text.length > MAX_CALLBACK_LENGTH) {
    return { kind: 'invalid', reason: `The redirect is ${text.length} characters long; more than ${MAX_CALLBACK_LENGTH} is not an authorization response.` }
  }
  // Control characters never appear in a real redirect and would corrupt what we show.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    return { kind: 'invalid', reason: 'The redirect contains control characters (line breaks or similar); copy the address bar again.' }
  }

  const split = splitInput(text)
  if ('reason' in split) return { kind: 'invalid', reason: split.reason }
  const { target, query, fragment } = split

  const fromQuery = readParams(query)
  const fromFragment = readParams(fragment)
  if (typeof fromQuery === 'string') return { kind: 'invalid', reason: fromQuery, target }
  if (typeof fromFragment === 'string') return { kind: 'invalid', reason: fromFragment, target }

  // The response normally sits in the query; implicit-style servers use the fragment.
  const hasResponse = (p: Map<string, string>): boolean => RESPONSE_KEYS.some((k) => p.has(k))
  const source = hasResponse(fromQuery) ? 'query' : hasResponse(fromFragment) ? 'fragment' : undefined
  if (!source) {
    return {
      kind: 'invalid',
      reason: 'No authorization response found: the address carries neither `code` nor `error`.',
      target,
    }
  }
  const params = source === 'query' ? fromQuery : fromFragment
  const common: CallbackCommon = {
    from: source,
    params: Object.fromEntries(params),
    ...(target !== undefined && { target }),
    ...(params.has('state') && { state: params.get('state') }),
    ...(params.has('iss') && { iss: params.get('iss') }),
  }

  const error = params.get('error')
  if (error !== undefined) {
    return {
      kind: 'error',
      error,
      ...(params.has('error_description') && { errorDescription: params.get('error_description') }),
      ...(params.has('error_uri') && { errorUri: params.get('error_uri') }),
      ...common,
    }
  }
  const code = params.get('code')
  if (code === undefined || code === '') {
    return { kind: 'invalid', reason: 'The response has an empty `code`.', target }
  }
  return { kind: 'code', code, ...common }
}

type Split = { target?: string; query: string; fragment: string } | { reason: string }

function splitInput(text: string): Split {
  const hashAt = text.indexOf('#')
  const beforeHash = hashAt >= 0 ? text.slice(0, hashAt) : text
  const fragment = hashAt >= 0 ? text.slice(hashAt + 1) : ''
  const queryAt = beforeHash.indexOf('?')
  const head = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash
  const query = queryAt >= 0 ? beforeHash.slice(queryAt + 1) : ''

  const hasScheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(head)
  // Bare "code=…&state=…" (a pasted query without the "?").
  if (queryAt < 0 && hashAt < 0 && !hasScheme) return head.includes('=') ? { query: head, fragment: '' } : { reason: notAUrl(text) }
  if (head === '') return { query, fragment }
  if (!hasScheme) return { reason: notAUrl(text) }
  let target: string
  try {
    const url = new URL(head)
    target = url.protocol === 'http:' || url.protocol === 'https:' ? `${url.origin}${url.pathname}` : head
  } catch {
    return { reason: `"${shorten(head)}" is not a valid address.` }
  }
  return { target, query, fragment }
}

/** Reads form-encoded parameters; a repeated response parameter is an error (RFC 6749 §3.1). */
function readParams(text: string): Map<string, string> | string {
  const out = new Map<string, string>()
  if (text === '') return out
  for (const part of text.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const name = decode(eq >= 0 ? part.slice(0, eq) : part)
    const value = decode(eq >= 0 ? part.slice(eq + 1) : '')
    if (name === undefined || value === undefined) return `The parameter "${shorten(part)}" is not correctly percent-encoded.`
    if (out.has(name)) return `The parameter \`${shorten(name)}\` appears more than once; an authorization response carries each parameter once.`
    out.set(name, value)
  }
  return out
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return undefined
  }
}

const shorten = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text)

const notAUrl = (text: string): string =>
  `"${shorten(text)}" is not a redirect address: paste the whole address the browser was sent to (it contains \`code=\` and \`state=\`).`
