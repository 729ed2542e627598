import { REDACTED } from '../../shared/mask'
import { PLACEHOLDER, headerVariable, toCurl } from '../oauth/curl'
import type { HttpClient } from './client'
import type { HttpExchange } from './exchange'
import { SECRET_FIELDS, SECRET_HEADERS, TOKEN_FIELDS } from './redact'

/**
 * Any recorded exchange as a curl command, made from its redacted form: every secret and token
 * becomes a shell variable (`$CLIENT_SECRET`, `$ACCESS_TOKEN`, `$AUTHORIZATION_CODE`…), so the
 * command can go into a ticket and be run after `export NAME=…`. Working from the redacted
 * exchange means a live run and one read back from the history give the same command, and no
 * real value can be in it to begin with.
 */
export interface CurlHints {
  /** The client id, for `-u id:$CLIENT_SECRET` where a Basic header was. */
  clientId?: string
  /** Header names (any case) whose values are secret in this profile, e.g. `x-secret-key`. */
  secretHeaders?: readonly string[]
  /** Masked tokens the run knows (`eyJhbG…x1y2`) → variable name, so a token sent back is named for what it is. */
  knownTokens?: ReadonlyMap<string, string>
  /** Real secret values: replaced should one still show up (a second guard). */
  secrets?: readonly string[]
}

export interface CurlCommand {
  curl: string
  /** The variables the command expects, without `$`. */
  variables: string[]
}

/** Variable names for the fields redaction knows; others are named after the field. */
const FIELD_VARIABLES: Record<string, string> = {
  client_secret: PLACEHOLDER.clientSecret,
  password: 'PASSWORD',
  otpcode: 'OTP_CODE',
  otp: 'OTP_CODE',
  client_assertion: 'CLIENT_ASSERTION',
  secret: 'SECRET',
  access_token: PLACEHOLDER.access_token,
  refresh_token: PLACEHOLDER.refresh_token,
  id_token: PLACEHOLDER.id_token,
  code: 'AUTHORIZATION_CODE',
  code_verifier: 'CODE_VERIFIER',
  logintoken: 'LOGIN_TOKEN',
  device_code: 'DEVICE_CODE',
}

export function curlFromRedacted(ex: HttpExchange, hints: CurlHints = {}): CurlCommand {
  const used = new Set<string>()
  const variable = (name: string): string => {
    used.add(name)
    return `$${name}`
  }
  const field = (name: string, value: string): string | undefined => {
    const lower = name.toLowerCase()
    if (!SECRET_FIELDS.has(lower) && !TOKEN_FIELDS.has(lower)) return undefined
    return variable(hints.knownTokens?.get(value) ?? FIELD_VARIABLES[lower] ?? headerVariable(name))
  }
  const secretHeaders = new Set([...SECRET_HEADERS, ...(hints.secretHeaders ?? []).map((h) => h.toLowerCase())])

  const headers: Record<string, string> = {}
  let basic: { user: string; password: string } | undefined
  for (const [name, value] of Object.entries(ex.request.headers)) {
    const lower = name.toLowerCase()
    if (lower === 'authorization') {
      const space = value.indexOf(' ')
      const scheme = space > 0 ? value.slice(0, space) : ''
      if (/^basic$/i.test(scheme)) {
        // Basic is base64 of id:secret; curl encodes it from -u, so the secret stays a variable.
        basic = { user: hints.clientId ?? variable('CLIENT_ID'), password: variable(PLACEHOLDER.clientSecret) }
      } else if (scheme) {
        const known = hints.knownTokens?.get(value.slice(space + 1))
        headers[name] = `${scheme} ${variable(known ?? (/^bearer$/i.test(scheme) ? 'BEARER_TOKEN' : 'CREDENTIALS'))}`
      } else {
        headers[name] = variable('AUTHORIZATION')
      }
    } else if (secretHeaders.has(lower)) {
      headers[name] = variable(headerVariable(name))
    } else {
      headers[name] = value
    }
  }
  const url = urlWithVariables(ex.request.url, field, used)
  const body = ex.request.body === undefined ? undefined : bodyWithVariables(ex.request.body, ex.request.headers['content-type'], field)
  const request: Parameters<HttpClient['send']>[0] = {
    method: ex.request.method as Parameters<HttpClient['send']>[0]['method'],
    url,
    headers,
    ...(body !== undefined && { body }),
  }
  let curl = toCurl(request, { variables: [...used], ...(basic && { basic }) })
  for (const secret of hints.secrets ?? []) if (secret.length >= 4) curl = curl.split(secret).join(REDACTED)
  return { curl, variables: [...used] }
}

type FieldRule = (name: string, value: string) => string | undefined

function urlWithVariables(url: string, field: FieldRule, used: ReadonlySet<string>): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return url
  }
  if (!parsed.search) return url
  const out = new URLSearchParams()
  for (const [name, value] of parsed.searchParams) out.append(name, field(name, value) ?? value)
  parsed.search = out.toString()
  // The query encodes `$` as %24; a variable must stay a variable for the shell.
  return parsed.toString().replace(/%24([A-Z0-9_]+)/g, (match: string, name: string) => (used.has(name) ? `$${name}` : match))
}

function bodyWithVariables(body: string, contentType: string | undefined, field: FieldRule): string {
  const type = (contentType ?? '').toLowerCase()
  const trimmed = body.trimStart()
  if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(jsonWithVariables(JSON.parse(body), '', field))
    } catch {
      // Not JSON after all: keep it as it is (it was redacted as text).
    }
  }
  if (type.includes('x-www-form-urlencoded')) {
    const out = new URLSearchParams()
    for (const [name, value] of new URLSearchParams(body)) out.append(name, field(name, value) ?? value)
    return out.toString()
  }
  return body
}

function jsonWithVariables(value: unknown, key: string, field: FieldRule): unknown {
  if (typeof value === 'string') return field(key, value) ?? value
  if (Array.isArray(value)) return value.map((item) => jsonWithVariables(item, key, field))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonWithVariables(v, k, field)]))
  }
  return value
}
