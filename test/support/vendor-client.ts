import type { Region } from '../../shared/domain/profile'
import { createPkcePair, type PkcePair } from '../../main/oauth/pkce'
import { EXAMPLE_HTTPS_REDIRECT } from '../../main/sandbox/vendor/environments'
import type { SimulatorEnvironment } from '../../main/sandbox/vendor/simulator'
import type { UserKind } from '../../main/sandbox/vendor/users'

/**
 * Talks to the vendor simulator over real HTTP, the way an integrator's client would. Each
 * helper is one documented call; `signIn` and `tokens` chain them for tests about later steps.
 */
export interface Answer {
  status: number
  // Tests read arbitrary fields of the vendor's bodies.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
  headers: Headers
}

export interface CallOptions {
  headers?: Record<string, string | undefined>
  json?: unknown
  form?: Record<string, string>
  /** Leave out x-client-key (499 tests). */
  noClientKey?: boolean
}

export interface Session {
  token: string
  url: string
  pkce: PkcePair
  state: string
  redirectUri: string
}

export class VendorClient {
  constructor(
    readonly env: SimulatorEnvironment,
    readonly region: Region = 'international',
    private readonly keyIndex = 0,
  ) {}

  get clientKey(): string {
    return this.env.keys[this.region][this.keyIndex]!.clientKey
  }

  get secretKey(): string {
    return this.env.keys[this.region][this.keyIndex]!.secretKey
  }

  user(kind: UserKind) {
    const user = this.env.users[this.region].find((u) => u.kind === kind)
    if (!user) throw new Error(`No ${kind} user`)
    return user
  }

  async call(method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = {}
    if (!opts.noClientKey) headers['x-client-key'] = this.clientKey
    if (this.region === 'us') headers['x-us-env'] = 'true'
    if (opts.json !== undefined) headers['content-type'] = 'application/json'
    if (opts.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded'
    for (const [name, value] of Object.entries(opts.headers ?? {})) {
      if (value === undefined) delete headers[name]
      else headers[name] = value
    }
    const body = opts.json !== undefined ? JSON.stringify(opts.json) : opts.form !== undefined ? new URLSearchParams(opts.form).toString() : undefined
    const res = await fetch(`${this.env.baseUrl}${path}`, { method, headers, redirect: 'manual', ...(body !== undefined && { body }) })
    const text = await res.text()
    let parsed: unknown = text
    if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text)
    return { status: res.status, body: parsed, headers: res.headers }
  }

  /** The initiate query a correct client sends, with overrides (`undefined` removes one). */
  initiateQuery(pkce: PkcePair, overrides: Record<string, string | undefined> = {}): URLSearchParams {
    const params: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: this.clientKey,
      redirect_uri: EXAMPLE_HTTPS_REDIRECT,
      state: 'state-123',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      mode: 'api',
      ...overrides,
    }
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v)
    return q
  }

  initiate(query: URLSearchParams, opts: CallOptions = {}): Promise<Answer> {
    return this.call('GET', `/v1/auth/oauth/authorize/initiate?${query.toString()}`, opts)
  }

  /** Step 1 in API mode, expected to succeed. */
  async startSession(overrides: Record<string, string | undefined> = {}): Promise<Session> {
    const pkce = createPkcePair()
    const query = this.initiateQuery(pkce, overrides)
    const res = await this.initiate(query, { headers: { accept: 'application/json' } })
    if (res.status !== 200) throw new Error(`initiate answered ${res.status}: ${JSON.stringify(res.body)}`)
    return { token: res.body.token, url: res.body.url, pkce, state: query.get('state')!, redirectUri: query.get('redirect_uri')! }
  }

  login(body: Record<string, unknown>, opts: CallOptions = {}): Promise<Answer> {
    return this.call('POST', '/v1/auth/login', { ...opts, json: body })
  }

  sendOtp(userId: string): Promise<Answer> {
    return this.call('POST', '/v1/auth/login/otp', { json: { userId } })
  }

  /** Step 2 to the end: the login token of a demo user (OTP handled). */
  async signIn(kind: UserKind = 'plain'): Promise<string> {
    const user = this.user(kind)
    const first = await this.login({ email: user.email, password: user.password })
    if (first.body.accessToken) return first.body.accessToken
    if (!first.body.isOtpRequired) throw new Error(`login gave no token: ${JSON.stringify(first.body)}`)
    await this.sendOtp(first.body.userId)
    const second = await this.login({ email: user.email, password: user.password, otpCode: this.env.lastOtp(user.email, this.region) })
    return second.body.accessToken
  }

  authorize(loginToken: string | undefined, sessionToken: string | undefined, opts: CallOptions = {}): Promise<Answer> {
    return this.call('POST', '/v1/auth/oauth/authorize', {
      ...opts,
      headers: { ...(loginToken !== undefined && { authorization: `Bearer ${loginToken}` }), ...opts.headers },
      json: sessionToken === undefined ? {} : { token: sessionToken },
    })
  }

  token(body: Record<string, unknown>, opts: CallOptions = {}): Promise<Answer> {
    return this.call('POST', '/v1/auth/oauth/token', { ...opts, headers: { 'x-secret-key': this.secretKey, ...opts.headers }, json: body })
  }

  /** Steps 1–3: a fresh code and what step 4 needs with it. */
  async code(kind: UserKind = 'plain', overrides: Record<string, string | undefined> = {}): Promise<{ code: string; session: Session; loginToken: string }> {
    const session = await this.startSession(overrides)
    const loginToken = await this.signIn(kind)
    const res = await this.authorize(loginToken, session.token)
    if (res.status !== 200) throw new Error(`authorize answered ${res.status}: ${JSON.stringify(res.body)}`)
    return { code: res.body.code, session, loginToken }
  }

  /** The whole flow: the token reply, plus the login token used on the way. */
  async tokens(kind: UserKind = 'plain'): Promise<{ access: string; refresh: string; loginToken: string; sessionToken: string; reply: Answer }> {
    const { code, session, loginToken } = await this.code(kind)
    const reply = await this.token({ grant_type: 'authorization_code', code, redirect_uri: session.redirectUri, code_verifier: session.pkce.verifier })
    if (reply.status !== 200) throw new Error(`token answered ${reply.status}: ${JSON.stringify(reply.body)}`)
    return { access: reply.body.access_token, refresh: reply.body.refresh_token, loginToken, sessionToken: session.token, reply }
  }

  profile(bearer: string | undefined, opts: CallOptions = {}): Promise<Answer> {
    return this.call('GET', '/v1/user/profile', { ...opts, headers: { ...(bearer !== undefined && { authorization: `Bearer ${bearer}` }), ...opts.headers } })
  }
}
