import type { Region } from '../../../shared/domain/profile'
import { findKeyHome, regionLabel, type ClientKeys } from './environments'
import type { RequestContext } from './context'
import { gatewayError, invalidClient, type Reply } from './replies'

/**
 * The region is picked per request: `x-us-env: true` or `region=us` (baanx-oauth.md §1).
 * Anything else, including a missing header, is the international region.
 */
export function requestRegion(header: string | undefined, query: URLSearchParams): Region {
  if (header?.trim().toLowerCase() === 'true') return 'us'
  return query.get('region')?.toLowerCase() === 'us' ? 'us' : 'international'
}

/**
 * Every auth endpoint requires `x-client-key`: missing is 499, unknown is 498 (gateway shape).
 *
 * A key that exists, but for the other environment or region, is the guide's "sandbox keys
 * used in production (or vice versa)". The docs file that under invalid_client, so the OAuth
 * endpoints (`/v1/auth/oauth/*`) answer 401 invalid_client; the other endpoints answer 498 as
 * for any key they do not know. The docs do not say which one the real gateway sends first;
 * this split is our reading.
 */
export function checkClientKey(ctx: RequestContext, style: 'oauth' | 'gateway'): { ok: true; client: ClientKeys } | { ok: false; reply: Reply } {
  const key = ctx.req.header('x-client-key')
  if (key === undefined || key === '') return { ok: false, reply: gatewayError(499, 'Missing client key', 'missing-client-key', 'Send the x-client-key header on every call.') }
  const client = ctx.env.config.clients[ctx.region].find((c) => c.clientKey === key)
  if (client) return { ok: true, client }
  const home = findKeyHome(key)
  if (!home) return { ok: false, reply: gatewayError(498, 'Invalid client key', 'unknown-client-key', 'No environment of this simulator issued this key.') }
  const wrongEnvironment = home.environment !== ctx.env.config.name
  const reason = wrongEnvironment ? 'wrong-environment-key' : 'wrong-region-key'
  const note = wrongEnvironment
    ? `This is a ${home.environment} key, sent to the ${ctx.env.config.name} environment. Sandbox and production keys are separate.`
    : `This key belongs to the ${regionLabel(home.region)}, but the request went to the ${regionLabel(ctx.region)}${
        home.region === 'us' ? ' (send "x-us-env: true")' : ' (drop "x-us-env: true")'
      }.`
  if (style === 'oauth') return { ok: false, reply: invalidClient(`Authentication failed. ${note}`, reason) }
  return { ok: false, reply: gatewayError(498, 'Invalid client key', reason, note) }
}
