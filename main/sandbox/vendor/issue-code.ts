import { randomToken } from '../../oauth/random'
import type { ClientContext } from './context'
import { regionLabel } from './environments'
import type { CodeRecord } from './region-store'
import { invalidRequest, type Reply } from './replies'

export interface IssuedCode {
  code: string
  state: string
  /** `redirect_uri` with `state` and `code` added, in the docs' example order. */
  url: string
}

/**
 * Step 3's core, shared by `POST /v1/auth/oauth/authorize` and the hosted UI's "Allow": checks
 * the step-1 session, then issues a single-use code bound to the session's client, redirect
 * URI and PKCE challenge.
 *
 * Where the docs are silent, the guide decides: a session that already produced a code cannot
 * produce another ("restart from Step 1 whenever something fails"); an expired session is
 * "Session expired (10 minutes)", sent here as invalid_request (the guide's body for it was not
 * in the public copy).
 */
export async function issueCode(ctx: ClientContext, sessionToken: string, userId: string): Promise<{ ok: true; value: IssuedCode } | { ok: false; reply: Reply }> {
  const fail = (reply: Reply) => ({ ok: false as const, reply })
  if (ctx.store.loginTokens.has(sessionToken)) {
    return fail(
      invalidRequest(
        'The "token" in the body must be the session JWT from step 1 (initiate). This is the login accessToken; it belongs in the Authorization header.',
        'login-token-in-body',
      ),
    )
  }
  const check = await ctx.env.core.sessions.check(sessionToken, ctx.store, ctx.where)
  if (!check.ok) {
    switch (check.reason) {
      case 'expired':
        return fail(invalidRequest('Session expired. The authorization session lasts 10 minutes; restart at step 1 (initiate).', 'session-expired'))
      case 'wrong-environment':
        return fail(invalidRequest(`Invalid session token: it was started in the ${check.belongsTo} environment.`, 'session-wrong-environment'))
      case 'wrong-region':
        return fail(invalidRequest(`Invalid session token: it was started in the ${regionLabel(check.belongsTo === 'us' ? 'us' : 'international')}.`, 'session-wrong-region'))
      case 'not-a-jwt':
        return fail(invalidRequest('The "token" in the body is not the session JWT from step 1 (initiate).', 'token-not-session-jwt'))
      default:
        return fail(invalidRequest('Invalid session token. Restart at step 1 (initiate).', 'session-invalid'))
    }
  }
  const session = check.record
  if (session.clientKey !== ctx.client.clientKey) {
    return fail(invalidRequest('This session was started by another client (x-client-key).', 'session-wrong-client'))
  }
  if (session.usedAt !== undefined) {
    return fail(invalidRequest('This session already issued an authorization code. Restart at step 1 (initiate).', 'session-used'))
  }
  const record: CodeRecord = {
    code: randomToken(24),
    clientKey: session.clientKey,
    userId,
    redirectUri: session.redirectUri,
    codeChallenge: session.codeChallenge,
    expiresAt: ctx.now + ctx.env.core.options.lifetimes.codeSeconds * 1000,
  }
  ctx.store.codes.set(record.code, record)
  session.usedAt = ctx.now
  ctx.store.link(session.clientKey, userId, true)
  const url = withQuery(session.redirectUri, { state: session.state, code: record.code })
  return { ok: true, value: { code: record.code, state: session.state, url } }
}

/** Adds parameters to a redirect URI (also a custom-scheme one, which URL would reshape). */
export function withQuery(uri: string, params: Record<string, string>): string {
  return `${uri}${uri.includes('?') ? '&' : '?'}${new URLSearchParams(params).toString()}`
}
