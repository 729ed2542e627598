import type { Profile } from '../../shared/domain/profile'
import { BUILT_IN_PROFILES } from './builtin'
import type { RecoveringDocument } from './storage/recovering-document'

/** Where profiles come from. The built-in ones are always there; user profiles are stored. */
export interface ProfileRepository {
  list(): Promise<Profile[]>
  get(id: string): Promise<Profile | undefined>
}

/** Built-in profiles only; stored profiles join through the storage port. */
export class BuiltInProfiles implements ProfileRepository {
  async list(): Promise<Profile[]> {
    return BUILT_IN_PROFILES.map((p) => structuredClone(p))
  }

  async get(id: string): Promise<Profile | undefined> {
    const found = BUILT_IN_PROFILES.find((p) => p.id === id)
    return found ? structuredClone(found) : undefined
  }
}

/**
 * Read-only profiles (built-in, or given by a test) followed by the user's stored ones.
 * Everything handed out is a copy: a run keeps the snapshot it started with.
 */
export class StoredProfiles implements ProfileRepository {
  constructor(
    private readonly doc: RecoveringDocument<Profile[]>,
    private readonly base: ProfileRepository = new BuiltInProfiles(),
  ) {}

  async list(): Promise<Profile[]> {
    const fixed = await this.base.list()
    const ids = new Set(fixed.map((p) => p.id))
    return [...fixed, ...this.doc.value.filter((p) => !ids.has(p.id)).map((p) => structuredClone(p))]
  }

  async get(id: string): Promise<Profile | undefined> {
    const fixed = await this.base.get(id)
    if (fixed) return fixed
    const found = this.doc.value.find((p) => p.id === id)
    return found ? structuredClone(found) : undefined
  }

  /** Built-in (or test-given) profiles cannot be changed or deleted, only duplicated. */
  async isReadOnly(id: string): Promise<boolean> {
    return (await this.base.get(id)) !== undefined
  }

  /** Inserts or replaces by id. */
  save(profile: Profile): void {
    const stored = { ...structuredClone(profile), builtIn: false }
    const list = this.doc.value
    const at = list.findIndex((p) => p.id === profile.id)
    this.doc.write(at < 0 ? [...list, stored] : list.map((p, i) => (i === at ? stored : p)))
  }

  /** Adds profiles in one write (an import): all of them are stored, or none if the write fails. */
  saveAll(profiles: readonly Profile[]): void {
    if (profiles.length === 0) return
    const ids = new Set(profiles.map((p) => p.id))
    const added = profiles.map((p) => ({ ...structuredClone(p), builtIn: false }))
    this.doc.write([...this.doc.value.filter((p) => !ids.has(p.id)), ...added])
  }

  remove(id: string): boolean {
    const list = this.doc.value
    if (!list.some((p) => p.id === id)) return false
    this.doc.write(list.filter((p) => p.id !== id))
    return true
  }
}
