import { randomUUID } from 'node:crypto'
import type { Region } from '../../../shared/domain/profile'
import type { Lifetimes } from './options'
import type { LoginTokenRecord, OAuthTokenRecord, RegionStore } from './region-store'

/**
 * Token formats follow the docs' examples: the login token is a UUID (`US_`-prefixed in the US
 * region, as the login example shows), OAuth tokens are `access_token_<uuid>` and
 * `refresh_token_<uuid>`. Giving the US region's OAuth tokens the same `US_` prefix is our
 * reading of "tokens may carry a region prefix" (unconfirmed in the docs).
 */
const regionPrefix = (region: Region): string => (region === 'us' ? 'US_' : '')

export function issueLoginToken(store: RegionStore, region: Region, userId: string, now: number, lifetimes: Lifetimes): LoginTokenRecord {
  const record: LoginTokenRecord = {
    token: `${regionPrefix(region)}${randomUUID()}`,
    userId,
    expiresAt: now + lifetimes.loginTokenSeconds * 1000,
  }
  store.loginTokens.set(record.token, record)
  return record
}

export interface TokenPair {
  access: OAuthTokenRecord
  refresh: OAuthTokenRecord
}

export function issueOAuthTokens(
  store: RegionStore,
  region: Region,
  grant: { clientKey: string; userId: string },
  now: number,
  lifetimes: Lifetimes,
  keepRefresh?: OAuthTokenRecord,
): TokenPair {
  const access: OAuthTokenRecord = {
    token: `${regionPrefix(region)}access_token_${randomUUID()}`,
    kind: 'access',
    ...grant,
    expiresAt: now + lifetimes.accessTokenSeconds * 1000,
  }
  store.oauthTokens.set(access.token, access)
  const refresh = keepRefresh ?? {
    token: `${regionPrefix(region)}refresh_token_${randomUUID()}`,
    kind: 'refresh' as const,
    ...grant,
    expiresAt: now + lifetimes.refreshTokenSeconds * 1000,
  }
  store.oauthTokens.set(refresh.token, refresh)
  return { access, refresh }
}

/** The token reply (baanx-oauth.md §3.5), the same shape for both grants. */
export function tokenReply(pair: TokenPair, now: number): Record<string, unknown> {
  return {
    access_token: pair.access.token,
    // Not in the docs' field list, but MetaMask reads it from the real reply.
    token_type: 'Bearer',
    expires_in: Math.round((pair.access.expiresAt - now) / 1000),
    refresh_token: pair.refresh.token,
    refresh_token_expires_in: Math.max(0, Math.round((pair.refresh.expiresAt - now) / 1000)),
  }
}

/** Revoke (§3.6): every access and refresh token of this client and user. */
export function revokeAll(store: RegionStore, clientKey: string, userId: string, now: number): number {
  let count = 0
  for (const record of store.oauthTokens.values()) {
    if (record.clientKey === clientKey && record.userId === userId && !record.ended) {
      record.ended = { how: 'revoked', at: now }
      count++
    }
  }
  return count
}
