import type { CurlAction } from '../../shared/contract/calls'
import type { HttpRequest } from '../http/client'
import { REDACTED } from '../../shared/mask'
import type { ClientCredentials } from '../oauth/client-auth'
import { PLACEHOLDER, headerVariable, toCurl } from '../oauth/curl'
import type { ActionContext } from './action-context'
import { buildApiRequest, buildIntrospectRequest, buildUserinfoRequest } from './probe'
import { buildRefreshRequest } from './refresh'
import { buildRevokeRequest } from './revoke'
import { vendorLogoutRequest } from '../oauth/resource-request'
import { publicClientHeaders } from '../oauth/revoke-request'
import { profileHeaders } from './credentials'
import { lifecycleEndpoints } from './endpoints'
import type { TokenSet } from './token-set'

export type { CurlAction }

// The variable names live with the curl renderer, which every curl export shares.
export { PLACEHOLDER, headerVariable }

/**
 * A lifecycle request as a curl command, built by the same code as the real request but with
 * placeholders for tokens and secrets. As a second guard, any real secret or token value that
 * still shows up is replaced.
 */
export async function curlFor(ctx: ActionContext, set: TokenSet, action: CurlAction): Promise<{ curl: string; variables: string[] } | { error: string }> {
  const real = await ctx.credentials(set)
  const used = new Set<string>()
  const v = (name: string): string => {
    used.add(name)
    return `$${name}`
  }
  const creds: ClientCredentials = { method: real.method, clientId: real.clientId }
  if (real.secret !== undefined) creds.secret = v(PLACEHOLDER.clientSecret)
  if (real.headers) {
    creds.headers = Object.fromEntries(
      Object.entries(real.headers).map(([name, value]) => [name, set.profile.secretHeaders.includes(name) ? v(headerVariable(name)) : value]),
    )
  }
  const endpoints = lifecycleEndpoints(set)
  let request: HttpRequest | undefined
  switch (action) {
    case 'refresh':
      if (endpoints.token) request = buildRefreshRequest(set, creds, v(PLACEHOLDER.refresh_token))
      break
    case 'revoke-access':
    case 'revoke-refresh': {
      const kind = action === 'revoke-refresh' && set.profile.flow === 'standard' ? 'refresh_token' : 'access_token'
      if (endpoints.revoke) request = buildRevokeRequest(set, creds, kind, v(PLACEHOLDER[kind]))
      break
    }
    case 'introspect-access':
    case 'introspect-refresh': {
      const kind = action === 'introspect-refresh' ? 'refresh_token' : 'access_token'
      if (endpoints.introspect) request = buildIntrospectRequest(set, creds, { kind, value: v(PLACEHOLDER[kind]) })
      break
    }
    case 'userinfo':
      if (endpoints.userinfo) request = await buildUserinfoRequest({ ...ctx, credentials: async () => creds }, set, v(PLACEHOLDER.access_token))
      break
    case 'api':
      request = await buildApiRequest({ ...ctx, credentials: async () => creds }, set, v(PLACEHOLDER.access_token))
      break
    case 'logout':
      if (endpoints.logout) {
        request = vendorLogoutRequest(endpoints.logout, v(PLACEHOLDER.access_token), { ...profileHeaders(set.profile), ...publicClientHeaders(creds) })
      }
      break
  }
  if (!request) return { error: `This profile has no endpoint for “${action}”.` }

  let basic: { user: string; password: string } | undefined
  if (creds.method === 'client_secret_basic' && request.headers?.authorization?.startsWith('Basic ')) {
    // Basic is base64 of id:secret; encoding a placeholder would hide it. Let curl encode it.
    const { authorization: _drop, ...rest } = request.headers
    request = { ...request, headers: rest }
    basic = { user: creds.clientId, password: v(PLACEHOLDER.clientSecret) }
  }
  let curl = toCurl(request, { variables: [...used], ...(basic && { basic }) })
  for (const secret of realValues(set, real)) curl = curl.split(secret).join(REDACTED)
  return { curl, variables: [...used] }
}

function realValues(set: TokenSet, creds: ClientCredentials): string[] {
  const values = [...set.tokens.map((t) => t.value), ...set.secrets]
  if (creds.secret) values.push(creds.secret)
  for (const name of set.profile.secretHeaders) {
    const value = creds.headers?.[name]
    if (value) values.push(value)
  }
  return values.filter((value) => value.length >= 4)
}
