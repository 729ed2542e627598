import type { Profile } from '../../shared/domain/profile'
import type { VendorSimulator } from '../sandbox/vendor/simulator'
import { credentialsFor, profileHeaders } from '../tokens/credentials'

/** The embedded simulator as the flow engine uses it (the service's VendorSimulatorManager). */
export interface VendorSimulatorPort {
  acquire(): Promise<VendorSimulator>
  release(): void
}

/** Where a vendor run sends its requests and with which keys. */
export interface VendorTarget {
  baseUrl: string
  clientId: string
  /** Every step: `x-client-key`, region, the profile's extra headers. */
  publicHeaders: Record<string, string>
  /** The token endpoint: `x-secret-key`. */
  secretHeaders: Record<string, string>
  /** The profile as the run (and the token lifecycle after it) uses it: base URL and keys filled in. */
  profile: Profile
}

export const CLIENT_KEY_HEADER = 'x-client-key'
export const SECRET_KEY_HEADER = 'x-secret-key'

/**
 * The embedded simulator's keys for a profile: its environment (`production` → the
 * production-like one, anything else → sandbox) and region, the first key with OAuth enabled.
 */
export function embeddedVendorKeys(profile: Pick<Profile, 'environment' | 'region'>, sim: VendorSimulator): { baseUrl: string; clientKey: string; secretKey: string } {
  const env = sim.environments[profile.environment === 'production' ? 'production' : 'sandbox']
  const keys = env.keys[profile.region ?? 'international'].find((k) => k.oauthEnabled)
  if (!keys) throw new Error(`The simulator has no OAuth client for ${env.name}/${profile.region ?? 'international'}.`)
  return { baseUrl: env.baseUrl, clientKey: keys.clientKey, secretKey: keys.secretKey }
}

/**
 * Resolves a vendor profile against what it runs on: the embedded simulator (base URL and keys
 * from the running simulator, like the Local sandbox's issuer) or the profile's API host with
 * its client headers and the vault's secret headers. A missing `x-client-key` stays missing:
 * that is how a tester provokes the gateway's 499 on purpose.
 */
export function resolveVendorTarget(profile: Profile, secrets: Record<string, string>, sim?: VendorSimulator): VendorTarget | { problem: string } {
  let baseUrl = profile.apiBaseUrl?.replace(/\/+$/, '')
  let clientHeaders: Record<string, string>
  let secretHeaders: Record<string, string>
  let clientId = profile.clientId
  if (profile.embedded === 'vendor-simulator') {
    if (!sim) return { problem: 'The local vendor simulator is not running.' }
    const keys = embeddedVendorKeys(profile, sim)
    baseUrl = keys.baseUrl
    clientId = keys.clientKey
    clientHeaders = { [CLIENT_KEY_HEADER]: keys.clientKey }
    secretHeaders = { [SECRET_KEY_HEADER]: keys.secretKey }
  } else {
    if (!baseUrl) return { problem: 'The profile has no API base URL (the vendor’s host, e.g. https://dev.api.baanx.com).' }
    const all = credentialsFor(profile, secrets).headers ?? {}
    const secretNames = new Set(profile.secretHeaders.map((h) => h.toLowerCase()))
    clientHeaders = Object.fromEntries(Object.entries(all).filter(([name]) => !secretNames.has(name.toLowerCase())))
    secretHeaders = Object.fromEntries(Object.entries(all).filter(([name]) => secretNames.has(name.toLowerCase())))
    if (clientId === '') clientId = clientHeaders[CLIENT_KEY_HEADER] ?? ''
  }
  const resolved: Profile = {
    ...profile,
    apiBaseUrl: baseUrl,
    clientId,
    clientAuth: 'headers',
    clientHeaders,
    ...(profile.testRequest && { testRequest: { ...profile.testRequest, url: absolute(profile.testRequest.url, baseUrl) } }),
  }
  return {
    baseUrl,
    clientId,
    publicHeaders: { ...profileHeaders(resolved), ...lower(clientHeaders) },
    secretHeaders: lower(secretHeaders),
    profile: resolved,
  }
}

/** A test request given as a path (`/v1/user/profile`) is resolved against the API host. */
const absolute = (url: string, base: string): string => (/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `${base}${url.startsWith('/') ? '' : '/'}${url}`)

const lower = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
