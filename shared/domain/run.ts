import { z } from 'zod'
import { DiagnosisSchema } from './diagnosis'
import { TokenSetViewSchema } from './tokens'
import { ExchangeSummarySchema } from './exchange'
import { CaptureMethodSchema } from './profile'
import { VendorRunViewSchema } from './run-vendor'
import { FINISHED_STATUSES, RUN_STATUSES, type RunStatus } from './run-status'

/** What the renderer may know about a flow run. Nothing secret has a field here. */

export const StepKindSchema = z.enum([
  'discovery',
  'authorize',
  'callback',
  'token',
  // The vendor's four-step flow (main/flows/vendor-flow.ts); `authorize`, `callback` and
  // `token` above are shared with it.
  'initiate',
  'login',
  'otp',
  'final-check',
])
export type StepKind = z.infer<typeof StepKindSchema>

export const StepStatusSchema = z.enum(['pending', 'active', 'done', 'failed', 'skipped'])
export type StepStatus = z.infer<typeof StepStatusSchema>

export const StepViewSchema = z.object({
  kind: StepKindSchema,
  title: z.string(),
  status: StepStatusSchema,
  startedAt: z.number().optional(),
  endedAt: z.number().optional(),
  /** One line for the step card, e.g. "POST /token → 200 in 34 ms". */
  detail: z.string().optional(),
  exchangeIds: z.array(z.string()),
  diagnosisIds: z.array(z.string()),
})
export type StepView = z.infer<typeof StepViewSchema>

export const RunStatusSchema = z.enum(RUN_STATUSES)
export { FINISHED_STATUSES, type RunStatus }

export const DeadlineKindSchema = z.enum(['session', 'code', 'access-token', 'refresh-token'])
export type DeadlineKind = z.infer<typeof DeadlineKindSchema>

export const DeadlineViewSchema = z.object({
  kind: DeadlineKindSchema,
  label: z.string(),
  startsAt: z.number(),
  expiresAt: z.number(),
})
export type DeadlineView = z.infer<typeof DeadlineViewSchema>

export { CaptureMethodSchema }
export type CaptureMethod = z.infer<typeof CaptureMethodSchema>

export const CaptureViewSchema = z.object({
  method: CaptureMethodSchema,
  /** The redirect as it arrived, with `code` masked. */
  url: z.string(),
  at: z.number(),
})
export type CaptureView = z.infer<typeof CaptureViewSchema>

/**
 * One redirect that reached a run, by any way back: the one that counted, and every
 * duplicate or refused one after it, so a tester sees a double delivery for what it was.
 */
export const RedirectArrivalSchema = z.object({
  method: CaptureMethodSchema,
  /** As it arrived, with `code` and tokens masked. */
  url: z.string(),
  at: z.number(),
  outcome: z.enum(['accepted', 'duplicate', 'rejected']),
  message: z.string(),
})
export type RedirectArrival = z.infer<typeof RedirectArrivalSchema>

/** A line in the run's log: what happened besides the steps (duplicates, warnings). */
export const RunNoteSchema = z.object({
  at: z.number(),
  level: z.enum(['info', 'warning', 'error']),
  text: z.string(),
})
export type RunNote = z.infer<typeof RunNoteSchema>

export const RunViewSchema = z.object({
  id: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  environment: z.string(),
  status: RunStatusSchema,
  createdAt: z.number(),
  endedAt: z.number().optional(),
  redirectUri: z.string().optional(),
  captureMethod: CaptureMethodSchema,
  /** The authorize URL is public by design (state and challenge are not secrets). */
  authorizeUrl: z.string().optional(),
  steps: z.array(StepViewSchema),
  deadlines: z.array(DeadlineViewSchema),
  capture: CaptureViewSchema.optional(),
  /** Every redirect that reached this run, in order (absent from runs recorded before it existed). */
  arrivals: z.array(RedirectArrivalSchema).optional(),
  tokens: TokenSetViewSchema.optional(),
  diagnoses: z.array(DiagnosisSchema),
  exchanges: z.array(ExchangeSummarySchema),
  notes: z.array(RunNoteSchema),
  /**
   * Grows with every published change of the run, so a view that arrives late (a call's
   * answer overtaken by the event stream) never replaces a newer one.
   */
  revision: z.number().int().optional(),
  /** The vendor flow's own state: what it waits for, its tokens by type, where each went. */
  vendor: VendorRunViewSchema.optional(),
})
export type RunView = z.infer<typeof RunViewSchema>
