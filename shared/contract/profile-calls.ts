import { z } from 'zod'
import {
  EndpointsSchema,
  EnvironmentSchema,
  ProfileDraftSchema,
  ProfileIssueSchema,
  ProfileSummarySchema,
  SecretStatusSchema,
} from '../domain/profile'

/**
 * The profile calls: editing, presets, secrets, import/export, discovery and storage status.
 * Secret values go one way only (in `saveProfile` / `setSecret` input); no output schema has
 * a field that could carry one: the renderer learns "set" or "not set".
 */
const Id = z.string().min(1).max(200)
const SecretName = z.string().min(1).max(200)
/** A secret value typed by the user. Never part of any output. */
const SecretValue = z.string().min(1).max(16_384)
const Issues = z.array(ProfileIssueSchema)
const SecretStates = z.record(z.string(), SecretStatusSchema)

export const PresetSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string(),
  description: z.string(),
  environment: EnvironmentSchema,
})
export type PresetSummary = z.infer<typeof PresetSummarySchema>

export const SaveResultSchema = z.object({
  saved: z.boolean(),
  /** The profile as stored (with its id), when saved. */
  profile: ProfileSummarySchema.optional(),
  issues: Issues,
  /** One sentence for the editor: saved, saved with problems, or why not. */
  message: z.string(),
})
export type SaveResult = z.infer<typeof SaveResultSchema>

export const IssuerComparisonSchema = z.object({
  /** What is compared: "PKCE method", "Client authentication", "Grant types", "Scopes". */
  feature: z.string(),
  /** What this profile uses. */
  used: z.array(z.string()),
  /** What the server advertises (empty when it says nothing). */
  supported: z.array(z.string()),
  verdict: z.enum(['ok', 'unsupported', 'not-advertised']),
  note: z.string(),
})

export const IssuerReportSchema = z.object({
  ok: z.boolean(),
  /** The issuer as the server names itself (use this exact string in the profile). */
  issuer: z.string(),
  discoveryUrl: z.string(),
  /** Why discovery failed, when it did. */
  error: z.string().optional(),
  status: z.number().optional(),
  durationMs: z.number().optional(),
  endpoints: EndpointsSchema,
  comparisons: z.array(IssuerComparisonSchema),
})
export type IssuerReport = z.infer<typeof IssuerReportSchema>

export const ExportResultSchema = z.object({
  fileName: z.string(),
  /** The file's content: profiles without any secret value. */
  json: z.string(),
  count: z.number(),
})
export type ExportResult = z.infer<typeof ExportResultSchema>

export const ImportResultSchema = z.object({
  imported: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** Secrets this profile needs; the user enters them (files never carry them). */
      secretsToEnter: z.array(z.string()),
    }),
  ),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  /** Things the user should know, e.g. "a field that looked secret was dropped". */
  warnings: z.array(z.string()),
})
export type ImportResult = z.infer<typeof ImportResultSchema>

export const StorageNoticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  at: z.number(),
})

export const StorageStatusSchema = z.object({
  /** Where profiles and the vault live. */
  location: z.string(),
  /** How secrets are protected, in words. */
  vault: z.string(),
  notices: z.array(StorageNoticeSchema),
})
export type StorageStatus = z.infer<typeof StorageStatusSchema>

const DraftInput = z
  .object({
    profile: ProfileDraftSchema,
    /** Secrets typed in the editor and about to be saved (names only). */
    pendingSecrets: z.array(SecretName).max(50).optional(),
  })
  .strict()

/**
 * What one profiles import may hold (README, "Profiles and secrets"). An export is about
 * 1.3 KB per profile, so the largest allowed file is well above any real one; a bigger file
 * is refused whole before it is read, and nothing is stored.
 */
export const IMPORT_LIMITS = { maxChars: 2_000_000, maxProfiles: 1000 } as const
export const IMPORT_TOO_LARGE = 'The file is larger than 2 MB (2,000,000 characters), the most one import reads. Split it into smaller exports (at most 1,000 profiles each).'

export const profileCalls = {
  getProfile: { input: z.object({ id: Id }).strict(), output: ProfileSummarySchema },
  validateProfile: { input: DraftInput, output: z.object({ issues: Issues }) },
  saveProfile: {
    input: z
      .object({
        profile: ProfileDraftSchema,
        /** Secret values typed in the editor, stored in the vault with the profile. */
        secrets: z.record(SecretName, SecretValue).optional(),
      })
      .strict(),
    output: SaveResultSchema,
  },
  deleteProfile: { input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.string() }) },
  duplicateProfile: {
    input: z.object({ id: Id, environment: EnvironmentSchema.optional(), name: z.string().min(1).max(120).optional() }).strict(),
    output: ProfileSummarySchema,
  },
  listPresets: { input: z.object({}).strict(), output: z.array(PresetSummarySchema) },
  createFromPreset: {
    input: z.object({ presetId: Id }).strict(),
    output: z.object({ draft: ProfileDraftSchema, issues: Issues }),
  },
  setSecret: {
    input: z.object({ profileId: Id, name: SecretName, value: SecretValue }).strict(),
    output: z.object({ secrets: SecretStates, issues: Issues }),
  },
  clearSecret: {
    input: z.object({ profileId: Id, name: SecretName }).strict(),
    output: z.object({ secrets: SecretStates, issues: Issues }),
  },
  exportProfiles: { input: z.object({ ids: z.array(Id).max(1000).optional() }).strict(), output: ExportResultSchema },
  importProfiles: {
    input: z.object({ json: z.string().max(IMPORT_LIMITS.maxChars, IMPORT_TOO_LARGE) }).strict(),
    output: ImportResultSchema,
  },
  fillFromIssuer: {
    input: z.object({ issuer: z.string().min(1).max(2048), profile: ProfileDraftSchema.optional() }).strict(),
    output: IssuerReportSchema,
  },
  getStorageStatus: { input: z.object({}).strict(), output: StorageStatusSchema },
} as const

export type ProfileCallName = keyof typeof profileCalls
