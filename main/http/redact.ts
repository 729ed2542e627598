import { maskToken, REDACTED } from '../../shared/mask'
import type { ExchangeSummary } from '../../shared/domain/exchange'
import type { HttpExchange, RecordedRequest, RecordedResponse } from './exchange'

/**
 * Everything that leaves main (renderer, HAR, curl, history, support bundle) goes through
 * here. Two kinds of values: secrets are replaced entirely, tokens and codes are masked so
 * a tester can still tell them apart. On top of the field rules, any known secret value
 * (from the vault) is replaced wherever it appears, in case a server echoes it back.
 */

/** Fields whose value is a secret: replaced entirely (and written as a variable in curl). */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'client_secret',
  'password',
  'otpcode',
  'otp',
  'client_assertion',
  'x-secret-key',
  'secret',
])
/** Fields whose value is a token or code: masked, so two can still be told apart. */
export const TOKEN_FIELDS: ReadonlySet<string> = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'code',
  'code_verifier',
  'accesstoken',
  'logintoken',
  'device_code',
])
export const SECRET_HEADERS: ReadonlySet<string> = new Set(['x-secret-key', 'proxy-authorization', 'cookie', 'set-cookie'])

export function redactHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase()
    if (SECRET_HEADERS.has(lower)) out[name] = REDACTED
    else if (lower === 'authorization') out[name] = redactAuthorization(value)
    else out[name] = scrub(value, secrets)
  }
  return out
}

function redactAuthorization(value: string): string {
  const space = value.indexOf(' ')
  const scheme = space > 0 ? value.slice(0, space) : ''
  // Basic carries the client secret itself; never show any part of it.
  if (/^basic$/i.test(scheme)) return `Basic ${REDACTED}`
  if (scheme) return `${scheme} ${maskToken(value.slice(space + 1))}`
  return REDACTED
}

/** Redacts a form, JSON or free-text body. */
export function redactBody(body: string, contentType: string | undefined, secrets: readonly string[]): string {
  const type = (contentType ?? '').toLowerCase()
  const trimmed = body.trimStart()
  if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactJson(JSON.parse(body)), null, 0)
    } catch {
      // Not JSON after all: fall through to text scrubbing.
    }
  }
  if (type.includes('x-www-form-urlencoded')) return redactForm(body, secrets)
  return scrub(body, secrets)
}

export function redactForm(body: string, secrets: readonly string[]): string {
  const params = new URLSearchParams(body)
  const out = new URLSearchParams()
  for (const [name, value] of params) out.append(name, redactField(name, value) ?? scrub(value, secrets))
  return out.toString()
}

export function redactUrl(url: string, secrets: readonly string[]): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return scrub(url, secrets)
  }
  if (parsed.username || parsed.password) {
    parsed.username = ''
    parsed.password = ''
  }
  for (const [name, value] of [...parsed.searchParams]) {
    parsed.searchParams.set(name, redactField(name, value) ?? scrub(value, secrets))
  }
  return scrub(parsed.toString(), secrets)
}

function redactField(name: string, value: string): string | undefined {
  const lower = name.toLowerCase()
  if (SECRET_FIELDS.has(lower)) return REDACTED
  if (TOKEN_FIELDS.has(lower)) return maskToken(value)
  return undefined
}

function redactJson(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return redactField(key, value) ?? value
  if (Array.isArray(value)) return value.map((item) => redactJson(item, key))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactJson(v, k)]))
  }
  return value
}

/** Replaces every occurrence of a known secret value. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED)
  }
  return out
}

export function redactRequest(req: RecordedRequest, secrets: readonly string[]): RecordedRequest {
  const out: RecordedRequest = {
    method: req.method,
    url: redactUrl(req.url, secrets),
    headers: redactHeaders(req.headers, secrets),
  }
  if (req.body !== undefined) out.body = scrub(redactBody(req.body, req.headers['content-type'], secrets), secrets)
  return out
}

export function redactResponse(res: RecordedResponse, secrets: readonly string[]): RecordedResponse {
  return {
    ...res,
    headers: redactHeaders(res.headers, secrets),
    body: scrub(redactBody(res.body, res.headers['content-type'], secrets), secrets),
  }
}

export function redactExchange(ex: HttpExchange, secrets: readonly string[]): HttpExchange {
  const out: HttpExchange = { ...ex, request: redactRequest(ex.request, secrets) }
  if (ex.response) out.response = redactResponse(ex.response, secrets)
  return out
}

export function summarizeExchange(ex: HttpExchange, secrets: readonly string[]): ExchangeSummary {
  const out: ExchangeSummary = {
    id: ex.id,
    step: ex.step,
    method: ex.request.method,
    url: redactUrl(ex.request.url, secrets),
    startedAt: ex.startedAt,
    durationMs: ex.durationMs,
  }
  if (ex.response) out.status = ex.response.status
  if (ex.error) out.error = ex.error.message
  return out
}
