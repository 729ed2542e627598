import type { Adapter, AdapterPayload } from 'oidc-provider'

interface Entry {
  payload: AdapterPayload
  expiresAt?: number
}

/**
 * The sandbox keeps its codes, tokens and sessions in memory on purpose: it is a local test
 * server and starts clean. One store per sandbox instance, shared by all models.
 */
export function memoryAdapterFactory(): (name: string) => Adapter {
  const store = new Map<string, Entry>()
  const grants = new Map<string, Set<string>>()
  const uids = new Map<string, string>()
  const userCodes = new Map<string, string>()

  return (name: string): Adapter => {
    const key = (id: string): string => `${name}:${id}`
    const read = (k: string): AdapterPayload | undefined => {
      const entry = store.get(k)
      if (!entry) return undefined
      if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
        store.delete(k)
        return undefined
      }
      return entry.payload
    }
    return {
      async upsert(id, payload, expiresIn) {
        const k = key(id)
        store.set(k, { payload, ...(expiresIn ? { expiresAt: Date.now() + expiresIn * 1000 } : {}) })
        if (payload.grantId) {
          const set = grants.get(payload.grantId) ?? new Set<string>()
          set.add(k)
          grants.set(payload.grantId, set)
        }
        if (payload.uid) uids.set(payload.uid, id)
        if (payload.userCode) userCodes.set(payload.userCode, id)
      },
      async find(id) {
        return read(key(id))
      },
      async findByUid(uid) {
        const id = uids.get(uid)
        return id === undefined ? undefined : read(key(id))
      },
      async findByUserCode(userCode) {
        const id = userCodes.get(userCode)
        return id === undefined ? undefined : read(key(id))
      },
      async consume(id) {
        const entry = store.get(key(id))
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000)
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
