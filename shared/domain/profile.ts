import { z } from 'zod'

export const EnvironmentSchema = z.enum(['sandbox', 'production', 'custom'])
export type Environment = z.infer<typeof EnvironmentSchema>

export const CaptureMethodSchema = z.enum(['loopback', 'deep-link', 'paste', 'auth-window'])

export const ClientAuthSchema = z.enum(['none', 'client_secret_basic', 'client_secret_post', 'headers'])
export type ClientAuth = z.infer<typeof ClientAuthSchema>

/**
 * Which flow a profile runs: the standard OAuth 2.0 / OIDC code flow, or the vendor's
 * four-step flow (initiate → login → authorize → token) in hosted-UI or API mode.
 */
export const FlowKindSchema = z.enum(['standard', 'vendor-hosted', 'vendor-api'])
export type FlowKind = z.infer<typeof FlowKindSchema>

/** The vendor picks its region per request (`x-us-env: true`), not by host name. */
export const RegionSchema = z.enum(['international', 'us'])
export type Region = z.infer<typeof RegionSchema>

const Url = z.string().max(2048)
const Params = z.record(z.string().max(200), z.string().max(4096))

export const EndpointsSchema = z.object({
  authorize: Url.optional(),
  token: Url.optional(),
  revoke: Url.optional(),
  introspect: Url.optional(),
  userinfo: Url.optional(),
  jwks: Url.optional(),
})
export type Endpoints = z.infer<typeof EndpointsSchema>

/**
 * An environment profile. It holds no secret values: those live in main's vault, keyed by
 * profile id and secret name, and the renderer only ever learns whether each one is set.
 */
export const ProfileSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(120),
  environment: EnvironmentSchema,
  description: z.string().max(2000).default(''),
  builtIn: z.boolean().default(false),
  flow: FlowKindSchema.default('standard'),
  region: RegionSchema.optional(),
  /** Endpoints come from an embedded local server instead of the fields below. */
  embedded: z.enum(['oidc-sandbox', 'vendor-simulator']).optional(),
  /** The vendor's API host (e.g. `https://dev.api.baanx.com`); its paths are fixed. */
  apiBaseUrl: Url.optional(),
  /** Issuer URL; discovery is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: Url.optional(),
  endpoints: EndpointsSchema.default({}),
  clientId: z.string().max(500),
  clientAuth: ClientAuthSchema.default('none'),
  /**
   * For `headers` auth: header name → value of the public ones (the vendor's `x-client-key`).
   * Secret headers (`x-secret-key`) are listed by name only; their values live in the vault.
   */
  clientHeaders: Params.default({}),
  secretHeaders: z.array(z.string().max(200)).default([]),
  scopes: z.string().max(2000).default('openid'),
  capture: z
    .object({
      method: CaptureMethodSchema.default('loopback'),
      /** Fixed loopback port; 0 asks the OS for a free one (RFC 8252 §7.3). */
      loopbackPort: z.number().int().min(0).max(65535).default(0),
      loopbackPath: z.string().max(500).default('/callback'),
      /** Redirect URI for the deep-link and paste methods. */
      redirectUri: Url.optional(),
    })
    .default({ method: 'loopback', loopbackPort: 0, loopbackPath: '/callback' }),
  extraAuthorizeParams: Params.default({}),
  extraTokenParams: Params.default({}),
  extraHeaders: Params.default({}),
  /** A request to try the final access token on (`Authorization: Bearer <access token>`). */
  testRequest: z
    .object({
      method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).default('GET'),
      url: Url,
      headers: Params.default({}),
    })
    .optional(),
  lifetimes: z
    .object({
      /** The authorization session, counted from the first step (the vendor's is 10 minutes). */
      sessionSeconds: z.number().int().min(1).max(86_400).default(600),
      codeSeconds: z.number().int().min(1).max(86_400).default(600),
      /** Used when the server does not say how long the refresh token lives. */
      refreshTokenDays: z.number().min(0).max(3650).default(7),
    })
    .default({ sessionSeconds: 600, codeSeconds: 600, refreshTokenDays: 7 }),
  /** When the profile was created and last saved (ms since epoch); absent on built-in ones. */
  createdAt: z.number().optional(),
  updatedAt: z.number().optional(),
})
export type Profile = z.infer<typeof ProfileSchema>
export type ProfileInput = z.input<typeof ProfileSchema>

/**
 * A profile being edited: no id yet when it is new, any name (validation says what is
 * missing), and never `builtIn` (built-in profiles are read-only; duplicate them instead).
 */
export const ProfileDraftSchema = ProfileSchema.omit({ id: true, builtIn: true, name: true }).extend({
  id: z.string().min(1).max(200).optional(),
  name: z.string().max(120),
})
export type ProfileDraft = z.infer<typeof ProfileDraftSchema>
export type ProfileDraftInput = z.input<typeof ProfileDraftSchema>

export const SecretStatusSchema = z.enum(['set', 'not-set'])
export type SecretStatus = z.infer<typeof SecretStatusSchema>

/**
 * One finding of profile validation: what is wrong (or risky), where, and what to change.
 * Errors stop a run; warnings are shown and the run goes ahead.
 */
export const ProfileIssueSchema = z.object({
  /** Stable id of the rule, e.g. `url.production-https`; tests and docs refer to it. */
  rule: z.string(),
  severity: z.enum(['error', 'warning']),
  /** The field it belongs to, as a dotted path (`endpoints.token`, `secrets.clientSecret`). */
  field: z.string(),
  /** What is wrong and what to change, in one or two sentences. */
  message: z.string(),
})
export type ProfileIssue = z.infer<typeof ProfileIssueSchema>

/** A profile as the renderer sees it: the profile plus the set / not-set state of its secrets. */
export const ProfileSummarySchema = ProfileSchema.extend({
  secrets: z.record(z.string(), SecretStatusSchema),
  /** What validation says about it right now (secrets included). */
  issues: z.array(ProfileIssueSchema).default([]),
})
export type ProfileSummary = z.infer<typeof ProfileSummarySchema>
