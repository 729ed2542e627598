import type { Environment, Profile, ProfileDraft } from '../../shared/domain/profile'
import { ProfileDraftSchema } from '../../shared/domain/profile'

/** sandbox → production and back; custom stays custom; an embedded server is never production. */
export function flippedEnvironment(profile: Pick<Profile, 'environment' | 'embedded'>): Environment {
  if (profile.embedded !== undefined) return profile.environment
  if (profile.environment === 'sandbox') return 'production'
  if (profile.environment === 'production') return 'sandbox'
  return profile.environment
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

const ENV_SUFFIX = /\s*\((sandbox|production|custom|copy)\)$/i

/**
 * A copy that keeps everything but the secrets (those stay with the original, in the vault)
 * and, unless told otherwise, flips the environment. Validation then says what production
 * needs that the sandbox did not (https, production keys, an approved redirect URI).
 */
export function duplicateDraft(source: Profile, opts: { environment?: Environment; name?: string } = {}): ProfileDraft {
  const environment = opts.environment ?? flippedEnvironment(source)
  const base = source.name.replace(ENV_SUFFIX, '')
  // "Acme sandbox" becomes "Acme production", not "Acme sandbox (production)".
  const word = new RegExp(`\\b${source.environment}\\b`, 'i')
  const renamed = word.test(base) ? base.replace(word, (m) => (m[0] === m[0]?.toUpperCase() ? capitalize(environment) : environment)) : `${base} (${environment})`
  const name = opts.name ?? (environment !== source.environment ? renamed : `${base} (copy)`)
  const { id: _id, builtIn: _builtIn, createdAt: _c, updatedAt: _u, ...rest } = structuredClone(source)
  return ProfileDraftSchema.parse({ ...rest, name: name.slice(0, 120), environment })
}
