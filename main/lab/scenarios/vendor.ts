import { createPkcePair } from '../../oauth/pkce'
import type { Settled, Tokens } from '../lab-client'
import type { ScenarioOutcome, VendorScenario, VendorScenarioContext } from '../scenario'
import { got, type VendorSession } from '../vendor-lab-client'

/**
 * The vendor's four-step flow (initiate → login/OTP → authorize → token), broken one way at a
 * time on the embedded vendor simulator, in API mode (the lab makes every call itself). Each
 * scenario gets past the steps before its fault normally, then does exactly one thing wrong,
 * and the lab checks that the vendor flow's explainers name it from the vendor's own answer and
 * what was sent (the simulator's `simulator.reason` hint is never the evidence).
 */

/** The step with the fault: a refusal is the diagnosis, a success is the finding. */
const judged = <T>(settled: Settled<T>, accepted: string): ScenarioOutcome =>
  settled.ok ? { kind: 'accepted', message: accepted, exchangeId: settled.exchange.id } : { kind: 'diagnosis', diagnosis: settled.diagnosis }

/** Steps 1 to 4 done right for a password-only user: the tokens the API and refresh scenarios start from. */
async function tokensFor(ctx: VendorScenarioContext): Promise<{ session: VendorSession; loginToken: string; tokens: Tokens }> {
  const session = got(await ctx.vendor.initiate())
  const loginToken = await ctx.vendor.signIn(session)
  const code = got(await ctx.vendor.authorize(session, loginToken))
  return { session, loginToken, tokens: got(await ctx.vendor.exchange(session, code)) }
}

/** A key with its last character changed, as a copy-paste slip would leave it. */
const typo = (key: string): string => `${key.slice(0, -1)}${key.endsWith('z') ? 'y' : 'z'}`

const SIMULATOR = ['vendor-simulator'] as const
const KEY_EVIDENCE = ['x-client-key sent', 'sent to', 'vendor answered']

export const VENDOR_SCENARIOS: readonly VendorScenario[] = [
  {
    id: 'vendor-wrong-client-key',
    title: 'Wrong client key',
    fault: 'Sends step 1 with an `x-client-key` (and `client_id`) one character off the issued key.',
    group: 'vendor',
    step: 'initiate',
    targets: SIMULATOR,
    needsLogin: false,
    expected: { code: 'http.invalid_client_key', cause: 'client.key_typo', evidence: KEY_EVIDENCE },
    async run(ctx) {
      return judged(await ctx.vendor.initiate({ clientKey: typo(ctx.vendor.target.call.clientId) }), 'The gateway accepted a client key it never issued.')
    },
  },
  {
    id: 'vendor-missing-client-key',
    title: 'Missing client key',
    fault: 'Leaves `x-client-key` out of the code exchange (step 4); `x-secret-key` is still sent.',
    group: 'vendor',
    step: 'token',
    targets: SIMULATOR,
    needsLogin: true,
    expected: { code: 'http.missing_client_key', cause: 'client.key_header_missing', evidence: ['headers sent', 'vendor answered'] },
    async run(ctx) {
      const session = got(await ctx.vendor.initiate())
      const code = await ctx.vendor.codeFor(session)
      return judged(await ctx.vendor.exchange(session, code, { clientKey: null }), 'The token endpoint answered a request without `x-client-key`.')
    },
  },
  {
    id: 'vendor-sandbox-key-in-production',
    title: 'Sandbox key against production',
    fault: 'Sends step 1 to the production-like environment with the sandbox client key.',
    group: 'vendor',
    step: 'initiate',
    targets: SIMULATOR,
    needsLogin: false,
    expected: { code: 'vendor.invalid_client', cause: 'client.wrong_environment', evidence: KEY_EVIDENCE },
    async run(ctx) {
      const sandboxKey = ctx.vendor.target.sim.environments.sandbox.keys[ctx.vendor.target.profile.region ?? 'international'].find((k) => k.oauthEnabled)?.clientKey ?? ''
      return judged(await ctx.vendor.initiate({ environment: 'production', clientKey: sandboxKey }), 'Production accepted a sandbox key.')
    },
  },
  {
    id: 'vendor-wrong-region-key',
    title: 'US key without the US switch',
    fault: 'Sends step 1 with the US region’s client key but without `x-us-env: true`.',
    group: 'vendor',
    step: 'initiate',
    targets: SIMULATOR,
    needsLogin: false,
    expected: { code: 'vendor.invalid_client', cause: 'client.wrong_region', evidence: KEY_EVIDENCE },
    async run(ctx) {
      if (ctx.vendor.target.profile.region === 'us') return { kind: 'not-applicable', reason: 'The profile is already in the US region.' }
      const usKey = ctx.vendor.target.sim.environments.sandbox.keys.us.find((k) => k.oauthEnabled)?.clientKey ?? ''
      return judged(await ctx.vendor.initiate({ clientKey: usKey }), 'The international region accepted a US key.')
    },
  },
  {
    id: 'vendor-pkce-missing',
    title: 'PKCE missing at step 1',
    fault: 'Leaves `code_challenge` and `code_challenge_method` out of step 1.',
    group: 'vendor',
    step: 'initiate',
    targets: SIMULATOR,
    needsLogin: false,
    expected: { code: 'authorize.invalid_request', cause: 'authorize.missing_param', evidence: ['parameter missing', 'vendor answered'] },
    async run(ctx) {
      return judged(await ctx.vendor.initiate({ pkce: 'none' }), 'The vendor started a session without PKCE.')
    },
  },
  {
    id: 'vendor-redirect-uri-trailing-slash',
    title: 'Redirect URI with a trailing slash at step 1',
    fault: 'Sends step 1 with the whitelisted redirect URI plus a `/`.',
    group: 'vendor',
    step: 'initiate',
    targets: SIMULATOR,
    needsLogin: false,
    expected: { code: 'vendor.redirect_uri_mismatch', cause: 'redirect_uri.trailing_slash', evidence: ['redirect_uri sent', 'vendor answered'] },
    async run(ctx) {
      return judged(await ctx.vendor.initiate({ redirectUri: `${ctx.vendor.redirectUri}/` }), 'The vendor accepted a redirect URI that is not whitelisted exactly.')
    },
  },
  {
    id: 'vendor-redirect-uri-changed-at-token',
    title: 'Redirect URI with a trailing slash at step 4',
    fault: 'Sends the code exchange with step 1’s redirect URI plus a `/`.',
    group: 'vendor',
    step: 'token',
    targets: SIMULATOR,
    needsLogin: true,
    expected: { code: 'redirect_uri.mismatch', cause: 'redirect_uri.trailing_slash', evidence: ['redirect_uri at authorize', 'redirect_uri at token', 'difference'] },
    async run(ctx) {
      const session = got(await ctx.vendor.initiate())
      const code = await ctx.vendor.codeFor(session)
      return judged(await ctx.vendor.exchange(session, code, { redirectUri: `${session.redirectUri}/` }), 'The token endpoint accepted a redirect URI that differs from step 1’s.')
    },
  },
  {
    id: 'vendor-code-reused',
    title: 'Reuse a code at the vendor’s token endpoint',
    fault: 'After a successful exchange, sends the same code to step 4 again.',
    group: 'vendor',
    step: 'token',
    targets: SIMULATOR,
    needsLogin: true,
    expected: { code: 'code.reused', cause: 'code.reused', evidence: ['first exchanged at', 'first exchange', 'sent again at', 'code age'] },
    async run(ctx) {
      const session = got(await ctx.vendor.initiate())
      const code = await ctx.vendor.codeFor(session)
      got(await ctx.vendor.exchange(session, code))
      return judged(await ctx.vendor.exchange(session, code), 'The vendor exchanged the same code a second time.')
    },
  },
  {
    id: 'vendor-verifier-regenerated',
    title: 'Verifier regenerated before step 4',
    fault: 'Sends a newly generated PKCE verifier to step 4 instead of the one behind step 1’s challenge.',
    group: 'vendor',
    step: 'token',
    targets: SIMULATOR,
    needsLogin: true,
    expected: {
      code: 'pkce.validation_failed',
      cause: 'pkce.mismatch.verifier_regenerated',
      evidence: ['code_challenge sent at authorize', 'S256 of the verifier stored at authorize', 'S256 of the code_verifier sent'],
    },
    async run(ctx) {
      const session = got(await ctx.vendor.initiate())
      const code = await ctx.vendor.codeFor(session)
      return judged(await ctx.vendor.exchange(session, code, { verifier: createPkcePair().verifier }), 'The vendor accepted a verifier from another attempt.')
    },
  },
  {
    id: 'vendor-otp-skipped',
    title: 'OTP required, step 3 sent anyway',
    fault: 'Logs in an OTP user with the password only and sends step 3 with the answer’s `accessToken: null` as Bearer, as a client that reads only the status code would.',
    group: 'vendor',
    step: 'authorize',
    targets: SIMULATOR,
    needsLogin: true,
    expected: { code: 'vendor.otp_required', cause: 'otp.login_not_finished', evidence: ['login answer', 'Authorization sent', 'vendor answered'] },
    async run(ctx) {
      const session = got(await ctx.vendor.initiate())
      const answer = got(await ctx.vendor.login(session, ctx.vendor.user(session, 'otp')))
      if (answer.loginToken !== undefined) return { kind: 'not-applicable', reason: 'The OTP user got a login token without a code.' }
      // What `Bearer ${accessToken}` sends when the login answered `accessToken: null`.
      return judged(await ctx.vendor.authorize(session, String(null)), 'Step 3 issued a code without a login token.')
    },
  },
  {
    id: 'vendor-otp-not-sent',
    title: 'OTP entered without sending one',
    fault: 'Logs in an OTP user again with a 6-digit code, without asking the vendor to send one first.',
    group: 'vendor',
    step: 'otp',
    targets: SIMULATOR,
    needsLogin: true,
    expected: { code: 'vendor.otp_invalid', cause: 'otp.not_sent', evidence: ['codes sent by this run', 'vendor answered'] },
    async run(ctx) {
      const session = got(await ctx.vendor.initiate())
      const who = ctx.vendor.user(session, 'otp')
      const answer = got(await ctx.vendor.login(session, who))
      if (!answer.isOtpRequired) return { kind: 'not-applicable', reason: 'The OTP user was not asked for a code.' }
      return judged(await ctx.vendor.login(session, who, '123456'), 'The vendor accepted a code it never sent.')
    },
  },
  {
    id: 'vendor-session-expired',
    title: 'Vendor session older than 10 minutes',
    fault: 'Lets the lab’s clock (and the lab simulator’s) pass the session’s 10 minutes between the login and step 3.',
    group: 'vendor',
    step: 'authorize',
    targets: SIMULATOR,
    needsLogin: true,
    fakeClock: true,
    expected: { code: 'session.expired', cause: 'session.slow_login', evidence: ['session started (step 1)', 'this request', 'vendor answered'] },
    async run(ctx) {
      if (!ctx.manualClock) throw new Error('This scenario needs the lab’s own clock.')
      const session = got(await ctx.vendor.initiate())
      const loginToken = await ctx.vendor.signIn(session)
      ctx.manualClock.advance((ctx.vendor.target.profile.lifetimes.sessionSeconds + 1) * 1000)
      return judged(await ctx.vendor.authorize(session, loginToken), 'Step 3 issued a code on a session older than its lifetime.')
    },
  },
  {
    id: 'vendor-session-jwt-as-access-token',
    title: 'Session JWT used as access token',
    fault: 'After the whole flow, calls the user profile endpoint with the step 1 session JWT as Bearer.',
    group: 'vendor',
    step: 'api',
    targets: SIMULATOR,
    needsLogin: true,
    expected: { code: 'vendor.token_confusion', cause: 'confusion.session_jwt_as_bearer', evidence: ['Authorization sent', 'belongs here', 'vendor answered'] },
    async run(ctx) {
      const { session } = await tokensFor(ctx)
      return judged(await ctx.vendor.callApi(session, session.sessionToken), 'The API accepted the session JWT.')
    },
  },
  {
    id: 'vendor-login-token-as-access-token',
    title: 'Login token used as access token',
    fault: 'After the whole flow, calls the user profile endpoint with the step 2 login token as Bearer.',
    group: 'vendor',
    step: 'api',
    targets: SIMULATOR,
    needsLogin: true,
    expected: { code: 'vendor.token_confusion', cause: 'confusion.login_token_as_bearer', evidence: ['Authorization sent', 'belongs here', 'vendor answered'] },
    async run(ctx) {
      const { session, loginToken } = await tokensFor(ctx)
      return judged(await ctx.vendor.callApi(session, loginToken), 'The API accepted the login token.')
    },
  },
  {
    id: 'vendor-refresh-token-replayed',
    title: 'Old refresh token after rotation',
    fault: 'Refreshes once (the vendor rotates the refresh token), then sends the refresh token that was replaced.',
    group: 'vendor',
    step: 'replay',
    targets: SIMULATOR,
    needsLogin: true,
    expected: { code: 'refresh.rotated_token_replayed', cause: 'rotation.replayed', evidence: ['refresh token sent', 'superseded', 'server answered'] },
    async run(ctx) {
      const { session, tokens } = await tokensFor(ctx)
      const first = tokens.refreshToken
      if (!first) return { kind: 'not-applicable', reason: 'The vendor issued no refresh token.' }
      const refreshed = got(await ctx.vendor.refresh(session, first, { label: 'refresh token #1', status: 'current' }))
      if (!refreshed.refreshToken || refreshed.refreshToken === first) return { kind: 'not-applicable', reason: 'The simulator does not rotate refresh tokens (its rotateRefreshTokens option is off).' }
      const replay = await ctx.vendor.refresh(session, first, { label: 'refresh token #1', status: 'superseded', statusAt: ctx.clock.now(), supersededBy: 'refresh token #2' }, 'replay')
      return judged(replay, 'The vendor exchanged a refresh token it had already replaced.')
    },
  },
]
