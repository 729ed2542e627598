import { z } from 'zod'
import type { CallName } from './names'
import { ProfileSummarySchema } from '../domain/profile'
import { CaptureMethodSchema, RunViewSchema } from '../domain/run'
import { DiagnosisSchema } from '../domain/diagnosis'

const Id = z.string().min(1).max(200)

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  platform: z.string(),
  versions: z.record(z.string(), z.string()),
})
export type AppInfo = z.infer<typeof AppInfoSchema>

export const DeliveryOutcomeSchema = z.enum(['accepted', 'duplicate', 'rejected'])
export type DeliveryOutcome = z.infer<typeof DeliveryOutcomeSchema>

export const DeliveryResultSchema = z.object({
  outcome: DeliveryOutcomeSchema,
  runId: z.string().optional(),
  /** What happened, in words, ready to show. */
  message: z.string(),
  diagnosis: DiagnosisSchema.optional(),
})
export type DeliveryResult = z.infer<typeof DeliveryResultSchema>

/**
 * Per-run choices that leave the profile untouched, so a tester can try each way back and a
 * short session with the same profile.
 */
export const RunOptionsSchema = z
  .object({
    /** The way back for this run; the profile's method when absent. */
    capture: CaptureMethodSchema.optional(),
    /** The authorization session's length for this run; the profile's when absent. */
    sessionSeconds: z.number().int().min(5).max(86_400).optional(),
  })
  .strict()
export type RunOptions = z.infer<typeof RunOptionsSchema>

interface CallSpec {
  input: z.ZodType
  output: z.ZodType
}

/** Every call between renderer and main, with the schema of what goes in and what comes out. */
export const calls = {
  getAppInfo: { input: z.object({}).strict(), output: AppInfoSchema },
  listProfiles: { input: z.object({}).strict(), output: z.array(ProfileSummarySchema) },
  startFlow: { input: z.object({ profileId: Id, options: RunOptionsSchema.optional() }).strict(), output: RunViewSchema },
  cancelFlow: { input: z.object({ runId: Id }).strict(), output: RunViewSchema },
  getRun: { input: z.object({ runId: Id }).strict(), output: RunViewSchema },
  listRuns: { input: z.object({}).strict(), output: z.array(RunViewSchema) },
  deliverRedirect: {
    input: z
      .object({
        /** The pasted redirect URL, or just its query or fragment. */
        url: z.string().max(16_384),
        /** The run the user pasted into, when known; the `state` still decides. */
        runId: Id.optional(),
      })
      .strict(),
    output: DeliveryResultSchema,
  },
} as const satisfies { [K in CallName]: CallSpec }

export type Calls = typeof calls
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>
