/** Run statuses without zod, so the renderer can use them without bundling the schemas. */
export const RUN_STATUSES = [
  'starting',
  'awaiting-callback',
  // The vendor's API mode asks the user mid-run (shared/domain/run-vendor.ts).
  'awaiting-login',
  'awaiting-otp',
  'exchanging',
  /** The vendor flow's last step: the final access token tried on the test endpoint. */
  'checking',
  'succeeded',
  'failed',
  'expired',
  'cancelled',
] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

export const FINISHED_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'expired', 'cancelled']

export const isFinishedStatus = (status: RunStatus): boolean => FINISHED_STATUSES.includes(status)
