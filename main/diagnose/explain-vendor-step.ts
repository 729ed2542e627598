import type { Cause, Diagnosis, Evidence } from '../../shared/domain/diagnosis'
import type { Region } from '../../shared/domain/profile'
import { TOKEN_PLACES } from '../../shared/domain/run-vendor'
import { maskToken } from '../../shared/mask'
import type { HttpExchange } from '../http/exchange'
import { buildDiagnosis, type DiagnosisInput } from './build'
import { CATALOG, type DiagnosisCode } from './catalog'
import { networkCode } from './explain-network'
import { bodyParams, queryParams } from './request-params'
import { readVendorReply, replyLine, simulatorHint, type VendorReply } from './vendor-reply'
import { bearerValue, describeToken, identifyToken, lowerFirst, type KnownTokens } from './vendor-token-identity'

/** What the run knew when one of the vendor's steps failed: the evidence the rules compare. */
export interface VendorEvidence {
  /** The run's step kind: `initiate`, `login`, `otp`, `authorize`, `token`, `final-check`. */
  step: string
  exchange: HttpExchange
  now: number
  environment: string
  region: Region
  tokens: KnownTokens
  /** When step 1 started the session, and how long the vendor's session lives. */
  sessionStartedAt?: number
  sessionSeconds: number
  /** When this run last had the vendor send an OTP; absent when it never did. */
  otpSentAt?: number
  /** The run's exchanges before this one, oldest first. */
  earlier: readonly HttpExchange[]
}

/** The parameters initiate needs (the guide's list of invalid_request causes). */
const INITIATE_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method'] as const

const iso = (ms: number): string => new Date(ms).toISOString()

/**
 * Explains a failed step of the vendor flow from the vendor's own answer (status, `error`,
 * `message`, `details`) and what this run sent and knew. The simulator's `simulator.reason`
 * is never evidence: it is appended as a hint for people, ranked last.
 */
export function explainVendorStep(ev: VendorEvidence): Diagnosis {
  const reply = readVendorReply(ev.exchange)
  const found = recognise(ev, reply)
  return finish(ev, found)
}

/** A recognised failure before the catalog fills in the rest. */
type Found = Omit<DiagnosisInput, 'stepKind' | 'exchangeId'>

export function finish(ev: VendorEvidence, found: Found): Diagnosis {
  const causes = [...(found.causes ?? [])]
  const hint = simulatorHint(ev.exchange)
  if (hint !== undefined) {
    causes.push({
      id: 'simulator.hint',
      text: `The local simulator names the exact cause “${hint}”. The real vendor sends no such field; the causes above come from the vendor’s own answer and this run’s evidence.`,
      likelihood: 'possible',
      evidence: [{ label: 'simulator.reason', value: hint }],
    })
  }
  const diagnosis = buildDiagnosis({ ...found, causes, stepKind: ev.step, exchangeId: ev.exchange.id }, ev.now)
  // The hint goes after the catalog's own possible causes too: it is never ranked as evidence.
  diagnosis.causes = [...diagnosis.causes.filter((c) => c.id !== 'simulator.hint'), ...diagnosis.causes.filter((c) => c.id === 'simulator.hint')]
  return diagnosis
}

function recognise(ev: VendorEvidence, reply: VendorReply): Found {
  const said: Evidence = { label: 'vendor answered', value: replyLine(reply) }
  const summary = `${stepName(ev.step)}: the vendor answered ${replyLine(reply)}.`
  switch (reply.shape) {
    case 'network':
      return { code: networkCode(reply.error), summary: `${stepName(ev.step)}: the request failed: ${reply.error.message}` }
    case 'ok':
    case 'redirect':
      return { code: 'vendor.unexpected_reply', summary: `${stepName(ev.step)}: the vendor answered ${replyLine(reply)} without what the flow needs next.`, causes: [] }
    case 'validation':
      return {
        code: 'vendor.login_validation',
        summary,
        causes: [{ id: 'login.field_format', text: 'The vendor named the fields it refused.', likelihood: 'confirmed', evidence: reply.details.map((d) => ({ label: d.field || 'body', value: d.message })) }],
      }
    case 'oauth':
      return recogniseOAuth(ev, reply, said, summary)
    case 'gateway':
    case 'other':
      return recogniseStatus(ev, reply, said, summary)
  }
}

function recogniseStatus(ev: VendorEvidence, reply: Extract<VendorReply, { shape: 'gateway' | 'other' }>, said: Evidence, summary: string): Found {
  const req = ev.exchange.request
  const message = reply.shape === 'gateway' ? reply.message : ''
  if (reply.status === 499) {
    const sent = req.headers['x-client-key']
    const causes: Cause[] = sent === undefined || sent === ''
      ? [{ id: 'client.key_header_missing', text: 'This request carried no `x-client-key` header.', likelihood: 'confirmed', evidence: [{ label: 'headers sent', value: Object.keys(req.headers).join(', ') }, said] }]
      : []
    return { code: 'http.missing_client_key', summary, causes }
  }
  if (reply.status === 498) return { code: 'http.invalid_client_key', summary, causes: keyCauses(ev, said) }
  if (reply.status === 429) {
    const wait = reply.shape === 'gateway' && reply.retryAfterSeconds !== undefined ? ` Wait ${reply.retryAfterSeconds} s.` : ''
    return { code: 'vendor.rate_limited', summary: `${summary}${wait}`, causes: [{ id: 'rate.too_many', text: 'The vendor says too many requests were made.', likelihood: 'confirmed', evidence: [said] }] }
  }
  if (reply.status === 400 && (ev.step === 'login' || ev.step === 'otp')) return recogniseLogin(ev, message, said, summary)
  if (reply.status === 401 && ev.step === 'authorize') return recogniseAuthorizeBearer(ev, said, summary)
  if (reply.status === 401) return { code: 'http.unauthorized', summary, causes: [{ id: 'auth.rejected', text: 'The vendor did not accept the credential this request carried.', likelihood: 'likely', evidence: [said] }] }
  if (reply.status === 403) return { code: 'http.forbidden', summary }
  if (reply.status === 404) return { code: 'http.not_found', summary, causes: [{ id: 'endpoint.wrong_url', text: 'Nothing answers at this path: check the API base URL of the profile.', likelihood: 'likely', evidence: [{ label: 'URL', value: req.url }] }] }
  if (reply.status >= 500) return { code: 'http.server_error', summary }
  return { code: 'vendor.unexpected_reply', summary }
}

/** Login and OTP answers: the login reference's documented 400s, told apart by their message. */
function recogniseLogin(ev: VendorEvidence, message: string, said: Evidence, summary: string): Found {
  if (/otp required/i.test(message)) {
    return { code: 'vendor.otp_required', summary, causes: [{ id: 'otp.enabled', text: 'The vendor asks for a one-time code for this user.', likelihood: 'confirmed', evidence: [said] }] }
  }
  if (/otp/i.test(message) && /expired/i.test(message)) {
    const causes: Cause[] = ev.otpSentAt === undefined
      ? []
      : [{ id: 'otp.too_slow', text: `The code was sent at ${iso(ev.otpSentAt)}, ${Math.round((ev.exchange.startedAt - ev.otpSentAt) / 1000)} s before it was entered.`, likelihood: 'likely', evidence: [said] }]
    return { code: 'vendor.otp_expired', summary, causes }
  }
  if (/otp/i.test(message)) {
    const causes: Cause[] = ev.otpSentAt === undefined
      ? [{ id: 'otp.not_sent', text: 'This run never asked the vendor to send a code, so no code can match.', likelihood: 'confirmed', evidence: [{ label: 'codes sent by this run', value: '0' }, said] }]
      : [{ id: 'otp.mistyped', text: 'A code was sent, but the one entered is not it.', likelihood: 'likely', evidence: [{ label: 'last code sent at', value: iso(ev.otpSentAt) }, said] }]
    return { code: 'vendor.otp_invalid', summary, causes }
  }
  if (/credential/i.test(message)) {
    const email = bodyParams(ev.exchange.request).email
    const causes: Cause[] = [
      {
        id: 'login.wrong_password',
        text: 'The vendor refused this email and password.',
        likelihood: 'likely',
        evidence: [...(email !== undefined ? [{ label: 'email sent', value: email }] : []), { label: 'environment', value: `${ev.environment}, ${ev.region} region` }, said],
      },
    ]
    return { code: 'vendor.invalid_credentials', summary, causes }
  }
  return { code: 'vendor.unexpected_reply', summary }
}

/** Step 3's 401: which token the Bearer really was, by comparing it with the run's tokens. */
function recogniseAuthorizeBearer(ev: VendorEvidence, said: Evidence, summary: string): Found {
  const header = ev.exchange.request.headers.authorization
  const value = bearerValue(header)
  const kind = identifyToken(value, ev.tokens)
  if (value !== undefined && kind !== undefined && kind !== 'login-token') {
    const id = kind === 'session-jwt' ? 'confusion.session_jwt_as_bearer' : 'confusion.oauth_token_at_authorize'
    return {
      code: 'vendor.token_confusion',
      summary: `Step 3 (authorize) was sent ${describeToken(kind, value)} as its Bearer; it wants the login token from step 2. The vendor answered ${said.value}.`,
      causes: [
        {
          id,
          text: `The Bearer is the ${lowerFirst(TOKEN_PLACES[kind].label)}, which belongs in: ${TOKEN_PLACES[kind].belongsIn}.`,
          likelihood: 'confirmed',
          evidence: [{ label: 'Authorization sent', value: `Bearer ${maskToken(value)} = ${TOKEN_PLACES[kind].label}` }, { label: 'belongs here', value: TOKEN_PLACES['login-token'].label }, said],
        },
      ],
    }
  }
  const otp = kind === undefined ? unfinishedOtpLogin(ev) : undefined
  if (otp) {
    const sent = header === undefined ? '(none)' : value === undefined ? `${header.length} characters, not “Bearer <token>”` : `Bearer ${maskToken(value)}, none of this run’s tokens`
    return {
      code: 'vendor.otp_required',
      summary: `Step 3 (authorize) went without a login token: the login at ${iso(otp.at)} asked for a one-time code, and no login with the code followed. The vendor answered ${said.value}.`,
      causes: [
        {
          id: 'otp.login_not_finished',
          text: 'The login answered that this user needs a one-time code; step 3 was sent before the code was sent and the login repeated with it, so there was no login token for its Bearer.',
          likelihood: 'confirmed',
          evidence: [{ label: 'login answer', value: otp.answer }, { label: 'Authorization sent', value: sent }, said],
        },
      ],
    }
  }
  const causes: Cause[] = []
  if (value === undefined) {
    causes.push({ id: 'api.bearer_format', text: 'The Authorization header is missing or is not `Bearer <token>`.', likelihood: 'confirmed', evidence: [{ label: 'Authorization sent', value: header === undefined ? '(none)' : `${header.length} characters, not “Bearer <token>”` }, said] })
  } else if (kind === undefined) {
    causes.push({ id: 'auth.unknown_token', text: 'The Bearer is none of the tokens this run received.', likelihood: 'likely', evidence: [{ label: 'Bearer sent', value: maskToken(value) }, said] })
  } else {
    causes.push({ id: 'login.token_ended', text: 'The Bearer is this run’s login token, and the vendor still refused it: it expired (6 h) or was logged out.', likelihood: 'likely', evidence: [{ label: 'Bearer sent', value: describeToken(kind, value) }, said] })
  }
  return { code: 'http.unauthorized', summary, causes }
}

/** The run's last login asked for a one-time code (either documented style) and gave no login token. */
function unfinishedOtpLogin(ev: VendorEvidence): { answer: string; at: number } | undefined {
  const last = ev.earlier.filter((x) => /\/v1\/auth\/login$/.test(pathOf(x.request.url))).at(-1)
  if (!last) return undefined
  const reply = readVendorReply(last)
  const token = reply.shape === 'ok' && typeof reply.body.accessToken === 'string' && reply.body.accessToken !== ''
  if (reply.shape === 'ok' && reply.body.isOtpRequired === true && !token) return { answer: `HTTP ${reply.status} with isOtpRequired: true and no accessToken`, at: last.startedAt }
  if (reply.shape === 'gateway' && reply.status === 400 && /otp required/i.test(reply.message)) return { answer: replyLine(reply), at: last.startedAt }
  return undefined
}

const pathOf = (url: string): string => {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}

function recogniseOAuth(ev: VendorEvidence, reply: Extract<VendorReply, { shape: 'oauth' }>, said: Evidence, summary: string): Found {
  const req = ev.exchange.request
  const description = reply.description ?? ''
  if (reply.error === 'invalid_client') return { code: 'vendor.invalid_client', summary, causes: keyCauses(ev, said) }
  if (reply.error !== 'invalid_request') {
    const candidate = `authorize.${reply.error}`
    const code: DiagnosisCode = candidate in CATALOG ? (candidate as DiagnosisCode) : 'authorize.other_error'
    return { code, summary, causes: [{ id: 'server.reported', text: `The vendor reported \`${reply.error}\`.`, likelihood: 'confirmed', evidence: [said] }] }
  }

  // invalid_request: a missing parameter, the redirect URI, the session, or token confusion.
  const missing = ev.step === 'initiate' ? missingParams(req.url) : []
  if (missing.length > 0) {
    return {
      code: 'authorize.invalid_request',
      summary,
      causes: [{ id: 'authorize.missing_param', text: `This request did not carry ${missing.map((m) => `\`${m}\``).join(', ')}.`, likelihood: 'confirmed', evidence: [...missing.map((m) => ({ label: 'parameter missing', value: m })), said] }],
    }
  }
  const sentRedirect = queryParams(req.url).redirect_uri
  const shape = ev.step === 'initiate' && sentRedirect !== undefined ? redirectShapeCauses(sentRedirect, ev.environment, said) : []
  // The vendor's words name the redirect URI, or (a vaguer server) nothing else is missing and the URI sent breaks a rule.
  if (/redirect/i.test(description) || shape.length > 0) {
    return { code: 'vendor.redirect_uri_mismatch', summary, causes: shape }
  }
  const sessionAge = ev.sessionStartedAt !== undefined ? ev.exchange.startedAt - ev.sessionStartedAt : undefined
  const saysExpired = /session/i.test(description) && /expired/i.test(description)
  if (saysExpired || (ev.step === 'authorize' && sessionAge !== undefined && sessionAge >= ev.sessionSeconds * 1000)) {
    const causes: Cause[] = sessionAge === undefined
      ? []
      : [
          {
            id: 'session.slow_login',
            text: `Step 3 came ${Math.round(sessionAge / 1000)} s after step 1 started the session; the vendor’s session lasts ${ev.sessionSeconds} s.`,
            likelihood: sessionAge >= ev.sessionSeconds * 1000 ? 'confirmed' : 'possible',
            evidence: [{ label: 'session started (step 1)', value: iso(ev.sessionStartedAt as number) }, { label: 'this request', value: iso(ev.exchange.startedAt) }, said],
          },
        ]
    return { code: 'session.expired', summary: `${summary} The flow must finish within the session that step 1 started.`, causes }
  }
  if (ev.step === 'authorize') {
    const sentToken = bodyParams(req).token
    const kind = identifyToken(sentToken, ev.tokens)
    if (sentToken !== undefined && kind !== undefined && kind !== 'session-jwt') {
      return {
        code: 'vendor.token_confusion',
        summary: `Step 3 (authorize) carried ${describeToken(kind, sentToken)} in its body; the body’s \`token\` must be the session JWT from step 1. The vendor answered ${said.value}.`,
        causes: [
          {
            id: 'confusion.login_token_in_body',
            text: `The body’s \`token\` is the ${lowerFirst(TOKEN_PLACES[kind].label)}, which belongs in: ${TOKEN_PLACES[kind].belongsIn}.`,
            likelihood: 'confirmed',
            evidence: [{ label: 'body · token sent', value: `${maskToken(sentToken)} = ${TOKEN_PLACES[kind].label}` }, { label: 'belongs here', value: TOKEN_PLACES['session-jwt'].label }, said],
          },
        ],
      }
    }
  }
  return {
    code: 'authorize.invalid_request',
    summary,
    causes: [{ id: 'server.reported', text: `The vendor reported invalid_request${description ? `: “${description}”` : ''}.`, likelihood: 'likely', evidence: [said] }],
  }
}

/** Which of initiate's required parameters the sent URL lacks (an empty value counts as missing). */
export function missingParams(url: string): string[] {
  const q = queryParams(url)
  return INITIATE_PARAMS.filter((name) => !q[name])
}

/** What the redirect URI sent looks like next to the vendor's exact-match rules. */
function redirectShapeCauses(uri: string, environment: string, said: Evidence): Cause[] {
  const sent = { label: 'redirect_uri sent', value: uri }
  const causes: Cause[] = []
  const path = uri.split('?')[0] ?? uri
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/]+\/.*\/$/i.test(path)) {
    causes.push({ id: 'redirect_uri.trailing_slash', text: 'It ends with a slash; registered URIs usually do not, and one slash makes it another URI.', likelihood: 'likely', evidence: [sent, said] })
  }
  if (uri.includes('?')) causes.push({ id: 'redirect_uri.query', text: 'It carries a query string; the registered URI has none.', likelihood: 'likely', evidence: [sent, said] })
  if (/^http:/i.test(uri) && environment === 'production') {
    causes.push({ id: 'redirect_uri.http_in_production', text: 'It uses http against production, which requires https.', likelihood: 'likely', evidence: [sent, { label: 'environment', value: environment }, said] })
  }
  return causes
}

/** Causes for a refused client key: what this run can tell about the key it sent. */
function keyCauses(ev: VendorEvidence, said: Evidence): Cause[] {
  const req = ev.exchange.request
  const key = req.headers['x-client-key'] ?? ''
  const causes: Cause[] = []
  const keyEvidence: Evidence = { label: 'x-client-key sent', value: key || '(none)' }
  const usEnv = req.headers['x-us-env']
  const where: Evidence = { label: 'sent to', value: `${ev.environment} environment, ${usEnv === 'true' ? 'US region (x-us-env: true)' : 'international region (no x-us-env)'}` }
  const clientId = queryParams(req.url).client_id
  if (ev.step === 'initiate' && clientId !== undefined && clientId !== key) {
    causes.push({ id: 'client.client_id_mismatch', text: '`client_id` differs from the `x-client-key` header; the vendor expects the same value in both.', likelihood: 'confirmed', evidence: [keyEvidence, { label: 'client_id sent', value: clientId }, said] })
  }
  if (key !== '' && key !== key.trim()) {
    causes.push({ id: 'client.key_typo', text: 'The key has spaces around it.', likelihood: 'confirmed', evidence: [{ label: 'x-client-key length', value: String(key.length) }, said] })
  }
  // A key's name often says where it belongs; it is a hint from the key itself, not proof.
  const looksSandbox = /(^|[-_.])(sbx|sandbox|dev|test)([-_.]|$)/i.test(key)
  const looksProduction = /(^|[-_.])(prod|production|live)([-_.]|$)/i.test(key)
  if ((ev.environment === 'production' && looksSandbox) || (ev.environment === 'sandbox' && looksProduction)) {
    causes.push({ id: 'client.wrong_environment', text: `The key’s name suggests ${looksSandbox ? 'sandbox' : 'production'} keys, sent to the ${ev.environment} environment.`, likelihood: 'likely', evidence: [keyEvidence, where, said] })
  }
  const looksUs = /(^|[-_.])us([-_.]|$)/i.test(key)
  if ((looksUs && usEnv !== 'true') || (!looksUs && /(^|[-_.])intl([-_.]|$)/i.test(key) && usEnv === 'true')) {
    causes.push({ id: 'client.wrong_region', text: `The key’s name suggests the ${looksUs ? 'US' : 'international'} region, but the request went to the ${usEnv === 'true' ? 'US' : 'international'} one.`, likelihood: 'likely', evidence: [keyEvidence, where, said] })
  }
  if (causes.length === 0) causes.push({ id: 'client.key_typo', text: 'The vendor does not accept this key here.', likelihood: 'likely', evidence: [keyEvidence, where, said] })
  return causes
}

export function stepName(step: string): string {
  switch (step) {
    case 'initiate':
      return 'Step 1 (initiate)'
    case 'login':
      return 'Step 2 (login)'
    case 'otp':
      return 'Step 2 (one-time code)'
    case 'authorize':
      return 'Step 3 (authorize)'
    case 'token':
      return 'Step 4 (token)'
    case 'final-check':
      return 'Final-token check'
    default:
      return step
  }
}
