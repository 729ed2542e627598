import { createHash } from 'node:crypto'
import { createServer } from 'node:net'
import type { KnownToken } from '../../diagnose/rules/evidence'
import { createPkcePair } from '../../oauth/pkce'
import type { Attempt, Settled, Tokens } from '../lab-client'
import { StepFailed, type ScenarioContext, type ScenarioOutcome, type StandardScenario } from '../scenario'

/**
 * The standard authorization-code + PKCE flow, broken one way at a time. Each scenario gets past
 * the steps before its fault normally, then does exactly one thing wrong. Against the embedded
 * sandbox the lab checks its own diagnosis; against a user's server, that the server refuses.
 */

/** The value of a step that must succeed before the fault; otherwise the scenario ends there. */
const got = <T>(settled: Settled<T>): T => {
  if (!settled.ok) throw new StepFailed(settled.diagnosis)
  return settled.value
}

/** The step with the fault: a refusal is the diagnosis, a success is the finding. */
const judged = <T>(settled: Settled<T> | undefined, accepted: string): ScenarioOutcome => {
  if (settled === undefined) return { kind: 'not-applicable', reason: 'The profile has no test request to call.' }
  return settled.ok ? { kind: 'accepted', message: accepted, exchangeId: settled.exchange.id } : { kind: 'diagnosis', diagnosis: settled.diagnosis }
}

/** Signs in, takes the code and exchanges it: the tokens most API and refresh scenarios start from. */
async function tokensFor(ctx: ScenarioContext): Promise<{ attempt: Attempt; tokens: Tokens; known: KnownToken[] }> {
  const attempt = await ctx.client.begin()
  const tokens = got(await ctx.client.exchange(attempt, await ctx.client.codeFor(attempt)))
  const known: KnownToken[] = [{ kind: 'access_token', label: 'the access token #1', value: tokens.accessToken }]
  if (tokens.idToken) known.push({ kind: 'id_token', label: 'the ID token #1', value: tokens.idToken })
  if (tokens.refreshToken) known.push({ kind: 'refresh_token', label: 'the refresh token #1', value: tokens.refreshToken })
  return { attempt, tokens, known }
}

const ALL = ['embedded-sandbox', 'profile'] as const
const EMBEDDED = ['embedded-sandbox'] as const

export const STANDARD_SCENARIOS: readonly StandardScenario[] = [
  {
    id: 'code-reused',
    title: 'Reuse an authorization code',
    fault: 'After a successful exchange, sends the same code to the token endpoint again.',
    group: 'standard',
    step: 'token',
    targets: ALL,
    needsLogin: true,
    expected: { code: 'code.reused', cause: 'code.reused', evidence: ['first exchanged at', 'first exchange', 'sent again at', 'code age'] },
    serverShould: { refuse: 'refuse the second exchange (invalid_grant)', ifAccepted: 'your server accepts a reused authorization code' },
    async run(ctx) {
      const attempt = await ctx.client.begin()
      const code = await ctx.client.codeFor(attempt)
      got(await ctx.client.exchange(attempt, code))
      return judged(await ctx.client.exchange(attempt, code), 'The server exchanged the same code a second time.')
    },
  },
  {
    id: 'pkce-wrong-verifier',
    title: 'Wrong code verifier',
    fault: 'Sends the stored verifier with its last character cut off, as a storage that trims values would.',
    group: 'standard',
    step: 'token',
    targets: ALL,
    needsLogin: true,
    expected: {
      code: 'pkce.validation_failed',
      cause: 'pkce.mismatch.verifier_altered',
      evidence: ['code_challenge sent at authorize', 'S256 of the verifier stored at authorize', 'S256 of the code_verifier sent', 'verifier stored vs sent'],
    },
    serverShould: { refuse: 'refuse the exchange (invalid_grant)', ifAccepted: 'your server does not check the PKCE verifier' },
    async run(ctx) {
      const attempt = await ctx.client.begin()
      const code = await ctx.client.codeFor(attempt)
      return judged(await ctx.client.exchange(attempt, code, { verifier: attempt.pkce.verifier.slice(0, -1) }), 'The server accepted a verifier that does not match the challenge.')
    },
  },
  {
    id: 'pkce-verifier-regenerated',
    title: 'Verifier regenerated before the exchange',
    fault: 'Generates a new PKCE verifier for the token request instead of sending the one made for the authorization request.',
    group: 'standard',
    step: 'token',
    targets: ALL,
    needsLogin: true,
    expected: {
      code: 'pkce.validation_failed',
      cause: 'pkce.mismatch.verifier_regenerated',
      evidence: ['code_challenge sent at authorize', 'S256 of the verifier stored at authorize', 'S256 of the code_verifier sent'],
    },
    serverShould: { refuse: 'refuse the exchange (invalid_grant)', ifAccepted: 'your server does not check the PKCE verifier' },
    async run(ctx) {
      const attempt = await ctx.client.begin()
      const code = await ctx.client.codeFor(attempt)
      return judged(await ctx.client.exchange(attempt, code, { verifier: createPkcePair().verifier }), 'The server accepted a verifier from another attempt.')
    },
  },
  {
    id: 'pkce-missing',
    title: 'PKCE missing',
    fault: 'Leaves `code_challenge` and `code_challenge_method` out of the authorization request.',
    group: 'standard',
    step: 'authorize',
    targets: ALL,
    needsLogin: false,
    expected: { code: 'authorize.invalid_request', cause: 'authorize.missing_pkce', evidence: ['code_challenge in the authorization request'] },
    serverShould: { refuse: 'refuse the authorization request (invalid_request)', ifAccepted: 'your server lets a client sign in without PKCE' },
    async run(ctx) {
      const attempt = await ctx.client.begin({ pkce: 'none' })
      return judged(await ctx.client.probeAuthorize(attempt), 'The server went on to its sign-in page for an authorization request without PKCE.')
    },
  },
  {
    id: 'pkce-challenge-not-base64url',
    title: 'Challenge in standard base64',
    fault: 'Encodes the S256 challenge with standard base64 (`+`, `/`, `=`) instead of base64url.',
    group: 'standard',
    step: 'authorize',
    targets: ALL,
    needsLogin: false,
    expected: { code: 'authorize.invalid_request', cause: 'authorize.pkce_encoding', evidence: ['code_challenge sent', 'problem'] },
    serverShould: { refuse: 'refuse the malformed challenge (invalid_request)', ifAccepted: 'your server takes a code_challenge that is not base64url' },
    async run(ctx) {
      const verifier = createPkcePair().verifier
      const challenge = createHash('sha256').update(verifier, 'ascii').digest('base64')
      const attempt = await ctx.client.begin({ pkce: { challenge } })
      return judged(await ctx.client.probeAuthorize(attempt), 'The server went on to its sign-in page with a challenge that is not base64url.')
    },
  },
  {
    id: 'state-tampered',
    title: 'Tampered state',
    fault: 'Changes one character of `state` in the redirect before the client reads it.',
    group: 'standard',
    step: 'callback',
    targets: ALL,
    needsLogin: true,
    expected: { code: 'callback.state_mismatch', cause: 'state.altered', evidence: ['state sent', 'state received', 'first difference'] },
    serverShould: { refuse: 'echo state unchanged, so the client’s check can refuse the tampered copy', ifAccepted: 'the tampered redirect was taken' },
    async run(ctx) {
      const attempt = await ctx.client.begin()
      const redirect = new URL(await ctx.client.signIn(attempt))
      const state = redirect.searchParams.get('state') ?? ''
      redirect.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`)
      ctx.client.receive(attempt, redirect.toString())
      return { kind: 'accepted', message: 'The client took a redirect whose state it did not send.' }
    },
  },
  {
    id: 'redirect-uri-trailing-slash',
    title: 'Redirect URI with a trailing slash',
    fault: 'Adds a `/` to the end of `redirect_uri` in the token request only.',
    group: 'standard',
    step: 'token',
    targets: ALL,
    needsLogin: true,
    expected: { code: 'redirect_uri.mismatch', cause: 'redirect_uri.trailing_slash', evidence: ['redirect_uri at authorize', 'redirect_uri at token', 'difference'] },
    serverShould: { refuse: 'refuse the exchange (invalid_grant)', ifAccepted: 'your server does not compare the token request’s redirect_uri with the authorization request’s' },
    async run(ctx) {
      const attempt = await ctx.client.begin()
      const code = await ctx.client.codeFor(attempt)
      return judged(await ctx.client.exchange(attempt, code, { redirectUri: `${attempt.redirectUri}/` }), 'The server accepted a redirect_uri that differs from the authorization request’s.')
    },
  },
  {
    id: 'redirect-uri-not-registered',
    title: 'Redirect URI not registered',
    fault: 'Sends the authorization request with the registered redirect URI plus a trailing slash.',
    group: 'standard',
    step: 'authorize',
    targets: ALL,
    needsLogin: false,
    expected: { code: 'redirect_uri.mismatch', cause: 'redirect_uri.trailing_slash', evidence: ['redirect_uri registered (profile)', 'redirect_uri sent', 'difference'] },
    serverShould: { refuse: 'show an error page and not redirect', ifAccepted: 'your server accepts a redirect URI that is not registered exactly' },
    async run(ctx) {
      const registered = ctx.client.target.registeredRedirectUri ?? (await ctx.client.target.authorizer()).redirectUri
      const attempt = await ctx.client.begin({ redirectUri: `${registered}/` })
      return judged(await ctx.client.probeAuthorize(attempt), 'The server went on to its sign-in page for a redirect URI that is not registered.')
    },
  },
  {
    id: 'session-expired',
    title: 'Login slower than the session',
    fault: 'Lets the lab’s clock jump past the authorization session between the sign-in and the redirect.',
    group: 'standard',
    step: 'callback',
    targets: EMBEDDED,
    needsLogin: true,
    fakeClock: true,
    expected: { code: 'session.expired', cause: 'session.slow_login', evidence: ['session started', 'session length', 'session age'] },
    async run(ctx) {
      const attempt = await ctx.client.begin()
      const redirect = await ctx.client.signIn(attempt)
      if (!ctx.manualClock) throw new Error('This scenario needs the lab’s own clock.')
      ctx.manualClock.advance((attempt.session.seconds + 1) * 1000)
      ctx.client.receive(attempt, redirect)
      return { kind: 'accepted', message: 'The client took a redirect that arrived after its session ended.' }
    },
  },
  {
    id: 'refresh-token-replayed',
    title: 'Old refresh token after rotation',
    fault: 'Refreshes once, then sends the refresh token that the refresh replaced.',
    group: 'standard',
    step: 'replay',
    targets: ALL,
    needsLogin: true,
    expected: { code: 'refresh.rotated_token_replayed', cause: 'rotation.replayed', evidence: ['refresh token sent', 'superseded', 'server answered'] },
    serverShould: { refuse: 'refuse the superseded refresh token (invalid_grant)', ifAccepted: 'your server accepts a refresh token it already replaced' },
    async run(ctx) {
      const { attempt, tokens } = await tokensFor(ctx)
      const first = tokens.refreshToken
      if (!first) return { kind: 'not-applicable', reason: 'The server issued no refresh token.' }
      const refreshed = got(await ctx.client.refresh(attempt, first, { label: 'refresh token #1', status: 'current' }))
      if (!refreshed.refreshToken || refreshed.refreshToken === first) return { kind: 'not-applicable', reason: 'The server does not rotate refresh tokens, so there is no superseded one to replay.' }
      const replay = await ctx.client.refresh(attempt, first, { label: 'refresh token #1', status: 'superseded', statusAt: ctx.clock.now(), supersededBy: 'refresh token #2' }, 'replay')
      return judged(replay, 'The server exchanged a refresh token it had already replaced.')
    },
  },
  {
    id: 'access-denied',
    title: 'User denies access',
    fault: 'Clicks “Deny” on the consent page.',
    group: 'standard',
    step: 'callback',
    targets: EMBEDDED,
    needsLogin: true,
    expected: { code: 'authorize.access_denied', cause: 'authorize.user_denied', evidence: ['error'] },
    async run(ctx) {
      const attempt = await ctx.client.begin()
      ctx.client.receive(attempt, await ctx.client.signIn(attempt, { deny: true }))
      return { kind: 'accepted', message: 'The server issued a code although the user denied access.' }
    },
  },
  {
    id: 'client-auth-missing',
    title: 'Confidential client without its secret',
    fault: 'Exchanges a confidential client’s code without any client authentication.',
    group: 'standard',
    step: 'token',
    targets: ALL,
    needsLogin: true,
    expected: { code: 'token.invalid_client', cause: 'client.auth_method', evidence: ['client authentication sent', 'methods the server announces'] },
    serverShould: { refuse: 'refuse the exchange (invalid_client)', ifAccepted: 'your server hands tokens to a confidential client that did not authenticate' },
    async run(ctx) {
      if (!ctx.target.confidential) return { kind: 'not-applicable', reason: 'This profile’s client is public: there is no client authentication to leave out.' }
      const attempt = await ctx.client.begin({ confidential: true })
      const code = await ctx.client.codeFor(attempt)
      return judged(await ctx.client.exchange(attempt, code, { credentials: { method: 'none', clientId: attempt.client.clientId } }), 'The server exchanged the code without client authentication.')
    },
  },
  {
    id: 'client-secret-wrong',
    title: 'Wrong client secret',
    fault: 'Exchanges a confidential client’s code with a secret that is not the client’s.',
    group: 'standard',
    step: 'token',
    targets: ALL,
    needsLogin: true,
    expected: { code: 'token.invalid_client', cause: 'client.wrong_secret', evidence: ['client authentication sent'] },
    serverShould: { refuse: 'refuse the exchange (invalid_client)', ifAccepted: 'your server accepts a wrong client secret' },
    async run(ctx) {
      if (!ctx.target.confidential) return { kind: 'not-applicable', reason: 'This profile’s client is public: it has no secret to get wrong.' }
      const attempt = await ctx.client.begin({ confidential: true })
      const code = await ctx.client.codeFor(attempt)
      const credentials = { ...attempt.client.credentials, secret: 'not-the-client-secret' }
      return judged(await ctx.client.exchange(attempt, code, { credentials }), 'The server accepted a wrong client secret.')
    },
  },
  {
    id: 'id-token-as-access-token',
    title: 'ID token used as access token',
    fault: 'Calls the profile’s test API with the ID token as the Bearer credential.',
    group: 'standard',
    step: 'api',
    targets: ALL,
    needsLogin: true,
    expected: { code: 'api.token_confusion', cause: 'api.wrong_token_type', evidence: ['token sent', 'where it belongs'] },
    serverShould: { refuse: 'refuse the ID token (401)', ifAccepted: 'your API accepts an ID token as an access token' },
    async run(ctx) {
      const { tokens, known } = await tokensFor(ctx)
      if (!tokens.idToken) return { kind: 'not-applicable', reason: 'The server issued no ID token (the profile asks for no `openid` scope).' }
      const call = await ctx.client.callApi(tokens.idToken, { sentKind: 'id_token', sentLabel: 'the ID token #1', knownTokens: known })
      return judged(call, 'The API accepted the ID token as an access token.')
    },
  },
  {
    id: 'bearer-malformed',
    title: 'Malformed Bearer header',
    fault: 'Calls the test API with two spaces after “Bearer”.',
    group: 'standard',
    step: 'api',
    targets: ALL,
    needsLogin: true,
    expected: { code: 'api.invalid_request', cause: 'api.bearer_format', evidence: ['Authorization sent', 'problem'] },
    serverShould: { refuse: 'refuse the malformed header (400 or 401)', ifAccepted: 'your API accepts a malformed Authorization header' },
    async run(ctx) {
      const { tokens, known } = await tokensFor(ctx)
      const call = await ctx.client.callApi(tokens.accessToken, { authorization: `Bearer  ${tokens.accessToken}`, sentKind: 'access_token', sentLabel: 'the access token #1', knownTokens: known })
      return judged(call, 'The API accepted an Authorization header with two spaces after “Bearer”.')
    },
  },
  {
    id: 'token-url-is-authorize',
    title: 'Token URL set to the authorization endpoint',
    fault: 'Sends the code exchange to the authorization endpoint, a common copy-paste slip in a profile.',
    group: 'standard',
    step: 'token',
    targets: EMBEDDED,
    needsLogin: true,
    expected: { code: 'http.not_found', cause: 'endpoint.authorize_as_token', evidence: ['URL called', 'authorization endpoint', 'token endpoint (discovery)'] },
    async run(ctx) {
      const attempt = await ctx.client.begin()
      const code = await ctx.client.codeFor(attempt)
      return judged(await ctx.client.exchange(attempt, code, { endpoint: ctx.client.authorizeEndpoint as string }), 'The authorization endpoint issued tokens.')
    },
  },
  {
    id: 'token-endpoint-unreachable',
    title: 'Token endpoint unreachable',
    fault: 'Sends the token request to a port on 127.0.0.1 where nothing listens.',
    group: 'standard',
    step: 'token',
    targets: EMBEDDED,
    needsLogin: false,
    expected: { code: 'network.refused', cause: 'network.down', evidence: ['host', 'port'] },
    async run(ctx) {
      const attempt = await ctx.client.begin()
      const port = await closedPort()
      return judged(await ctx.client.exchange(attempt, 'no-code-needed', { endpoint: `http://127.0.0.1:${port}/token` }), 'Something answered on a closed port.')
    },
  },
  {
    id: 'https-to-plain-http',
    title: 'https to a plain-http server',
    fault: 'Calls the token endpoint with https:// while the server speaks plain http.',
    group: 'standard',
    step: 'token',
    targets: EMBEDDED,
    needsLogin: false,
    expected: { code: 'network.tls', cause: 'network.tls_to_plain_http', evidence: ['scheme', 'error'] },
    async run(ctx) {
      const attempt = await ctx.client.begin()
      const endpoint = (ctx.client.tokenEndpoint as string).replace(/^http:/, 'https:')
      return judged(await ctx.client.exchange(attempt, 'no-code-needed', { endpoint }), 'The TLS handshake succeeded against a plain-http server.')
    },
  },
]

/** A port on 127.0.0.1 where nothing listens: the OS's free port, closed again at once. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
