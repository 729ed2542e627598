import type { Adapter, AdapterPayload } from 'oidc-provider'

interface Entry {
  payload: AdapterPayload
  expiresAt?: number
}

/** Beyond this many stored artifacts the oldest go first: a test server needs no deep past. */
const MAX_ENTRIES = 20_000
/** How often (in writes) expired and surplus artifacts are swept. */
const SWEEP_EVERY = 500

/**
 * The sandbox keeps its codes, tokens and sessions in memory on purpose: it is a local test
 * server and starts clean. One store per sandbox instance, shared by all models; expired
 * artifacts are swept and the store is bounded, so a long session of runs does not grow it.
 */
export function memoryAdapterFactory(now: () => number = Date.now): (name: string) => Adapter {
  const store = new Map<string, Entry>()
  const grants = new Map<string, Set<string>>()
  const uids = new Map<string, string>()
  const userCodes = new Map<string, string>()
  let writes = 0

  const sweep = (): void => {
    const t = now()
    for (const [k, entry] of store) if (entry.expiresAt !== undefined && entry.expiresAt <= t) store.delete(k)
    for (const k of store.keys()) {
      if (store.size <= MAX_ENTRIES) break
      store.delete(k)
    }
    for (const [grantId, keys] of grants) {
      for (const k of keys) if (!store.has(k)) keys.delete(k)
      if (keys.size === 0) grants.delete(grantId)
    }
    for (const index of [uids, userCodes]) for (const [value, k] of index) if (!store.has(k)) index.delete(value)
  }

  return (name: string): Adapter => {
    const key = (id: string): string => `${name}:${id}`
    const read = (k: string | undefined): AdapterPayload | undefined => {
      const entry = k === undefined ? undefined : store.get(k)
      if (!entry || k === undefined) return undefined
      if (entry.expiresAt !== undefined && entry.expiresAt <= now()) {
        store.delete(k)
        return undefined
      }
      return entry.payload
    }
    return {
      async upsert(id, payload, expiresIn) {
        const k = key(id)
        // Re-inserted at the end, so the oldest-first bound never drops a live, recently used one.
        store.delete(k)
        store.set(k, { payload, ...(expiresIn ? { expiresAt: now() + expiresIn * 1000 } : {}) })
        if (payload.grantId) {
          const set = grants.get(payload.grantId) ?? new Set<string>()
          set.add(k)
          grants.set(payload.grantId, set)
        }
        if (payload.uid) uids.set(payload.uid, k)
        if (payload.userCode) userCodes.set(payload.userCode, k)
        if (++writes % SWEEP_EVERY === 0) sweep()
      },
      async find(id) {
        return read(key(id))
      },
      async findByUid(uid) {
        return read(uids.get(uid))
      },
      async findByUserCode(userCode) {
        return read(userCodes.get(userCode))
      },
      async consume(id) {
        const entry = store.get(key(id))
        if (entry) entry.payload.consumed = Math.floor(now() / 1000)
      },
      async destroy(id) {
        store.delete(key(id))
      },
      async revokeByGrantId(grantId) {
        for (const k of grants.get(grantId) ?? []) store.delete(k)
        grants.delete(grantId)
      },
    }
  }
}
