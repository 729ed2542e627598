import { z } from 'zod'
import { DiagnosisSchema } from './diagnosis'
import { ExchangeDetailSchema } from './exchange-detail'
import { FlowKindSchema } from './profile'
import { TokenKindSchema } from './tokens'

/**
 * A token set's life after the exchange, as the renderer sees it: every token it ever held
 * (masked), what happened to each, and the events in order. Nothing secret has a field here.
 */

export const TokenStatusSchema = z.enum([
  /** The newest of its kind and, as far as we know, alive. */
  'current',
  /** Replaced by a newer one (refresh; for refresh tokens: rotation). Kept so it can be replayed on purpose. */
  'superseded',
  /** Revoked by this app. */
  'revoked',
  /** The server said so (introspection `active: false`), for a reason it did not give. */
  'inactive',
  /** Past its expiry time. */
  'expired',
])
export type TokenStatus = z.infer<typeof TokenStatusSchema>

export const TokenRecordViewSchema = z.object({
  id: z.string(),
  kind: TokenKindSchema,
  /** 1 for the tokens of the code exchange, +1 per refresh. */
  generation: z.number().int(),
  masked: z.string(),
  format: z.enum(['jwt', 'opaque']),
  length: z.number(),
  issuedAt: z.number(),
  expiresAt: z.number().optional(),
  status: TokenStatusSchema,
  statusAt: z.number().optional(),
  supersededBy: z.string().optional(),
})
export type TokenRecordView = z.infer<typeof TokenRecordViewSchema>

export const LIFECYCLE_EVENT_KINDS = ['issued', 'used', 'refreshed', 'replayed', 'revoked', 'expired', 'logged-out'] as const
export const LifecycleEventKindSchema = z.enum(LIFECYCLE_EVENT_KINDS)
export type LifecycleEventKind = z.infer<typeof LifecycleEventKindSchema>

export const LifecycleEventViewSchema = z.object({
  id: z.string(),
  kind: LifecycleEventKindSchema,
  at: z.number(),
  /** False when the request behind the event failed (a refused refresh, a 401 from the API). */
  ok: z.boolean(),
  /** Short, for the timeline: "Refreshed", "Userinfo → 200". */
  label: z.string(),
  detail: z.string().optional(),
  /** The HTTP exchange behind the event; none for `expired`. */
  exchangeId: z.string().optional(),
  tokenIds: z.array(z.string()),
  diagnosisId: z.string().optional(),
  /** For `refreshed`: the refresh token was replaced by a new one. */
  rotated: z.boolean().optional(),
})
export type LifecycleEventView = z.infer<typeof LifecycleEventViewSchema>

export const AutoRefreshViewSchema = z.object({
  enabled: z.boolean(),
  /** Refresh this many seconds before the access token expires. */
  leadSeconds: z.number().int(),
  /** When the next automatic refresh fires, while one is scheduled. */
  nextAt: z.number().optional(),
})
export type AutoRefreshView = z.infer<typeof AutoRefreshViewSchema>

/** Which actions this token set's profile and server make possible. */
export const TokenCapabilitiesSchema = z.object({
  refresh: z.boolean(),
  replay: z.boolean(),
  revoke: z.boolean(),
  introspect: z.boolean(),
  userinfo: z.boolean(),
  callApi: z.boolean(),
  logout: z.boolean(),
  verify: z.boolean(),
})
export type TokenCapabilities = z.infer<typeof TokenCapabilitiesSchema>

export const TokenSetDetailSchema = z.object({
  id: z.string(),
  runId: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  environment: z.string(),
  flow: FlowKindSchema,
  clientId: z.string(),
  /** The `sub` of the ID token, when there is one. */
  subject: z.string().optional(),
  scope: z.string().optional(),
  tokenType: z.string().optional(),
  issuer: z.string().optional(),
  status: z.enum(['active', 'revoked', 'expired']),
  createdAt: z.number(),
  tokens: z.array(TokenRecordViewSchema),
  events: z.array(LifecycleEventViewSchema),
  diagnoses: z.array(DiagnosisSchema),
  autoRefresh: AutoRefreshViewSchema,
  capabilities: TokenCapabilitiesSchema,
})
export type TokenSetDetail = z.infer<typeof TokenSetDetailSchema>

/** What a lifecycle action (refresh, revoke, introspect, a call with the token) answers. */
export const TokenActionResultSchema = z.object({
  ok: z.boolean(),
  /** What happened, in words, ready to show. */
  message: z.string(),
  tokenSet: TokenSetDetailSchema,
  /** The request and response behind it, redacted. */
  exchange: ExchangeDetailSchema.optional(),
  diagnosis: DiagnosisSchema.optional(),
})
export type TokenActionResult = z.infer<typeof TokenActionResultSchema>
