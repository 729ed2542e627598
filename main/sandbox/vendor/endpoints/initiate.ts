import type { ClientContext } from '../context'
import { checkRedirect } from '../redirect-rules'
import { invalidClient, invalidRequest, json, missingParameter, oauthError, type Reply } from '../replies'

/** The guide's list of invalid_request causes, in the order of its "correct request" example. */
export const INITIATE_REQUIRED = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method'] as const

/** BASE64URL(SHA256(verifier)) without padding is always 43 characters. */
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/

/**
 * Step 1: `GET /v1/auth/oauth/authorize/initiate` (baanx-oauth.md §3.1). Unknown parameters
 * (MetaMask sends `client_secret`) are ignored.
 *
 * Without `mode=api` the answer is a 302 to the hosted UI, as Ledger observed. The reference
 * says "a 302 redirect or JSON containing the URL" without saying what picks one, so a client
 * that asks for JSON (`Accept: application/json`) gets `{token, url}` in hosted mode too: a
 * desktop client that fetches the URL itself then opens it in the system browser needs that.
 */
export async function initiate(ctx: ClientContext): Promise<Reply> {
  const q = ctx.req.query
  for (const name of INITIATE_REQUIRED) if (!q.get(name)) return missingParameter(name)
  const responseType = q.get('response_type')!
  if (responseType !== 'code') return invalidRequest(`Unsupported response_type "${responseType}"; use "code".`, 'unsupported-response-type')
  if (q.get('client_id') !== ctx.client.clientKey) {
    return invalidClient('Authentication failed. client_id must be the same value as the x-client-key header.', 'client-id-mismatch')
  }
  if (!ctx.client.oauthEnabled) {
    return oauthError(400, 'unauthorized_client', 'OAuth is not enabled for this client. Contact your administrator (TAM).', 'oauth-not-enabled')
  }
  const method = q.get('code_challenge_method')!
  if (method !== 'S256') return invalidRequest(`Unsupported code_challenge_method "${method}"; only S256 is accepted.`, 'unsupported-challenge-method')
  const challenge = q.get('code_challenge')!
  if (!CHALLENGE.test(challenge)) {
    return invalidRequest(
      'Invalid code_challenge: it must be BASE64URL(SHA256(code_verifier)) without padding, 43 characters from A-Z a-z 0-9 - _ (standard base64 uses + / =).',
      'challenge-encoding',
    )
  }
  const redirectUri = q.get('redirect_uri')!
  const redirect = checkRedirect(redirectUri, ctx.env.config.redirect)
  if (!redirect.ok) return invalidRequest(redirect.description, `redirect-${redirect.reason}`)

  const mode = q.get('mode') === 'api' ? 'api' : 'hosted'
  const { token } = await ctx.env.core.sessions.issue(
    ctx.store,
    { ...ctx.where, issuer: ctx.env.baseUrl },
    { clientKey: ctx.client.clientKey, redirectUri, state: q.get('state')!, codeChallenge: challenge, mode },
  )
  const url = `${ctx.env.baseUrl}/hosted?${new URLSearchParams({ session: token }).toString()}`
  ctx.note('session.started', { detail: `mode=${mode}, redirect_uri=${redirectUri}` })
  const wantsJson = (ctx.req.header('accept') ?? '').includes('application/json')
  if (mode === 'api' || wantsJson) return json(200, { token, url })
  return { status: 302, location: url }
}
