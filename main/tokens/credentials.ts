import type { Profile } from '../../shared/domain/profile'
import type { ClientCredentials } from '../oauth/client-auth'

/**
 * The client's credentials for a lifecycle request: the profile's method and id, the secret
 * and secret headers from the vault. For the vendor, its public headers (`x-client-key`) too.
 */
export function credentialsFor(profile: Readonly<Profile>, secrets: Record<string, string>): ClientCredentials {
  const creds: ClientCredentials = { method: profile.clientAuth, clientId: profile.clientId }
  if (secrets.clientSecret !== undefined) creds.secret = secrets.clientSecret
  if (profile.clientAuth === 'headers') {
    const headers: Record<string, string> = { ...profile.clientHeaders }
    for (const name of profile.secretHeaders) {
      const value = secrets[name]
      if (value !== undefined) headers[name] = value
    }
    creds.headers = headers
  }
  return creds
}

/** Headers every request of the profile carries: its extra headers, and the vendor's region switch. */
export function profileHeaders(profile: Readonly<Profile>): Record<string, string> {
  const headers: Record<string, string> = { ...profile.extraHeaders }
  if (profile.flow !== 'standard' && profile.region === 'us') headers['x-us-env'] = 'true'
  return headers
}
