import type { Region } from '../../../shared/domain/profile'
import type { EnvironmentName } from './environments'

/**
 * The simulator's own log: one entry per request, plus events such as an OTP "sent by SMS".
 * It shows OTP codes on purpose (the SMS has nowhere else to go); it is the log of a local test
 * server and never part of the app's evidence.
 */
export interface SimulatorLogEntry {
  at: number
  environment: EnvironmentName
  region: Region
  event: string
  /** For request entries. */
  method?: string
  path?: string
  status?: number
  /** The exact cause of an error answer (same as the body's `simulator.reason`). */
  reason?: string
  detail?: string
  /** Set on `otp.sent`. */
  email?: string
  otpCode?: string
}

const MAX_ENTRIES = 500

export class SimulatorLog {
  readonly entries: SimulatorLogEntry[] = []

  add(entry: SimulatorLogEntry): void {
    this.entries.push(entry)
    if (this.entries.length > MAX_ENTRIES) this.entries.shift()
  }
}
