import { randomBytes, randomUUID } from 'node:crypto'
import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose'
import type { Region } from '../../../shared/domain/profile'
import type { Clock } from '../../clock'
import type { EnvironmentName } from './environments'
import type { RegionStore, SessionRecord } from './region-store'

/**
 * The step-1 session token: a JWT (HS256 with a key that lives as long as the process), backed
 * by a server-side record that says what was asked for and whether a code was already issued.
 * Its claims name the environment and region so a tester decoding it can see where it belongs.
 */
export class SessionTokens {
  private readonly key = new Uint8Array(randomBytes(32))

  constructor(
    private readonly clock: Clock,
    private readonly lifetimeSeconds: number,
  ) {}

  async issue(
    store: RegionStore,
    where: { environment: EnvironmentName; region: Region; issuer: string },
    request: Omit<SessionRecord, 'id' | 'createdAt' | 'expiresAt' | 'usedAt'>,
  ): Promise<{ token: string; record: SessionRecord }> {
    const now = this.clock.now()
    const record: SessionRecord = { ...request, id: randomUUID(), createdAt: now, expiresAt: now + this.lifetimeSeconds * 1000 }
    store.sessions.set(record.id, record)
    const token = await new SignJWT({
      client_id: request.clientKey,
      mode: request.mode,
      env: where.environment,
      region: where.region,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(where.issuer)
      .setAudience('oauth-session')
      .setJti(record.id)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(record.expiresAt / 1000))
      .sign(this.key)
    return { token, record }
  }

  /**
   * Checks a presented session token against this environment + region. The JWT's `exp` has
   * second precision; the server-side record decides expiry to the millisecond.
   */
  async check(token: string, store: RegionStore, where: { environment: EnvironmentName; region: Region }): Promise<SessionCheck> {
    if (!looksLikeJwt(token)) return { ok: false, reason: 'not-a-jwt' }
    let payload: Record<string, unknown>
    try {
      ;({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        audience: 'oauth-session',
        currentDate: new Date(this.clock.now()),
      }))
    } catch (error) {
      // An expired token is still ours: say "expired", not "invalid".
      if (error instanceof errors.JWTExpired) payload = error.payload
      else if (error instanceof errors.JOSEError) return { ok: false, reason: 'bad-signature' }
      else throw error
    }
    if (payload.env !== where.environment) return { ok: false, reason: 'wrong-environment', belongsTo: String(payload.env) }
    if (payload.region !== where.region) return { ok: false, reason: 'wrong-region', belongsTo: String(payload.region) }
    const record = store.sessions.get(String(payload.jti))
    if (!record) return { ok: false, reason: 'unknown-session' }
    if (this.clock.now() >= record.expiresAt) return { ok: false, reason: 'expired', record }
    return { ok: true, record }
  }
}

export type SessionCheck =
  | { ok: true; record: SessionRecord }
  | { ok: false; reason: 'not-a-jwt' | 'bad-signature' | 'unknown-session'; record?: undefined }
  | { ok: false; reason: 'wrong-environment' | 'wrong-region'; belongsTo: string; record?: undefined }
  | { ok: false; reason: 'expired'; record: SessionRecord }

export const looksLikeJwt = (token: string): boolean => {
  if (!/^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(token)) return false
  try {
    decodeJwt(token)
    return true
  } catch {
    return false
  }
}
