import { z } from 'zod'

/** One HTTP exchange in full, already redacted: what the timeline opens behind an event. */
export const ExchangeDetailSchema = z.object({
  id: z.string(),
  step: z.string(),
  startedAt: z.number(),
  durationMs: z.number(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string().optional(),
  }),
  response: z
    .object({
      status: z.number(),
      statusText: z.string(),
      headers: z.record(z.string(), z.string()),
      body: z.string(),
      truncated: z.boolean(),
    })
    .optional(),
  /** Network failure, in words. */
  error: z.string().optional(),
})
export type ExchangeDetail = z.infer<typeof ExchangeDetailSchema>
