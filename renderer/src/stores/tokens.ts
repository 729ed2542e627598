import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { CurlAction } from '../../../shared/contract/calls'
import type { Result } from '../../../shared/contract/result'
import type { ExchangeDetail } from '../../../shared/domain/exchange-detail'
import type { TokenActionResult, TokenSetDetail } from '../../../shared/domain/token-lifecycle'
import type { DecodedToken, Verification } from '../../../shared/domain/token-inspection'
import { tester } from '../api/tester'
import { useNoticesStore } from './notices'

/**
 * Token sets as main reports them (masked), the last action's result per set, and the calls
 * of the token lifecycle. Raw token values are never kept here: Reveal and Copy ask main each
 * time and the component drops the value again.
 */
export const useTokensStore = defineStore('tokens', () => {
  const sets = ref<Record<string, TokenSetDetail>>({})
  const results = ref<Record<string, TokenActionResult | undefined>>({})
  /** The action running on a set, for disabled buttons and "Refreshing…". */
  const busy = ref<Record<string, string | undefined>>({})
  const notices = useNoticesStore()

  function put(set: TokenSetDetail): void {
    sets.value[set.id] = set
  }

  function value<T>(result: Result<T>): T | undefined {
    if (result.ok) return result.value
    notices.push('error', result.error.message)
    return undefined
  }

  async function load(tokenSetId: string): Promise<void> {
    const set = tester && value(await tester.getTokenSet({ tokenSetId }))
    if (set) put(set)
  }

  async function act(tokenSetId: string, name: string, call: () => Promise<Result<TokenActionResult>>): Promise<TokenActionResult | undefined> {
    if (!tester || busy.value[tokenSetId]) return undefined
    busy.value[tokenSetId] = name
    try {
      const result = value(await call())
      if (result) {
        put(result.tokenSet)
        results.value[tokenSetId] = result
      }
      return result
    } finally {
      busy.value[tokenSetId] = undefined
    }
  }

  const api = () => tester!
  const refresh = (id: string) => act(id, 'refresh', () => api().refreshTokens({ tokenSetId: id }))
  const replay = (id: string) => act(id, 'replay', () => api().replaySupersededRefresh({ tokenSetId: id }))
  const revoke = (id: string, token: 'access_token' | 'refresh_token') => act(id, 'revoke', () => api().revokeToken({ tokenSetId: id, token }))
  const introspect = (id: string, token: 'access_token' | 'refresh_token') => act(id, 'introspect', () => api().introspectToken({ tokenSetId: id, token }))
  const userinfo = (id: string) => act(id, 'userinfo', () => api().callUserinfo({ tokenSetId: id }))
  const callApi = (id: string, send: 'access_token' | 'id_token') => act(id, 'api', () => api().callTestApi({ tokenSetId: id, send }))
  const logout = (id: string) => act(id, 'logout', () => api().logoutTokens({ tokenSetId: id }))

  async function setAutoRefresh(tokenSetId: string, enabled: boolean, leadSeconds?: number): Promise<void> {
    const set = tester && value(await tester.setAutoRefresh({ tokenSetId, enabled, ...(leadSeconds !== undefined && { leadSeconds }) }))
    if (set) put(set)
  }

  async function reveal(tokenSetId: string, tokenId: string): Promise<string | undefined> {
    return tester ? value(await tester.revealToken({ tokenSetId, tokenId }))?.value : undefined
  }

  async function curl(tokenSetId: string, action: CurlAction): Promise<{ curl: string; variables: string[] } | undefined> {
    return tester ? value(await tester.copyAsCurl({ tokenSetId, action })) : undefined
  }

  async function exchange(exchangeId: string): Promise<ExchangeDetail | undefined> {
    return tester ? value(await tester.getExchange({ exchangeId })) : undefined
  }

  async function decode(input: { tokenSetId: string; tokenId: string } | { value: string }): Promise<DecodedToken | undefined> {
    return tester ? value(await tester.decodeToken(input)) : undefined
  }

  async function verify(
    input: { tokenSetId: string; tokenId: string; skewSeconds: number } | { tokenSetId: string; value: string; kind: 'id_token' | 'access_token'; skewSeconds: number },
  ): Promise<Verification | undefined> {
    return tester ? value(await tester.verifyToken(input)) : undefined
  }

  let unsubscribe: (() => void) | undefined
  /** Follows main's token-set updates (automatic refreshes and expiries arrive this way). */
  function connect(): void {
    unsubscribe ??= tester?.onEvent((event) => {
      if (event.type === 'token-set-updated') put(event.tokenSet)
    })
  }

  return { sets, results, busy, load, refresh, replay, revoke, introspect, userinfo, callApi, logout, setAutoRefresh, reveal, curl, exchange, decode, verify, connect }
})
