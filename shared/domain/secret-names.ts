import type { Profile, ProfileDraft } from './profile'

/** The vault's name for the client secret of `client_secret_basic` / `client_secret_post`. */
export const CLIENT_SECRET = 'clientSecret'
/** The vendor's API-mode login password, kept only when the user asks to remember it. */
export const PASSWORD = 'password'

type SecretSource = Pick<Profile | ProfileDraft, 'clientAuth' | 'secretHeaders' | 'flow'>

/** Header names are case-insensitive; the vault and the HTTP client use lower case. */
export const headerKey = (name: string): string => name.trim().toLowerCase()

/** The secrets a profile uses, by vault name, in the order the editor shows them. */
export function secretNamesOf(profile: SecretSource): string[] {
  const names: string[] = []
  if (profile.clientAuth === 'client_secret_basic' || profile.clientAuth === 'client_secret_post') names.push(CLIENT_SECRET)
  if (profile.clientAuth === 'headers') for (const h of profile.secretHeaders) names.push(headerKey(h))
  if (profile.flow === 'vendor-api') names.push(PASSWORD)
  return [...new Set(names.filter((n) => n !== ''))]
}

/** Secrets a run can do without: the password is asked for at run time when not remembered. */
export const isOptionalSecret = (name: string): boolean => name === PASSWORD
