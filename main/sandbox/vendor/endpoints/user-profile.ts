import { classifyBearer, requireAccessToken } from '../bearer'
import type { ClientContext } from '../context'
import { gatewayError, json, type Reply } from '../replies'

/** Our choice of protected endpoint: the docs read did not name a "who am I" call. */
export const PROTECTED_PATH = '/v1/user/profile'

/**
 * `GET /v1/user/profile`: the call a tester tries the final token on. It wants the final OAuth
 * access token as Bearer plus `x-client-key`; any other token gets 401 `Not authenticated`
 * (the guide's "401 after successful token exchange"). A user whose account lacks permission
 * (the `restricted` demo user, verificationState REJECTED) gets 403 `Not authorized`.
 */
export function userProfile(ctx: ClientContext): Reply {
  const access = requireAccessToken(classifyBearer(ctx.req.header('authorization'), ctx.env.core.stores, ctx.where), ctx.client.clientKey, ctx.now)
  if (!access.ok) return access.reply
  const user = ctx.env.config.users[ctx.region].find((u) => u.userId === access.record.userId)
  if (!user) return gatewayError(401, 'Not authenticated', 'unknown-user', 'The token belongs to no user of this region.')
  if (user.verificationState === 'REJECTED') {
    return gatewayError(403, 'Not authorized', 'account-not-permitted', 'This account (verificationState REJECTED) may not use this API.')
  }
  return json(200, {
    id: user.userId,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    phoneNumber: user.phoneNumber,
    verificationState: user.verificationState,
    region: ctx.region === 'us' ? 'us' : 'international',
  })
}
