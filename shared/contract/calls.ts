import { z } from 'zod'
import type { CallName } from './names'
import { ProfileSummarySchema } from '../domain/profile'
import { RunViewSchema } from '../domain/run'
import { DiagnosisSchema } from '../domain/diagnosis'
import { profileCalls } from './profile-calls'

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

interface CallSpec {
  input: z.ZodType
  output: z.ZodType
}

/** Every call between renderer and main, with the schema of what goes in and what comes out. */
export const calls = {
  getAppInfo: { input: z.object({}).strict(), output: AppInfoSchema },
  listProfiles: { input: z.object({}).strict(), output: z.array(ProfileSummarySchema) },
  startFlow: { input: z.object({ profileId: Id }).strict(), output: RunViewSchema },
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
  ...profileCalls,
} as const satisfies { [K in CallName]: CallSpec }

export type Calls = typeof calls
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>
