import type { Region } from '../../../shared/domain/profile'
import { demoUsers, type VendorUser } from './users'

export type EnvironmentName = 'sandbox' | 'production'
export const ENVIRONMENTS: readonly EnvironmentName[] = ['sandbox', 'production']
export const REGIONS: readonly Region[] = ['international', 'us']

/** One client's key pair, as a TAM would issue it (`x-client-key` doubles as `client_id`). */
export interface ClientKeys {
  clientKey: string
  secretKey: string
  /** False for a key whose OAuth access is not switched on (`unauthorized_client`). */
  oauthEnabled: boolean
  note: string
}

export interface RedirectPolicy {
  /** Whitelisted URIs, compared as exact strings. */
  exact: readonly string[]
  /** Custom schemes the "TAM approved", as exact URIs too. */
  approvedCustom: readonly string[]
  /** Any `http://127.0.0.1:<port>/callback` (sandbox only; see redirect-rules.ts). */
  loopbackAnyPort: boolean
  /** Production rules: `http:` is refused outright. */
  httpsOnly: boolean
}

export interface EnvironmentConfig {
  name: EnvironmentName
  label: string
  clients: Record<Region, readonly ClientKeys[]>
  users: Record<Region, readonly VendorUser[]>
  redirect: RedirectPolicy
}

/** The desktop app's deep link (also approved on the embedded OIDC sandbox). */
export const APPROVED_DEEP_LINK = 'dev.oauthflowtester:/callback'
/** A whitelisted https URI in both environments (exact-match and API-mode tests). */
export const EXAMPLE_HTTPS_REDIRECT = 'https://example.com/callback'

const keys = (prefix: string): ClientKeys => ({
  clientKey: `${prefix}-client-key`,
  secretKey: `${prefix}-secret-key`,
  oauthEnabled: true,
  note: 'OAuth enabled',
})

/**
 * Two environments with nothing in common, as the vendor's are: separate keys per environment
 * and region, separate users ("sandbox data doesn't transfer to production"), and production's
 * stricter redirect rules. The keys are fixed strings so presets and docs can name them; they
 * mean nothing outside this local server.
 */
export const ENVIRONMENT_CONFIGS: Record<EnvironmentName, EnvironmentConfig> = {
  sandbox: {
    name: 'sandbox',
    label: 'Sandbox',
    clients: {
      international: [
        keys('sbx-intl'),
        {
          clientKey: 'sbx-intl-no-oauth-client-key',
          secretKey: 'sbx-intl-no-oauth-secret-key',
          oauthEnabled: false,
          note: 'OAuth not enabled for this client (initiate answers unauthorized_client)',
        },
      ],
      us: [keys('sbx-us')],
    },
    users: { international: demoUsers('sandbox', 'international'), us: demoUsers('sandbox', 'us') },
    redirect: {
      exact: [EXAMPLE_HTTPS_REDIRECT],
      approvedCustom: [APPROVED_DEEP_LINK],
      loopbackAnyPort: true,
      httpsOnly: false,
    },
  },
  production: {
    name: 'production',
    label: 'Production-like',
    clients: {
      international: [keys('prod-intl')],
      us: [keys('prod-us')],
    },
    users: { international: demoUsers('production', 'international'), us: demoUsers('production', 'us') },
    redirect: {
      exact: [EXAMPLE_HTTPS_REDIRECT],
      approvedCustom: [APPROVED_DEEP_LINK],
      loopbackAnyPort: false,
      httpsOnly: true,
    },
  },
}

export const regionLabel = (region: Region): string => (region === 'us' ? 'US region' : 'International region')

/** Where a client key belongs, if anywhere in this simulator. */
export interface KeyHome {
  environment: EnvironmentName
  region: Region
  keys: ClientKeys
}

export function findKeyHome(clientKey: string): KeyHome | undefined {
  for (const environment of ENVIRONMENTS) {
    for (const region of REGIONS) {
      const found = ENVIRONMENT_CONFIGS[environment].clients[region].find((k) => k.clientKey === clientKey)
      if (found) return { environment, region, keys: found }
    }
  }
  return undefined
}
