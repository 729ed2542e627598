import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK } from 'jose'
import type Provider from 'oidc-provider'
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider'
import { randomToken } from '../../oauth/random'
import { DEMO_USERS, findDemoUser } from './demo-users'
import { consentPage, errorPage, loginPage } from './interaction-pages'
import { memoryAdapterFactory } from './memory-adapter'

/**
 * The embedded local authorization server: a real oidc-provider on 127.0.0.1, so a first run
 * needs no account and the standard path is always tested against a real server.
 */

export const SANDBOX_PUBLIC_CLIENT = 'oft-sandbox-public'
export const SANDBOX_CONFIDENTIAL_CLIENT = 'oft-sandbox-confidential'
/** Shown in the sandbox docs on purpose; only this local server accepts it. */
export const SANDBOX_CONFIDENTIAL_SECRET = 'sandbox-confidential-secret'
export const SANDBOX_DEEP_LINK = 'dev.oauthflowtester:/callback'
/** Registered for the paste way back: nothing listens there, the user copies the address bar. */
export const SANDBOX_PASTE_REDIRECT = 'http://127.0.0.1/callback'

export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number
  ttl?: { accessToken?: number; code?: number; idToken?: number; refreshToken?: number }
  /**
   * The private RS256 signing key (a JWK with `kid`); a fresh one per start when absent. Tests
   * pass their own to sign a token the sandbox's published keys verify (e.g. a wrong `aud`).
   */
  signingKey?: JWK
}

/** The sandbox's protected test API: answers who the access token belongs to. */
export const SANDBOX_API_PATH = '/api/me'
/** The resource indicator that gets a JWT access token (scope `api:read`) from the sandbox. */
export const SANDBOX_RESOURCE = 'urn:oauth-flow-tester:sandbox-api'

/** What the server itself saw go wrong: the detail it does not send to the client. */
export interface ServerLogEntry {
  at: number
  event: string
  error: string
  detail?: string
}

export interface OidcSandbox {
  issuer: string
  port: number
  log: ServerLogEntry[]
  close(): Promise<void>
}

export async function startOidcSandbox(opts: SandboxOptions = {}): Promise<OidcSandbox> {
  const { default: ProviderClass, errors } = await loadProvider()
  const server = http.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const issuer = `http://127.0.0.1:${port}`
  const signingKey = opts.signingKey ?? (await newSigningKey())
  const provider = new ProviderClass(issuer, await configuration(opts, signingKey, errors))
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = signingKey
  const verifyKey = await importJWK({ ...publicJwk, alg: 'RS256' }, 'RS256')
  const log: ServerLogEntry[] = []
  const remember = (event: string) => (_ctx: KoaContextWithOIDC, err: Error & { error_detail?: string; error?: string }) => {
    const entry: ServerLogEntry = { at: Date.now(), event, error: err.error ?? err.message }
    if (err.error_detail) entry.detail = err.error_detail
    log.push(entry)
    if (log.length > 200) log.shift()
  }
  provider.on('grant.error', remember('grant.error'))
  provider.on('authorization.error', remember('authorization.error'))
  provider.on('server_error', remember('server_error'))
  provider.on('revocation.error', remember('revocation.error'))
  provider.on('introspection.error', remember('introspection.error'))

  const callback = provider.callback()
  server.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path === SANDBOX_API_PATH) {
      handleTestApi(provider, { issuer, key: verifyKey }, req, res).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: err instanceof Error ? err.message : String(err) })
      })
      return
    }
    if (path.startsWith('/interaction/')) {
      handleInteraction(provider, req, res).catch((err: unknown) => {
        if (!res.headersSent) sendHtml(res, 400, errorPage('Sign-in failed', err instanceof Error ? err.message : String(err)))
      })
      return
    }
    void callback(req, res)
  })
  // Above undici's keep-alive threshold (1 s): with `timeout=1` every fetch would reconnect.
  server.keepAliveTimeout = 5000
  return {
    issuer,
    port,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * oidc-provider warns at import time that Node 20 is not its supported runtime. The web host
 * runs it there knowingly (Electron ships Node 22); that one line is held back, nothing else.
 */
async function loadProvider(): Promise<typeof import('oidc-provider')> {
  const warn = console.warn
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('Unsupported runtime')) return
    warn(...args)
  }
  try {
    return await import('oidc-provider')
  } finally {
    console.warn = warn
  }
}

async function configuration(opts: SandboxOptions, jwk: JWK, errors: typeof import('oidc-provider').errors): Promise<Configuration> {
  const redirects = [SANDBOX_PASTE_REDIRECT, SANDBOX_DEEP_LINK]
  return {
    adapter: memoryAdapterFactory(),
    clients: [
      {
        client_id: SANDBOX_PUBLIC_CLIENT,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: redirects,
      },
      {
        client_id: SANDBOX_CONFIDENTIAL_CLIENT,
        client_secret: SANDBOX_CONFIDENTIAL_SECRET,
        application_type: 'native',
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: redirects,
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomToken()] },
    findAccount: (_ctx, id) => {
      const user = DEMO_USERS.find((u) => u.id === id)
      if (!user) return undefined
      return {
        accountId: user.id,
        claims: () => ({ sub: user.id, name: user.name, email: user.email, email_verified: true, preferred_username: user.login }),
      }
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    conformIdTokenClaims: false,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      // A client may revoke and introspect its own tokens, nobody else's (said explicitly,
      // which also keeps oidc-provider from printing a notice per call).
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      introspection: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: true },
      // Ask for `resource=<SANDBOX_RESOURCE>` (RFC 8707) to get a JWT access token (RFC 9068)
      // for the sandbox API; without it, access tokens stay opaque and good for userinfo.
      resourceIndicators: {
        enabled: true,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, indicator) => {
          if (indicator !== SANDBOX_RESOURCE) throw new errors.InvalidTarget(`the sandbox knows only the resource ${SANDBOX_RESOURCE}`)
          return { scope: 'api:read', audience: SANDBOX_RESOURCE, accessTokenFormat: 'jwt', accessTokenTTL: opts.ttl?.accessToken ?? 3600, jwt: { sign: { alg: 'RS256' } } }
        },
      },
    },
    pkce: { required: () => true },
    // A tester wants a refresh token whenever the client may have one, not only with offline_access.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: async () => false,
    rotateRefreshToken: true,
    ttl: {
      AccessToken: opts.ttl?.accessToken ?? 3600,
      AuthorizationCode: opts.ttl?.code ?? 600,
      IdToken: opts.ttl?.idToken ?? 3600,
      RefreshToken: opts.ttl?.refreshToken ?? 7 * 86_400,
      Interaction: 3600,
      Session: 86_400,
      Grant: 14 * 86_400,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html'
      ctx.body = errorPage(String(out.error), String(out.error_description ?? ''))
    },
  }
}

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  return { ...(await exportJWK(privateKey)), kid: `sandbox-${randomToken(6)}`, alg: 'RS256', use: 'sig' }
}

/**
 * A protected resource for "Call API": it accepts only a live access token of this server,
 * looked up the way the server itself does, so revocation and expiry show at once.
 * Failures follow RFC 6750 §3 (401 with a `WWW-Authenticate` challenge).
 */
async function handleTestApi(
  provider: Provider,
  jwt: { issuer: string; key: Awaited<ReturnType<typeof importJWK>> },
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const deny = (error: string, description: string): void => {
    res.setHeader('www-authenticate', `Bearer realm="sandbox-api", error="${error}", error_description="${description}"`)
    sendJson(res, 401, { error, error_description: description })
  }
  if (req.method !== 'GET') return sendJson(res, 405, { error: 'method_not_allowed', error_description: 'Use GET.' })
  const header = req.headers.authorization
  if (header === undefined) return deny('invalid_request', 'No Authorization header; send Bearer <access token>')
  const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(header)
  if (!match?.[1]) return deny('invalid_request', 'The Authorization header is not exactly Bearer <access token>')
  if (match[1].split('.').length === 3) {
    // A JWT access token (RFC 9068) is checked by its signature alone: it is stateless, so it
    // stays valid until it expires, even after its grant is revoked. That is the lesson.
    try {
      const { payload } = await jwtVerify(match[1], jwt.key, { issuer: jwt.issuer, audience: SANDBOX_RESOURCE, typ: 'at+jwt' })
      return sendJson(res, 200, {
        sub: payload.sub,
        client_id: payload.client_id,
        scope: payload.scope,
        message: 'The sandbox test API accepted this JWT access token by its signature; it stays valid until it expires, even after revocation.',
      })
    } catch (error) {
      return deny('invalid_token', `Not a valid access token for this API: ${(error as Error).message}`)
    }
  }
  const token = await provider.AccessToken.find(match[1])
  if (!token?.isValid) return deny('invalid_token', 'The access token is unknown, expired or revoked')
  const grant = token.grantId ? await provider.Grant.find(token.grantId) : undefined
  if (!grant) return deny('invalid_token', 'The grant of this access token was revoked')
  const user = DEMO_USERS.find((u) => u.id === token.accountId)
  sendJson(res, 200, {
    sub: token.accountId,
    client_id: token.clientId,
    scope: token.scope,
    ...(user && { name: user.name, email: user.email }),
    message: 'The sandbox test API accepted this access token.',
  })
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

async function handleInteraction(provider: Provider, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res)
  const { uid, prompt, params } = details
  const clientId = String(params.client_id ?? '')
  const action = (req.url ?? '').split('?')[0]?.split('/')[3] ?? ''

  if (req.method === 'GET') {
    if (prompt.name === 'login') return sendHtml(res, 200, loginPage(uid, clientId))
    const user = DEMO_USERS.find((u) => u.id === details.session?.accountId)
    const scopes = String(params.scope ?? '').split(' ').filter(Boolean)
    return sendHtml(res, 200, consentPage(uid, clientId, scopes, user?.name ?? 'unknown user'))
  }
  if (req.method !== 'POST') return sendHtml(res, 405, errorPage('Not allowed', 'Use the form.'))
  const form = new URLSearchParams(await readBody(req))

  if (action === 'abort') {
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The user denied the request on the sandbox page.' },
      { mergeWithLastSubmission: false },
    )
  }
  if (action === 'login') {
    const user = findDemoUser(form.get('login') ?? '', form.get('password') ?? '')
    if (!user) return sendHtml(res, 200, loginPage(uid, clientId, 'Wrong username or password. The demo users are listed above.'))
    return provider.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false })
  }
  if (action === 'confirm') {
    const accountId = details.session?.accountId
    if (!accountId) return sendHtml(res, 400, errorPage('Not signed in', 'Start the flow again.'))
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId, clientId })
    if (!grant) return sendHtml(res, 400, errorPage('Grant not found', 'Start the flow again.'))
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> }
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '))
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims)
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '))
    }
    const grantId = await grant.save()
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true })
  }
  return sendHtml(res, 404, errorPage('Unknown step', action))
}

function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // No form-action: Chromium applies it to the redirects after the form, which end at the client.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  })
  res.end(html)
}

function readBody(req: http.IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new Error('Form too large.'))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
