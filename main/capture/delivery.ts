import type { CaptureMethod } from '../../shared/domain/run'

/** A redirect handed to the inbox by any way back: loopback, deep link, paste or auth window. */
export interface Delivery {
  url: string
  method: CaptureMethod
  /** Set when the way back belongs to one run (its loopback listener, or a paste into it). */
  runId?: string
}
