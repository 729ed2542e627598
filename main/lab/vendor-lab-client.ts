import type { Diagnosis } from '../../shared/domain/diagnosis'
import type { Profile, Region } from '../../shared/domain/profile'
import type { Clock } from '../clock'
import { buildDiagnosis } from '../diagnose/build'
import { explainFinalCheck } from '../diagnose/explain-final-check'
import { explainRefreshFailure } from '../diagnose/explain-refresh'
import type { TokenEvidence } from '../diagnose/explain-token-response'
import { explainVendorStep, type VendorEvidence } from '../diagnose/explain-vendor-step'
import { explainVendorToken } from '../diagnose/explain-vendor-token'
import type { SentRefreshToken } from '../diagnose/rules/refresh'
import { readVendorReply, replyLine } from '../diagnose/vendor-reply'
import { initiateRequest, loginRequest, otpSendRequest, authorizeRequest, vendorTokenRequest, VENDOR_PATHS, type VendorCall } from '../flows/vendor-requests'
import { CLIENT_KEY_HEADER, type VendorTarget } from '../flows/vendor-target'
import { issuedTokens, knownTokens } from '../flows/vendor-token-map'
import type { HttpClient, HttpRequest } from '../http/client'
import type { HttpExchange } from '../http/exchange'
import { createPkcePair, type PkcePair } from '../oauth/pkce'
import { randomToken } from '../oauth/random'
import { testApiRequest } from '../oauth/resource-request'
import { refreshRequest } from '../oauth/token-request'
import { readTokenResponse, type IssuedTokens } from '../oauth/token-response'
import type { EnvironmentName } from '../sandbox/vendor/environments'
import type { VendorSimulator } from '../sandbox/vendor/simulator'
import type { UserKind } from '../sandbox/vendor/users'
import type { Settled, Tokens } from './lab-client'
import { StepFailed } from './scenario'

/** The embedded vendor simulator as the lab talks to it: one vendor profile, resolved against it. */
export interface VendorLabTarget {
  /** The vendor profile with the simulator's base URL and keys filled in. */
  profile: Readonly<Profile>
  /** Host, `client_id`, the headers every step sends and the token endpoint's secret headers. */
  call: VendorTarget
  /** The lab's own simulator: its environments, and the demo users and their one-time codes. */
  sim: VendorSimulator
}

/** What a change of client key does to a request: another key, or none at all (`null`). */
export type KeyChange = { clientKey?: string | null }

/** One pass through step 1: what the lab sent and kept, as a vendor client must. */
export interface VendorSession {
  environment: EnvironmentName
  region: Region
  /** Host and headers of this session's requests (the environment's, and the key it used). */
  call: VendorCall
  clientId: string
  state: string
  pkce: PkcePair
  redirectUri: string
  initiateUrl: string
  sessionToken: string
  startedAt: number
  otpSentAt?: number
  codeIssuedAt?: number
}

/** What step 2 answered: the login token, or that a one-time code is needed for this user. */
export interface LoginAnswer {
  loginToken?: string
  userId?: string
  isOtpRequired: boolean
}

/**
 * Drives the vendor's four-step flow (initiate → login (+OTP) → authorize → token, then the
 * API) one step at a time against the embedded simulator, with the vendor flow's own request
 * builders (`main/flows/vendor-requests.ts`) and the one HTTP client, so a scenario can change
 * exactly one thing at one step. Each failed step is explained by the same explainers as the
 * vendor flow, with the evidence this client kept: every exchange, the session, the verifier.
 */
export class VendorLabClient {
  readonly exchanges: HttpExchange[] = []
  /** Passwords, codes and tokens this client handled: scrubbed from any report. */
  readonly handled: string[] = []

  constructor(
    readonly target: VendorLabTarget,
    private readonly http: HttpClient,
    readonly clock: Clock,
    readonly runId: string,
  ) {}

  private get profile(): Readonly<Profile> {
    return this.target.profile
  }

  /** The profile's environment of the simulator: its host, and the keys the profile holds. */
  private get home(): { environment: EnvironmentName; region: Region } {
    return { environment: this.profile.environment === 'production' ? 'production' : 'sandbox', region: this.profile.region ?? 'international' }
  }

  /**
   * Step 1 with a fresh state and PKCE pair. A scenario may send it to the other environment,
   * with another key (or none), another redirect URI, or without the PKCE challenge.
   */
  async initiate(change: KeyChange & { environment?: EnvironmentName; redirectUri?: string; pkce?: 'none' } = {}): Promise<Settled<VendorSession>> {
    const environment = change.environment ?? this.home.environment
    const region = this.home.region
    const headers = withKey(this.target.call.publicHeaders, change)
    const call: VendorCall = { baseUrl: this.target.sim.environments[environment].baseUrl, headers }
    const clientId = change.clientKey ?? this.target.call.clientId
    const pkce = createPkcePair()
    this.handled.push(pkce.verifier)
    const state = randomToken(32)
    const redirectUri = change.redirectUri ?? this.redirectUri
    const request = initiateRequest(call, { clientId, redirectUri, state, codeChallenge: pkce.challenge, mode: 'api', extra: this.profile.extraAuthorizeParams })
    if (change.pkce === 'none') request.url = withoutChallenge(request.url)
    const exchange = await this.send(request, 'initiate')
    const reply = readVendorReply(exchange)
    const token = reply.shape === 'ok' && typeof reply.body.token === 'string' && reply.body.token !== '' ? reply.body.token : undefined
    const session = { environment, region, call, clientId, state, pkce, redirectUri, initiateUrl: request.url, startedAt: exchange.startedAt }
    if (token === undefined) return { ok: false, exchange, diagnosis: explainVendorStep(this.evidence(exchange, { environment, region })) }
    this.handled.push(token)
    return { ok: true, value: { ...session, sessionToken: token }, exchange }
  }

  /** The redirect URI step 1 names: the profile's registered one (API mode gets the code as JSON). */
  get redirectUri(): string {
    return this.profile.capture.redirectUri ?? 'https://example.com/callback'
  }

  /** Step 2: the login, with a one-time code on the second attempt. */
  async login(session: VendorSession, who: { email: string; password: string }, otpCode?: string): Promise<Settled<LoginAnswer>> {
    this.handled.push(who.password, ...(otpCode !== undefined ? [otpCode] : []))
    const step = otpCode === undefined ? 'login' : 'otp'
    const exchange = await this.send(loginRequest(session.call, { ...who, ...(otpCode !== undefined && { otpCode }) }), step)
    const reply = readVendorReply(exchange)
    if (reply.shape !== 'ok') return { ok: false, exchange, diagnosis: explainVendorStep(this.evidence(exchange, session)) }
    const body = reply.body
    const loginToken = typeof body.accessToken === 'string' && body.accessToken !== '' ? body.accessToken : undefined
    if (loginToken !== undefined) this.handled.push(loginToken)
    return {
      ok: true,
      exchange,
      value: { ...(loginToken !== undefined && { loginToken }), ...(typeof body.userId === 'string' && { userId: body.userId }), isOtpRequired: body.isOtpRequired === true },
    }
  }

  /** Asks the vendor to send a one-time code ("by SMS": the simulator keeps it for the lab to read). */
  async sendOtp(session: VendorSession, userId: string): Promise<Settled<true>> {
    const exchange = await this.send(otpSendRequest(session.call, userId), 'otp')
    if (readVendorReply(exchange).shape !== 'ok') return { ok: false, exchange, diagnosis: explainVendorStep(this.evidence(exchange, session)) }
    session.otpSentAt = this.clock.now()
    return { ok: true, value: true, exchange }
  }

  /** A demo user of the simulator in this session's environment and region. */
  user(session: VendorSession, kind: UserKind): { email: string; password: string } {
    const user = this.target.sim.environments[session.environment].users[session.region].find((u) => u.kind === kind)
    if (!user) throw new Error(`The simulator has no ${kind} user in ${session.environment}/${session.region}.`)
    return { email: user.email, password: user.password }
  }

  /** The code the simulator "sent by SMS" to a user, as the tester would read it from the phone. */
  lastOtp(session: VendorSession, email: string): string | undefined {
    return this.target.sim.environments[session.environment].lastOtp(email, session.region)
  }

  /** Step 2 done right: the login, and for an OTP user the send and the second login. Answers the login token. */
  async signIn(session: VendorSession, kind: UserKind = 'plain'): Promise<string> {
    const who = this.user(session, kind)
    const first = got(await this.login(session, who))
    if (first.loginToken !== undefined) return first.loginToken
    if (!first.isOtpRequired || first.userId === undefined) throw new StepFailed(this.unexpected('login', 'The login answered without a login token or a request for a one-time code.'))
    got(await this.sendOtp(session, first.userId))
    const code = this.lastOtp(session, who.email)
    if (code === undefined) throw new Error('The simulator holds no one-time code for this user after sending one.')
    const second = got(await this.login(session, who, code))
    if (second.loginToken === undefined) throw new StepFailed(this.unexpected('otp', 'The login with the one-time code answered without a login token.'))
    return second.loginToken
  }

  /** Step 3: the login token as Bearer, the session JWT in the body; a scenario may swap either. */
  async authorize(session: VendorSession, loginToken: string, change: { bodyToken?: string } = {}): Promise<Settled<string>> {
    const exchange = await this.send(authorizeRequest(session.call, loginToken, change.bodyToken ?? session.sessionToken), 'authorize')
    const reply = readVendorReply(exchange)
    const code = reply.shape === 'ok' && typeof reply.body.code === 'string' && reply.body.code !== '' ? reply.body.code : undefined
    if (reply.shape === 'ok' && code === undefined) return { ok: false, exchange, diagnosis: this.unexpected('authorize', 'Step 3 answered 200 without a `code`.', exchange) }
    if (code === undefined) return { ok: false, exchange, diagnosis: explainVendorStep(this.evidence(exchange, session)) }
    session.codeIssuedAt = this.clock.now()
    this.handled.push(code)
    return { ok: true, value: code, exchange }
  }

  /** Steps 2 and 3 done right for a password-only user: the code most token scenarios start from. */
  async codeFor(session: VendorSession): Promise<string> {
    return got(await this.authorize(session, await this.signIn(session)))
  }

  /** Step 4: the code exchange, JSON body, both keys; a scenario may change the verifier, the redirect URI or the key. */
  async exchange(session: VendorSession, code: string, change: KeyChange & { verifier?: string; redirectUri?: string } = {}): Promise<Settled<Tokens>> {
    const request = vendorTokenRequest(
      { ...session.call, headers: withKey(session.call.headers, change), clientId: session.clientId, secretHeaders: this.target.call.secretHeaders, extraParams: this.profile.extraTokenParams },
      { code, redirectUri: change.redirectUri ?? session.redirectUri, codeVerifier: change.verifier ?? session.pkce.verifier },
    )
    const exchange = await this.send(request, 'token')
    const response = readTokenResponse(exchange)
    if (response.kind === 'tokens') return { ok: true, value: this.keep(response.tokens, exchange), exchange }
    const now = this.clock.now()
    const token: TokenEvidence = {
      step: 'token',
      exchange,
      now,
      authorizeUrl: session.initiateUrl,
      codeLifetimeSeconds: this.profile.lifetimes.codeSeconds,
      storedVerifier: session.pkce.verifier,
      earlier: this.before(exchange),
      endpoints: { token: session.call.baseUrl + VENDOR_PATHS.token },
      profile: { name: this.profile.name, environment: session.environment, region: session.region, needsClientKey: true },
      ...(session.codeIssuedAt !== undefined && { codeReceivedAt: session.codeIssuedAt }),
    }
    return { ok: false, exchange, diagnosis: explainVendorToken(response, this.evidence(exchange, session), token) }
  }

  /** A refresh (JSON body, `x-client-key`), as the token lifecycle sends it for a vendor set. */
  async refresh(session: VendorSession, refreshToken: string, sent: SentRefreshToken, trigger: 'manual' | 'replay' = 'manual'): Promise<Settled<Tokens>> {
    const request = refreshRequest(
      { endpoint: session.call.baseUrl + VENDOR_PATHS.token, credentials: { method: 'headers', clientId: session.clientId, headers: session.call.headers }, bodyFormat: 'json' },
      refreshToken,
    )
    const exchange = await this.send(request, trigger === 'replay' ? 'replay' : 'refresh')
    const response = readTokenResponse(exchange)
    if (response.kind === 'tokens') return { ok: true, value: this.keep(response.tokens, exchange), exchange }
    return { ok: false, exchange, diagnosis: explainRefreshFailure(response, { exchange, now: this.clock.now(), sent, trigger }) }
  }

  /** The profile's test request (the final-token check) with whatever token the scenario sends as Bearer. */
  async callApi(session: VendorSession, token: string): Promise<Settled<number>> {
    const test = this.profile.testRequest
    if (!test) throw new Error('The vendor profile has no test request.')
    const exchange = await this.send(testApiRequest(test, token, { headers: session.call.headers }), 'api')
    const status = exchange.response?.status
    if (status !== undefined && status >= 200 && status < 300) return { ok: true, value: status, exchange }
    return { ok: false, exchange, diagnosis: explainFinalCheck(this.evidence(exchange, session)) }
  }

  /** What the explainer may compare for a failed step: this client's exchanges and session, like a vendor run's. */
  private evidence(exchange: HttpExchange, session: Pick<VendorSession, 'environment' | 'region'> & Partial<VendorSession>): VendorEvidence {
    const ev: VendorEvidence = {
      step: exchange.step,
      exchange,
      now: this.clock.now(),
      environment: session.environment,
      region: session.region,
      tokens: knownTokens(issuedTokens(this.exchanges)),
      sessionSeconds: this.profile.lifetimes.sessionSeconds,
      earlier: this.before(exchange),
    }
    if (session.startedAt !== undefined) ev.sessionStartedAt = session.startedAt
    if (session.otpSentAt !== undefined) ev.otpSentAt = session.otpSentAt
    return ev
  }

  private unexpected(step: string, summary: string, exchange?: HttpExchange): Diagnosis {
    const said = exchange ? ` The vendor answered ${replyLine(readVendorReply(exchange))}.` : ''
    return buildDiagnosis({ code: 'vendor.unexpected_reply', summary: `${summary}${said}`, stepKind: step, ...(exchange && { exchangeId: exchange.id }) }, this.clock.now())
  }

  private before(exchange: HttpExchange): HttpExchange[] {
    const index = this.exchanges.indexOf(exchange)
    return index >= 0 ? this.exchanges.slice(0, index) : [...this.exchanges]
  }

  private keep(tokens: IssuedTokens, exchange: HttpExchange): Tokens {
    for (const value of [tokens.accessToken, tokens.refreshToken]) if (value !== undefined) this.handled.push(value)
    return { ...tokens, exchangeId: exchange.id }
  }

  private async send(request: HttpRequest, step: string): Promise<HttpExchange> {
    const exchange = await this.http.send(request, { runId: this.runId, step })
    this.exchanges.push(exchange)
    return exchange
  }
}

/** The value of a step that must succeed before the fault; otherwise the scenario ends there. */
export const got = <T>(settled: Settled<T>): T => {
  if (!settled.ok) throw new StepFailed(settled.diagnosis)
  return settled.value
}

/** The headers with another `x-client-key`, or without one. */
function withKey(headers: Record<string, string>, change: KeyChange): Record<string, string> {
  if (change.clientKey === undefined) return headers
  const { [CLIENT_KEY_HEADER]: _dropped, ...rest } = headers
  return change.clientKey === null ? rest : { ...rest, [CLIENT_KEY_HEADER]: change.clientKey }
}

function withoutChallenge(url: string): string {
  const u = new URL(url)
  u.searchParams.delete('code_challenge')
  u.searchParams.delete('code_challenge_method')
  return u.toString()
}
