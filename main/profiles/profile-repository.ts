import type { Profile } from '../../shared/domain/profile'
import { BUILT_IN_PROFILES } from './builtin'

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
