import type http from 'node:http'
import type { Region } from '../../../shared/domain/profile'
import type { ClientContext, EnvironmentRuntime, RequestContext } from './context'
import { demoPage } from './demo-page'
import { authorize } from './endpoints/authorize'
import { initiate } from './endpoints/initiate'
import { login, sendLoginOtp } from './endpoints/login'
import { logout, revoke } from './endpoints/session-end'
import { token } from './endpoints/token'
import { PROTECTED_PATH, userProfile } from './endpoints/user-profile'
import { checkClientKey, requestRegion } from './gateway'
import { hostedAction, hostedEntry } from './hosted-ui/routes'
import { BodyTooLarge, readRequest, send, type SimRequest } from './http-io'
import { gatewayError, type Reply } from './replies'

type Handler<C> = (ctx: C) => Reply | Promise<Reply>

/**
 * `oauth` and `gateway` routes pass the client-key gate first (499/498); the two differ only in
 * how a key of the other environment or region is refused (see gateway.ts). `open` routes are
 * the hosted pages and the demo page, which a browser reaches without headers.
 */
type Route =
  | { method: string; path: string; gate: 'oauth' | 'gateway'; handle: Handler<ClientContext> }
  | { method: string; path: string; gate: 'open'; handle: Handler<RequestContext> }

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/v1/auth/oauth/authorize/initiate', gate: 'oauth', handle: initiate },
  { method: 'POST', path: '/v1/auth/login', gate: 'gateway', handle: login },
  { method: 'POST', path: '/v1/auth/login/otp', gate: 'gateway', handle: sendLoginOtp },
  { method: 'POST', path: '/v1/auth/oauth/authorize', gate: 'oauth', handle: authorize },
  { method: 'POST', path: '/v1/auth/oauth/token', gate: 'oauth', handle: token },
  { method: 'DELETE', path: '/v1/auth/oauth/revoke', gate: 'oauth', handle: revoke },
  { method: 'POST', path: '/v1/auth/logout', gate: 'gateway', handle: logout },
  { method: 'GET', path: PROTECTED_PATH, gate: 'gateway', handle: userProfile },
  { method: 'GET', path: '/hosted', gate: 'open', handle: hostedEntry },
  { method: 'POST', path: '/hosted/login', gate: 'open', handle: (ctx) => hostedAction(ctx, 'login') },
  { method: 'POST', path: '/hosted/otp', gate: 'open', handle: (ctx) => hostedAction(ctx, 'otp') },
  { method: 'POST', path: '/hosted/otp/resend', gate: 'open', handle: (ctx) => hostedAction(ctx, 'otp/resend') },
  { method: 'POST', path: '/hosted/consent', gate: 'open', handle: (ctx) => hostedAction(ctx, 'consent') },
  { method: 'GET', path: '/_simulator', gate: 'open', handle: demoPage },
]

/** The request listener of one environment. */
export function requestListener(env: EnvironmentRuntime): http.RequestListener {
  return (req, res) => {
    void respond(env, req)
      .then((reply) => send(res, reply))
      .catch(() => {
        if (!res.headersSent) send(res, gatewayError(500, 'Internal server error', 'internal'))
        else res.end()
      })
  }
}

async function respond(env: EnvironmentRuntime, raw: http.IncomingMessage): Promise<Reply> {
  let req: SimRequest
  try {
    req = await readRequest(raw)
  } catch (error) {
    if (error instanceof BodyTooLarge) return gatewayError(413, 'Request body too large', 'body-too-large')
    throw error
  }
  const ctx = context(env, req, requestRegion(req.header('x-us-env'), req.query))
  const reply = await route(ctx)
  env.core.log.add({
    at: ctx.now,
    environment: env.config.name,
    region: ctx.region,
    event: 'request',
    method: req.method,
    path: req.path,
    status: reply.status,
    ...(reply.reason !== undefined && { reason: reply.reason }),
  })
  return reply
}

async function route(ctx: RequestContext): Promise<Reply> {
  const { req } = ctx
  const onPath = ROUTES.filter((r) => r.path === req.path)
  const found = onPath.find((r) => r.method === req.method)
  if (!found) {
    if (onPath.length > 0) {
      return gatewayError(405, 'Method not allowed', 'method-not-allowed', undefined, { allow: onPath.map((r) => r.method).join(', ') })
    }
    return gatewayError(404, 'Not found', 'not-found')
  }
  try {
    if (found.gate === 'open') return await found.handle(ctx)
    const client = checkClientKey(ctx, found.gate)
    if (!client.ok) return client.reply
    return await found.handle({ ...ctx, client: client.client })
  } catch {
    return gatewayError(500, 'Internal server error', 'internal')
  }
}

function context(env: EnvironmentRuntime, req: SimRequest, region: Region): RequestContext {
  const now = env.core.options.clock.now()
  const ctx: RequestContext = {
    env,
    region,
    store: env.core.stores[env.config.name][region],
    req,
    now,
    where: { environment: env.config.name, region },
    note: (event, extra) => env.core.log.add({ at: now, environment: env.config.name, region, event, ...extra }),
    forRegion: (other) => context(env, req, other),
  }
  return ctx
}
