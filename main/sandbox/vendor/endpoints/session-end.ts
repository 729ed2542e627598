import { classifyBearer, requireAccessToken, requireLoginToken } from '../bearer'
import type { ClientContext } from '../context'
import { json, type Reply } from '../replies'
import { revokeAll } from '../tokens'

/**
 * `DELETE /v1/auth/oauth/revoke` (baanx-oauth.md §3.6): the final access token as Bearer; every
 * access and refresh token of that client and user dies, and the link (`isLinked`) is removed.
 * The user's own login session (login tokens) stays, as the docs say.
 */
export function revoke(ctx: ClientContext): Reply {
  const access = requireAccessToken(classifyBearer(ctx.req.header('authorization'), ctx.env.core.stores, ctx.where), ctx.client.clientKey, ctx.now)
  if (!access.ok) return access.reply
  const count = revokeAll(ctx.store, ctx.client.clientKey, access.record.userId, ctx.now)
  ctx.store.link(ctx.client.clientKey, access.record.userId, false)
  ctx.note('tokens.revoked', { detail: `${count} token(s) of user ${access.record.userId}` })
  return json(200, { success: true })
}

/**
 * `POST /v1/auth/logout` (§3.7): kills the presented token at once, a login token or a final
 * access token. Nothing else: the refresh token survives a logout, which is why the docs tell
 * OAuth clients to revoke instead.
 */
export function logout(ctx: ClientContext): Reply {
  const bearer = classifyBearer(ctx.req.header('authorization'), ctx.env.core.stores, ctx.where)
  if (bearer.kind === 'access') {
    const access = requireAccessToken(bearer, ctx.client.clientKey, ctx.now)
    if (!access.ok) return access.reply
    access.record.ended = { how: 'logged-out', at: ctx.now }
  } else {
    const login = requireLoginToken(bearer, ctx.now)
    if (!login.ok) return login.reply
    login.record.loggedOutAt = ctx.now
  }
  ctx.note('token.logged-out', { detail: bearer.kind })
  return json(200, { success: true })
}
