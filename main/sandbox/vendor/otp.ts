import { randomInt } from 'node:crypto'
import type { ResolvedOptions } from './options'
import type { RegionStore } from './region-store'
import type { VendorUser } from './users'

export type OtpSend = { ok: true; code: string; expiresAt: number } | { ok: false; retryAfterSeconds: number }

/**
 * "Sends" a 6-digit code by SMS: the simulator keeps it (its demo page and log show it). A new
 * send replaces the previous code. Sends are rate limited per user; the docs give no numbers,
 * Ledger reports that the real trigger is limited (429 with a retry-after value).
 */
export function sendOtp(store: RegionStore, user: VendorUser, now: number, options: ResolvedOptions): OtpSend {
  const windowMs = options.otpSendLimit.windowSeconds * 1000
  const record = store.otps.get(user.userId) ?? { expiresAt: 0, sends: [] }
  record.sends = record.sends.filter((at) => now - at < windowMs)
  if (record.sends.length >= options.otpSendLimit.max) {
    const oldest = record.sends[0] ?? now
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) }
  }
  record.sends.push(now)
  record.code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  record.expiresAt = now + options.lifetimes.otpSeconds * 1000
  store.otps.set(user.userId, record)
  return { ok: true, code: record.code, expiresAt: record.expiresAt }
}

export type OtpCheck = 'ok' | 'wrong' | 'expired' | 'not-sent'

/** A code works once; a wrong guess leaves the sent code valid. */
export function checkOtp(store: RegionStore, user: VendorUser, code: string, now: number): OtpCheck {
  const record = store.otps.get(user.userId)
  if (record?.code === undefined) return 'not-sent'
  if (now >= record.expiresAt) return 'expired'
  if (record.code !== code) return 'wrong'
  delete record.code
  return 'ok'
}

/** The last code sent to a user, while it is still valid (demo page, tests). */
export function pendingOtp(store: RegionStore, userId: string, now: number): { code: string; expiresAt: number } | undefined {
  const record = store.otps.get(userId)
  return record?.code !== undefined && now < record.expiresAt ? { code: record.code, expiresAt: record.expiresAt } : undefined
}
