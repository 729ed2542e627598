/** Run statuses without zod, so the renderer can use them without bundling the schemas. */
export const RUN_STATUSES = [
  'starting',
  'awaiting-callback',
  'exchanging',
  'succeeded',
  'failed',
  'expired',
  'cancelled',
] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

export const FINISHED_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'expired', 'cancelled']

export const isFinishedStatus = (status: RunStatus): boolean => FINISHED_STATUSES.includes(status)
