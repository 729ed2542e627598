import type { TokenSet } from './token-set'

/** The endpoints a token set's lifecycle actions go to. */
export interface LifecycleEndpoints {
  token?: string
  revoke?: string
  introspect?: string
  userinfo?: string
  logout?: string
  jwks?: string
}

/** The vendor's fixed paths under its API host (see reference/baanx-oauth.md §3.5–3.7). */
const VENDOR_PATHS = { token: '/v1/auth/oauth/token', revoke: '/v1/auth/oauth/revoke', logout: '/v1/auth/logout' } as const

/**
 * Standard servers: what discovery found, overridden by the profile. The vendor: its fixed
 * paths under the profile's API host (it has no introspection and no discovery).
 */
export function lifecycleEndpoints(set: TokenSet): LifecycleEndpoints {
  const e = set.endpoints
  const out: LifecycleEndpoints = {}
  const put = (key: keyof LifecycleEndpoints, value: string | undefined): void => {
    if (value) out[key] = value
  }
  if (set.profile.flow === 'standard') {
    put('token', e.token)
    put('revoke', e.revoke)
    put('introspect', e.introspect)
    put('userinfo', e.userinfo)
    put('jwks', e.jwks)
    return out
  }
  const base = set.profile.apiBaseUrl?.replace(/\/+$/, '')
  put('token', e.token ?? (base && base + VENDOR_PATHS.token))
  put('revoke', e.revoke ?? (base && base + VENDOR_PATHS.revoke))
  put('logout', base && base + VENDOR_PATHS.logout)
  put('userinfo', e.userinfo)
  put('jwks', e.jwks)
  return out
}
