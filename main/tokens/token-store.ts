import { keyString, type TokenSet, type TokenSetKey } from './token-set'

/** How many token sets stay in memory; the oldest finished ones go first. */
const MAX_SETS = 200

/**
 * Where token sets live in main, keyed by (profile, client, subject, scopes): a lookup by key
 * never returns another profile's tokens, even for the same client at the same server.
 */
export class TokenStore {
  private readonly sets = new Map<string, TokenSet>()

  /** `onDispose` runs when a set leaves the store (eviction or shutdown). */
  constructor(private readonly onDispose: (set: TokenSet) => void = () => undefined) {}

  add(set: TokenSet): void {
    this.sets.set(set.id, set)
    for (const old of [...this.sets.values()]) {
      if (this.sets.size <= MAX_SETS) break
      this.dispose(old)
      this.sets.delete(old.id)
    }
  }

  get(id: string): TokenSet | undefined {
    return this.sets.get(id)
  }

  /** Every set of one profile, newest first. */
  forProfile(profileId: string): TokenSet[] {
    return [...this.sets.values()].filter((s) => s.key.profileId === profileId).reverse()
  }

  /** The newest set for exactly this key (profile, client, subject and scopes all equal). */
  find(key: TokenSetKey): TokenSet | undefined {
    const wanted = keyString(key)
    return [...this.sets.values()].reverse().find((s) => keyString(s.key) === wanted)
  }

  all(): TokenSet[] {
    return [...this.sets.values()]
  }

  /** Drops every set of a deleted profile: its tokens must never outlive it. */
  removeProfile(profileId: string): number {
    const gone = [...this.sets.values()].filter((s) => s.key.profileId === profileId)
    for (const set of gone) {
      this.dispose(set)
      this.sets.delete(set.id)
    }
    return gone.length
  }

  /** Cancels every timer; for shutdown. */
  disposeAll(): void {
    for (const set of this.sets.values()) this.dispose(set)
  }

  private dispose(set: TokenSet): void {
    set.autoRefresh.cancel?.()
    delete set.autoRefresh.cancel
    delete set.autoRefresh.nextAt
    for (const cancel of set.timers.values()) cancel()
    set.timers.clear()
    this.onDispose(set)
  }
}
