import { z } from 'zod'
import { RunViewSchema } from '../domain/run'

/** Everything main pushes to the renderer. */
export const TesterEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run-updated'), run: RunViewSchema }),
  z.object({
    type: z.literal('notice'),
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    runId: z.string().optional(),
  }),
])
export type TesterEvent = z.infer<typeof TesterEventSchema>
