import type { Cause, Diagnosis } from '../../shared/domain/diagnosis'
import type { LabTargetKind } from '../../shared/domain/lab'
import type { Endpoints, Profile } from '../../shared/domain/profile'
import type { Clock } from '../clock'
import { buildDiagnosis } from '../diagnose/build'
import { explainAuthorizeError } from '../diagnose/explain-authorize-error'
import { explainRefreshFailure } from '../diagnose/explain-refresh'
import { explainResourceCall } from '../diagnose/explain-resource-call'
import { explainTokenResponse, type TokenEvidence } from '../diagnose/explain-token-response'
import type { KnownKey, KnownToken, ServerLogLine } from '../diagnose/rules/evidence'
import { redirectUriNotRegistered } from '../diagnose/rules/redirect-uri'
import { serverSaysCause } from '../diagnose/rules/server-says'
import { sessionAgeCause } from '../diagnose/rules/session-age'
import type { SentRefreshToken } from '../diagnose/rules/refresh'
import { stateMismatchCause } from '../diagnose/rules/state'
import { STANDARD_TOKEN_RULES } from '../diagnose/rules'
import type { HttpClient, HttpRequest } from '../http/client'
import type { HttpExchange } from '../http/exchange'
import { buildAuthorizeUrl } from '../oauth/authorize-url'
import { parseCallback } from '../oauth/callback'
import type { ClientCredentials } from '../oauth/client-auth'
import { discover, type ServerMetadata } from '../oauth/discovery'
import { createPkcePair, type PkcePair } from '../oauth/pkce'
import { randomToken } from '../oauth/random'
import { testApiRequest } from '../oauth/resource-request'
import { codeExchangeRequest, refreshRequest } from '../oauth/token-request'
import { readTokenResponse, type IssuedTokens } from '../oauth/token-response'
import { profileHeaders } from '../tokens/credentials'
import type { Authorizer } from './authorizers'
import { pageText } from './sandbox-login'
import { StepFailed } from './scenario'

/** Who the lab talks to, and as which client. Raw secrets stay here, in main. */
export interface LabTarget {
  kind: LabTargetKind
  profile: Readonly<Profile>
  /** The issuer to discover from: the embedded sandbox's, or the profile's. */
  issuer?: string
  /** The profile's client. */
  client: LabClientSetup
  /** A confidential client of the same server, when the lab has one (scenarios about client authentication). */
  confidential?: LabClientSetup
  authorizer: () => Promise<Authorizer>
  /** The redirect URI the profile says is registered (compared with what the lab sends). */
  registeredRedirectUri?: string
  /** The embedded server's own log: "the server says". */
  serverLog?: readonly (ServerLogLine & { event: string })[]
  otherKeys?: readonly KnownKey[]
  /** Values to scrub from anything shown (client secrets). */
  secrets: readonly string[]
}

export interface LabClientSetup {
  clientId: string
  credentials: ClientCredentials
}

/** One authorization attempt: what the lab sent and kept, as a client must. */
export interface Attempt {
  url: string
  state: string
  pkce: PkcePair
  redirectUri: string
  client: LabClientSetup
  /** The authorization session (the tester's countdown) started with the request. */
  session: { startedAt: number; seconds: number }
  codeReceivedAt?: number
}

export interface Tokens extends IssuedTokens {
  exchangeId: string
}

export type Settled<T> = { ok: true; value: T; exchange: HttpExchange } | { ok: false; diagnosis: Diagnosis; exchange: HttpExchange }

/**
 * Drives a standard authorization-code + PKCE flow one step at a time, with the product's own
 * request builders and HTTP client, so a scenario can change exactly one thing at one step.
 * Every step that fails explains itself through the same rules as the flow engine, with the
 * evidence this client kept: the authorization request, the stored verifier, every exchange.
 */
export class LabClient {
  readonly exchanges: HttpExchange[] = []
  /** Verifiers and tokens this client handled: scrubbed from any report, like the target's secrets. */
  readonly handled: string[] = []
  private metadata?: ServerMetadata
  private endpoints: Endpoints = {}
  private readonly states: string[] = []

  constructor(
    readonly target: LabTarget,
    private readonly http: HttpClient,
    readonly clock: Clock,
    readonly runId: string,
  ) {}

  get tokenEndpoint(): string | undefined {
    return this.endpoints.token
  }

  get authorizeEndpoint(): string | undefined {
    return this.endpoints.authorize
  }

  /** Endpoints from discovery, overridden by the profile's own. */
  async discover(): Promise<void> {
    const fromProfile = Object.fromEntries(Object.entries(this.target.profile.endpoints).filter(([, v]) => typeof v === 'string' && v !== '')) as Endpoints
    if (this.target.issuer) {
      const found = await discover(this.http, this.target.issuer, { runId: this.runId })
      this.remember(found.exchange)
      if (!found.ok) throw new StepFailed(buildDiagnosis({ code: 'discovery.failed', summary: found.reason, stepKind: 'discovery', exchangeId: found.exchange.id }, this.clock.now()))
      this.metadata = found.metadata
      this.endpoints = { ...found.metadata.endpoints, ...fromProfile }
    } else {
      this.endpoints = fromProfile
    }
    if (!this.endpoints.authorize || !this.endpoints.token) {
      throw new StepFailed(buildDiagnosis({ code: 'profile.incomplete', summary: 'The profile has no authorization or token endpoint, and no issuer to discover them from.', stepKind: 'authorize' }, this.clock.now()))
    }
  }

  /** The authorization request, with a fresh state and PKCE pair kept for the exchange. */
  async begin(opts: { pkce?: 'none' | { challenge: string }; redirectUri?: string; confidential?: boolean } = {}): Promise<Attempt> {
    const client = opts.confidential ? this.target.confidential : this.target.client
    if (!client) throw new Error('This target has no confidential client.')
    const redirectUri = opts.redirectUri ?? (await this.target.authorizer()).redirectUri
    const pkce = createPkcePair()
    this.handled.push(pkce.verifier)
    const state = randomToken(32)
    this.states.push(state)
    const profile = this.target.profile
    let url = buildAuthorizeUrl(this.endpoints.authorize as string, {
      clientId: client.clientId,
      redirectUri,
      scope: profile.scopes,
      state,
      codeChallenge: typeof opts.pkce === 'object' ? opts.pkce.challenge : pkce.challenge,
      ...(/(^|\s)openid(\s|$)/.test(profile.scopes) && { nonce: randomToken(16) }),
      extra: profile.extraAuthorizeParams,
    })
    if (opts.pkce === 'none') {
      const u = new URL(url)
      u.searchParams.delete('code_challenge')
      u.searchParams.delete('code_challenge_method')
      url = u.toString()
    }
    return { url, state, pkce, redirectUri, client, session: { startedAt: this.clock.now(), seconds: profile.lifetimes.sessionSeconds } }
  }

  /** The user signs in (the sandbox's form, or the browser) and the redirect comes back. */
  async signIn(attempt: Attempt, opts: { deny?: boolean } = {}): Promise<string> {
    const authorizer = await this.target.authorizer()
    const outcome = await authorizer.login(attempt.url, opts)
    if (outcome.kind === 'redirect') return outcome.url
    if (outcome.kind === 'timeout') {
      throw new StepFailed(
        buildDiagnosis(
          { code: 'callback.no_redirect', summary: `No redirect reached the lab within ${outcome.seconds} s of opening the authorization page.`, stepKind: 'authorize' },
          this.clock.now(),
        ),
      )
    }
    throw new StepFailed(await this.explainPage(attempt, { status: outcome.status, ...(outcome.title !== undefined && { title: outcome.title }), text: outcome.text }))
  }

  /** Reads the redirect as the engine does: error, state, session; answers the code. */
  receive(attempt: Attempt, redirect: string): string {
    const now = this.clock.now()
    const parsed = parseCallback(redirect)
    if (parsed.kind === 'invalid') throw new StepFailed(buildDiagnosis({ code: 'callback.malformed', summary: parsed.reason, stepKind: 'callback' }, now))
    if (parsed.kind === 'error') throw new StepFailed(explainAuthorizeError(parsed, now, { authorizeUrl: attempt.url }))
    if (parsed.state === undefined) {
      throw new StepFailed(buildDiagnosis({ code: 'callback.state_missing', summary: 'The redirect carries no `state`; the code was not exchanged.', stepKind: 'callback' }, now))
    }
    const mismatch = stateMismatchCause(attempt.state, parsed.state, this.states.filter((s) => s !== attempt.state))
    if (mismatch) {
      throw new StepFailed(
        buildDiagnosis(
          { code: 'callback.state_mismatch', summary: `The redirect's state "${short(parsed.state)}" is not the state this attempt sent ("${short(attempt.state)}"); the code was not exchanged.`, stepKind: 'callback', causes: [mismatch] },
          now,
        ),
      )
    }
    const late = sessionAgeCause(attempt.session, now)
    if (late) {
      throw new StepFailed(
        buildDiagnosis(
          { code: 'session.expired', summary: `The redirect arrived after the ${attempt.session.seconds} s authorization session that started at ${new Date(attempt.session.startedAt).toISOString()}; its code was not exchanged.`, stepKind: 'callback', causes: [late] },
          now,
        ),
      )
    }
    attempt.codeReceivedAt = now
    return parsed.code
  }

  /** Sign in and take the code: the steps most scenarios only need to get past. */
  async codeFor(attempt: Attempt): Promise<string> {
    return this.receive(attempt, await this.signIn(attempt))
  }

  /**
   * The authorization request sent once by the lab itself, without a browser or cookies: a
   * server checks PKCE and the redirect URI before anyone signs in, so this shows whether it
   * refuses the request (an error redirect or an error page) or goes on to its sign-in.
   */
  async probeAuthorize(attempt: Attempt): Promise<Settled<'sign-in'>> {
    const exchange = await this.send({ method: 'GET', url: attempt.url, headers: { accept: 'text/html' } }, 'authorize')
    const now = this.clock.now()
    const res = exchange.response
    if (!res) return { ok: false, exchange, diagnosis: explainTokenResponse({ kind: 'network', message: exchange.error?.message ?? 'No response.', errorKind: exchange.error?.kind ?? 'network' }, { step: 'authorize', exchange, now }, [], now) }
    const location = res.headers.location !== undefined ? new URL(res.headers.location, attempt.url).toString() : undefined
    if (location !== undefined && res.status >= 300 && res.status < 400 && location.startsWith(attempt.redirectUri)) {
      try {
        this.receive(attempt, location)
        return { ok: true, value: 'sign-in', exchange }
      } catch (error) {
        if (error instanceof StepFailed) return { ok: false, exchange, diagnosis: { ...error.diagnosis, exchangeId: exchange.id } }
        throw error
      }
    }
    if (res.status >= 400) {
      const shown = pageText(res.body)
      return { ok: false, exchange, diagnosis: { ...(await this.explainPage(attempt, { status: res.status, ...shown })), exchangeId: exchange.id } }
    }
    return { ok: true, value: 'sign-in', exchange }
  }

  /** The code exchange (RFC 6749 §4.1.3), with whatever the scenario changes. */
  async exchange(
    attempt: Attempt,
    code: string,
    change: { verifier?: string; redirectUri?: string; endpoint?: string; credentials?: ClientCredentials } = {},
  ): Promise<Settled<Tokens>> {
    const request = codeExchangeRequest(
      {
        endpoint: change.endpoint ?? (this.endpoints.token as string),
        credentials: change.credentials ?? attempt.client.credentials,
        extraParams: this.target.profile.extraTokenParams,
        extraHeaders: profileHeaders(this.target.profile),
      },
      { code, redirectUri: change.redirectUri ?? attempt.redirectUri, codeVerifier: change.verifier ?? attempt.pkce.verifier },
    )
    const earlier = [...this.exchanges]
    const { exchange, logged } = await this.sendWatched(request, 'token')
    const now = this.clock.now()
    const response = readTokenResponse(exchange)
    if (response.kind === 'tokens') return { ok: true, value: this.keep(response.tokens, exchange), exchange }
    const evidence: TokenEvidence = {
      step: 'token',
      exchange,
      now,
      authorizeUrl: attempt.url,
      codeLifetimeSeconds: this.target.profile.lifetimes.codeSeconds,
      storedVerifier: attempt.pkce.verifier,
      earlier,
      endpoints: this.endpoints,
      profile: { name: this.target.profile.name, environment: this.target.profile.environment, needsClientKey: this.target.profile.clientAuth === 'headers' },
      serverLog: logged.filter((l) => l.event === 'grant.error'),
      ...(this.metadata && { tokenAuthMethods: this.metadata.tokenAuthMethods }),
      ...(attempt.codeReceivedAt !== undefined && { codeReceivedAt: attempt.codeReceivedAt }),
      ...(this.target.registeredRedirectUri !== undefined && { registeredRedirectUri: this.target.registeredRedirectUri }),
      ...(this.target.otherKeys && { otherKeys: this.target.otherKeys }),
    }
    return { ok: false, exchange, diagnosis: explainTokenResponse(response, evidence, STANDARD_TOKEN_RULES, now) }
  }

  /** A refresh (RFC 6749 §6) with the refresh token given; `sent` is what the lineage knew of it. */
  async refresh(attempt: Attempt, refreshToken: string, sent: SentRefreshToken, trigger: 'manual' | 'replay' = 'manual'): Promise<Settled<Tokens>> {
    const request = refreshRequest(
      { endpoint: this.endpoints.token as string, credentials: attempt.client.credentials, extraHeaders: profileHeaders(this.target.profile) },
      refreshToken,
    )
    const exchange = await this.send(request, trigger === 'replay' ? 'replay' : 'refresh')
    const now = this.clock.now()
    const response = readTokenResponse(exchange)
    if (response.kind === 'tokens') return { ok: true, value: this.keep(response.tokens, exchange), exchange }
    return { ok: false, exchange, diagnosis: explainRefreshFailure(response, { exchange, now, sent, trigger }) }
  }

  /** The profile's test request with a token, or with an Authorization header of the scenario's making. */
  async callApi(token: string, opts: { authorization?: string; sentKind: 'access_token' | 'id_token' | 'refresh_token'; sentLabel: string; knownTokens: readonly KnownToken[] }): Promise<Settled<number> | undefined> {
    const test = this.target.profile.testRequest
    if (!test) return undefined
    const request = testApiRequest(test, token, { headers: profileHeaders(this.target.profile), ...(this.target.issuer !== undefined && { base: this.target.issuer }) })
    if (opts.authorization !== undefined) request.headers = { ...request.headers, authorization: opts.authorization }
    const exchange = await this.send(request, 'api')
    const status = exchange.response?.status
    if (status !== undefined && status >= 200 && status < 300) return { ok: true, value: status, exchange }
    const diagnosis = explainResourceCall({
      exchange,
      now: this.clock.now(),
      target: 'the test API',
      sentKind: opts.sentKind,
      sentLabel: opts.sentLabel,
      token: { status: 'current' },
      needsClientKey: this.target.profile.clientAuth === 'headers',
      knownTokens: opts.knownTokens,
    })
    return { ok: false, exchange, diagnosis }
  }

  private async explainPage(attempt: Attempt, page: { status: number; title?: string; text: string }): Promise<Diagnosis> {
    const now = this.clock.now()
    const sent = new URL(attempt.url).searchParams.get('redirect_uri') ?? ''
    // The profile's registered address, or the one the lab's own requests use.
    const registered = this.target.registeredRedirectUri ?? (await this.target.authorizer().catch(() => undefined))?.redirectUri
    const said: Cause | undefined = serverSaysCause([{ at: now, error: page.title ?? `HTTP ${page.status}`, detail: page.text }])
    const aboutRedirect = /redirect_uri/i.test(page.text) || (registered !== undefined && sent !== registered)
    if (aboutRedirect) {
      return buildDiagnosis(
        {
          code: 'redirect_uri.mismatch',
          summary: `The authorization server showed an error page (HTTP ${page.status}) instead of redirecting to ${sent}: it does not accept that redirect URI.`,
          stepKind: 'authorize',
          causes: [redirectUriNotRegistered(sent, registered), ...(said ? [{ ...said, likelihood: 'likely' as const }] : [])],
        },
        now,
      )
    }
    return buildDiagnosis(
      { code: 'authorize.other_error', summary: `The authorization server showed an error page (HTTP ${page.status}${page.title ? `, “${page.title}”` : ''}) instead of redirecting back.`, stepKind: 'authorize', causes: said ? [said] : [] },
      now,
    )
  }

  private async send(request: HttpRequest, step: string): Promise<HttpExchange> {
    return (await this.sendWatched(request, step)).exchange
  }

  /** Sends through the one HTTP client and notes what the embedded server logged meanwhile. */
  private async sendWatched(request: HttpRequest, step: string): Promise<{ exchange: HttpExchange; logged: (ServerLogLine & { event: string })[] }> {
    const log = this.target.serverLog
    const before = new Set(log ?? [])
    const exchange = await this.http.send(request, { runId: this.runId, step })
    this.remember(exchange)
    return { exchange, logged: (log ?? []).filter((entry) => !before.has(entry)) }
  }

  private keep(tokens: IssuedTokens, exchange: HttpExchange): Tokens {
    for (const value of [tokens.accessToken, tokens.refreshToken, tokens.idToken]) if (value !== undefined) this.handled.push(value)
    return { ...tokens, exchangeId: exchange.id }
  }

  private remember(exchange: HttpExchange): void {
    this.exchanges.push(exchange)
  }
}

const short = (text: string): string => (text.length > 16 ? `${text.slice(0, 8)}…${text.slice(-4)}` : text)
