import type { Clock } from '../clock'
import { live, type StoredToken, type TokenSet } from './token-set'

/**
 * Timers of a token set, on the injected clock: one per token that can expire (so the
 * timeline shows "expired" when it happens), and the optional automatic refresh.
 */

/** Arms the expiry timer of every live access and refresh token; drops timers of the rest. */
export function armExpiries(set: TokenSet, clock: Clock, onExpired: (token: StoredToken) => void): void {
  for (const token of set.tokens) {
    const wanted = token.status === 'current' && token.kind !== 'id_token' && token.expiresAt !== undefined
    const armed = set.timers.get(token.id)
    if (!wanted) {
      armed?.()
      set.timers.delete(token.id)
    } else if (!armed) {
      set.timers.set(token.id, clock.at(token.expiresAt as number, () => {
        set.timers.delete(token.id)
        if (token.status === 'current') onExpired(token)
      }))
    }
  }
}

/** When the next automatic refresh should fire, or undefined when none can. */
export function autoRefreshAt(set: TokenSet, now: number): number | undefined {
  if (!set.autoRefresh.enabled) return undefined
  const access = live(set, 'access_token')
  const refresh = live(set, 'refresh_token')
  if (access?.expiresAt === undefined || !refresh) return undefined
  // A lead longer than the token's life would refresh in a tight loop: cap it at half the life.
  const lead = Math.min(set.autoRefresh.leadSeconds * 1000, (access.expiresAt - access.issuedAt) / 2)
  return Math.max(now, access.expiresAt - lead)
}

/** (Re)schedules the automatic refresh from the set's current tokens. */
export function armAutoRefresh(set: TokenSet, clock: Clock, fire: () => void): void {
  set.autoRefresh.cancel?.()
  delete set.autoRefresh.cancel
  delete set.autoRefresh.nextAt
  const at = autoRefreshAt(set, clock.now())
  if (at === undefined) return
  set.autoRefresh.nextAt = at
  set.autoRefresh.cancel = clock.at(at, () => {
    delete set.autoRefresh.cancel
    delete set.autoRefresh.nextAt
    fire()
  })
}
