import { z } from 'zod'
import { EndpointsSchema, ProfileSchema, SecretStatusSchema } from './profile'
import { RunStatusSchema, RunViewSchema } from './run'
import { TokenKindSchema } from './tokens'

/**
 * A run as evidence: what the run view shows, the profile it ran with (without secrets), what
 * the server said about itself, and what the tokens said about themselves. Kept in the run
 * history, and read by the network panel, the comparison and the support bundle. Nothing
 * secret has a field here; the HTTP exchanges behind it are stored already redacted.
 */

/** The profile as it was when the run started; secrets only as "set" / "not set". */
export const ProfileSnapshotSchema = ProfileSchema.extend({
  secrets: z.record(z.string(), SecretStatusSchema),
})
export type ProfileSnapshot = z.infer<typeof ProfileSnapshotSchema>

/** What the server announced in its discovery document (absent when endpoints were typed in). */
export const ServerFactsSchema = z.object({
  codeChallengeMethods: z.array(z.string()),
  tokenAuthMethods: z.array(z.string()),
  grantTypes: z.array(z.string()),
  scopes: z.array(z.string()),
  idTokenSigningAlgs: z.array(z.string()),
  issParameter: z.boolean(),
})
export type ServerFacts = z.infer<typeof ServerFactsSchema>

/** Where the run actually went: discovery and the embedded servers fill in what the profile leaves open. */
export const ResolvedTargetSchema = z.object({
  issuer: z.string().optional(),
  endpoints: EndpointsSchema,
  redirectUri: z.string().optional(),
  server: ServerFactsSchema.optional(),
})
export type ResolvedTarget = z.infer<typeof ResolvedTargetSchema>

const Json = z.record(z.string(), z.unknown())

/** A token the run received, described without its value: masked, its lifetime, and (for a JWT) its header and claims. */
export const TokenFactsSchema = z.object({
  kind: TokenKindSchema,
  format: z.enum(['jwt', 'encrypted', 'opaque']),
  masked: z.string(),
  length: z.number(),
  issuedAt: z.number(),
  expiresAt: z.number().optional(),
  /** How long it lives, in seconds: what the server said (or the JWT's exp − iat), not when it ends. */
  lifetimeSeconds: z.number().optional(),
  header: Json.optional(),
  claims: Json.optional(),
})
export type TokenFacts = z.infer<typeof TokenFactsSchema>

export const RunRecordViewSchema = z.object({
  run: RunViewSchema,
  /** `live`: the run is still in this session's memory; `history`: read from the run history. */
  source: z.enum(['live', 'history']),
  recordedAt: z.number(),
  profile: ProfileSnapshotSchema,
  resolved: ResolvedTargetSchema,
  tokens: z.array(TokenFactsSchema),
})
export type RunRecordView = z.infer<typeof RunRecordViewSchema>

/** One line of the run history list. */
export const HistoryEntrySchema = z.object({
  runId: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  environment: z.string(),
  flow: z.string(),
  status: RunStatusSchema,
  createdAt: z.number(),
  endedAt: z.number().optional(),
  /** Catalog codes of the run's diagnoses, in order. */
  diagnosisCodes: z.array(z.string()),
  exchangeCount: z.number(),
})
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

export const HistoryListSchema = z.object({
  entries: z.array(HistoryEntrySchema),
  /** How many runs the history keeps; the oldest go first. */
  limit: z.number(),
  /** Where it is kept, in words ("/home/ada/.config/…/history.json", "memory"). */
  location: z.string(),
})
export type HistoryList = z.infer<typeof HistoryListSchema>
