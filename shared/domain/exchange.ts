import { z } from 'zod'

/** One HTTP request/response of a run, already redacted, as listed in the run view. */
export const ExchangeSummarySchema = z.object({
  id: z.string(),
  step: z.string(),
  method: z.string(),
  url: z.string(),
  status: z.number().optional(),
  /** Network or parse failure, in words. */
  error: z.string().optional(),
  startedAt: z.number(),
  durationMs: z.number(),
})
export type ExchangeSummary = z.infer<typeof ExchangeSummarySchema>
