import type { Environment, ProfileDraft, ProfileDraftInput } from '../../../shared/domain/profile'
import { ProfileDraftSchema } from '../../../shared/domain/profile'
import { SANDBOX_CONFIDENTIAL_CLIENT, SANDBOX_PUBLIC_CLIENT } from '../../sandbox/oidc/oidc-sandbox'
import { CLIENT_KEY_HEADER, SECRET_KEY_HEADER, VENDOR_SANDBOX_HOST } from '../validation/vendor-rules'
import { GENESYS_REGIONS } from './genesys-regions'
import { ENVIRONMENT_CONFIGS } from '../../sandbox/vendor/environments'

export interface Preset {
  id: string
  name: string
  /** Heading the picker groups it under. */
  group: string
  description: string
  environment: Environment
  /** A fresh draft (no id: it is created on save). */
  draft(): ProfileDraft
}

/** The vendor simulator's demo client (main/sandbox/vendor, another issue); shown on its pages. */
/** The simulator's own sandbox client key (international region), as its demo page lists it. */
export const SIMULATOR_CLIENT_KEY = ENVIRONMENT_CONFIGS.sandbox.clients.international.find((k) => k.oauthEnabled)?.clientKey ?? ''

const preset = (p: Omit<Preset, 'draft'> & { profile: Omit<ProfileDraftInput, 'environment' | 'description' | 'name'> }): Preset => ({
  id: p.id,
  name: p.name,
  group: p.group,
  description: p.description,
  environment: p.environment,
  draft: () => ProfileDraftSchema.parse({ ...structuredClone(p.profile), name: p.name, environment: p.environment, description: p.description }),
})

const vendor = (environment: 'sandbox' | 'production'): Preset =>
  preset({
    id: `vendor-${environment}`,
    name: environment === 'sandbox' ? 'Vendor sandbox' : 'Vendor production',
    group: 'Card vendor (four-step flow)',
    environment,
    description:
      environment === 'sandbox'
        ? `The vendor’s sandbox at https://${VENDOR_SANDBOX_HOST}: initiate, login, authorize, token. Enter your sandbox x-client-key and x-secret-key; pick the US region to send x-us-env: true.`
        : 'The vendor’s production: type the API host your account manager gave you and your production keys (sandbox keys do not work here). Production accepts https redirect URIs or an approved custom scheme only.',
    profile: {
      flow: 'vendor-hosted',
      region: 'international',
      ...(environment === 'sandbox' ? { apiBaseUrl: `https://${VENDOR_SANDBOX_HOST}` } : { apiBaseUrl: '' }),
      clientId: '',
      clientAuth: 'headers',
      clientHeaders: { [CLIENT_KEY_HEADER]: '' },
      secretHeaders: [SECRET_KEY_HEADER],
      scopes: '',
      capture:
        environment === 'sandbox'
          ? { method: 'loopback', loopbackPort: 8765, loopbackPath: '/callback' }
          : { method: 'paste', loopbackPort: 0, loopbackPath: '/callback', redirectUri: '' },
      // The vendor documents 10-minute sessions and codes, and 184-day refresh tokens.
      lifetimes: { sessionSeconds: 600, codeSeconds: 600, refreshTokenDays: 184 },
    },
  })

const genesys = GENESYS_REGIONS.map((r) =>
  preset({
    id: `genesys-${r.region}`,
    name: `Genesys Cloud ${r.place}`,
    group: 'Genesys Cloud',
    environment: 'production',
    description: `Genesys Cloud org in ${r.region} (login.${r.host}), authorization code with PKCE. Enter the client id of a PKCE OAuth client and register http://127.0.0.1:8080/callback as its redirect URI.`,
    profile: {
      flow: 'standard',
      endpoints: { authorize: `https://login.${r.host}/oauth/authorize`, token: `https://login.${r.host}/oauth/token` },
      clientId: '',
      clientAuth: 'none',
      scopes: '',
      capture: { method: 'loopback', loopbackPort: 8080, loopbackPath: '/callback' },
      testRequest: { method: 'GET', url: `https://api.${r.host}/api/v2/users/me`, headers: {} },
    },
  }),
)

/** Every preset, in the order the picker shows them. */
export const PRESETS: readonly Preset[] = [
  preset({
    id: 'local-sandbox',
    name: 'Local sandbox',
    group: 'On this machine',
    environment: 'sandbox',
    description: 'The embedded authorization server on 127.0.0.1 with its public client: nothing to register, demo users on its login page.',
    profile: {
      embedded: 'oidc-sandbox',
      clientId: SANDBOX_PUBLIC_CLIENT,
      clientAuth: 'none',
      scopes: 'openid profile email offline_access',
      capture: { method: 'loopback', loopbackPort: 0, loopbackPath: '/callback' },
    },
  }),
  preset({
    id: 'local-sandbox-confidential',
    name: 'Local sandbox (confidential client)',
    group: 'On this machine',
    environment: 'sandbox',
    description: 'The embedded server’s confidential client, to try client_secret_basic. Enter its demo secret (see the README, “Profiles and secrets”).',
    profile: {
      embedded: 'oidc-sandbox',
      clientId: SANDBOX_CONFIDENTIAL_CLIENT,
      clientAuth: 'client_secret_basic',
      scopes: 'openid profile email offline_access',
      capture: { method: 'loopback', loopbackPort: 0, loopbackPath: '/callback' },
    },
  }),
  preset({
    id: 'local-vendor-simulator',
    name: 'Local vendor simulator',
    group: 'On this machine',
    environment: 'sandbox',
    description: 'The embedded simulator of the card vendor’s four-step flow (hosted UI or API mode), with scenarios to provoke each failure. Its demo keys are shown on its pages.',
    profile: {
      embedded: 'vendor-simulator',
      flow: 'vendor-hosted',
      region: 'international',
      clientId: SIMULATOR_CLIENT_KEY,
      clientAuth: 'headers',
      clientHeaders: { [CLIENT_KEY_HEADER]: SIMULATOR_CLIENT_KEY },
      secretHeaders: [SECRET_KEY_HEADER],
      scopes: '',
      capture: { method: 'loopback', loopbackPort: 0, loopbackPath: '/callback' },
    },
  }),
  vendor('sandbox'),
  vendor('production'),
  ...genesys,
  preset({
    id: 'generic-oidc',
    name: 'OpenID provider (discovery)',
    group: 'Any provider',
    environment: 'sandbox',
    description: 'Any OpenID Connect provider: enter its issuer and “Fill from issuer” reads the endpoints and what the server supports.',
    profile: {
      flow: 'standard',
      issuer: '',
      clientId: '',
      clientAuth: 'none',
      scopes: 'openid profile',
      capture: { method: 'loopback', loopbackPort: 0, loopbackPath: '/callback' },
    },
  }),
]

export const findPreset = (id: string): Preset | undefined => PRESETS.find((p) => p.id === id)
