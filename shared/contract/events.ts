import { z } from 'zod'
import { RunViewSchema } from '../domain/run'
import { LabReportSchema } from '../domain/lab'
import { TokenSetDetailSchema } from '../domain/token-lifecycle'

/** Everything main pushes to the renderer. */
export const TesterEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run-updated'), run: RunViewSchema }),
  z.object({
    type: z.literal('notice'),
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    runId: z.string().optional(),
  }),
  /** A token set changed: refreshed, revoked, used, expired (tokens masked). */
  z.object({ type: z.literal('token-set-updated'), tokenSet: TokenSetDetailSchema }),
  /** The scenario lab's report changed: a scenario started or finished, or the run ended. */
  z.object({ type: z.literal('lab-updated'), report: LabReportSchema }),
])
export type TesterEvent = z.infer<typeof TesterEventSchema>
