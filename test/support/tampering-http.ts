import type { Clock } from '../../main/clock'
import { HttpClient, type HttpRequest, type RequestContext } from '../../main/http/client'
import type { HttpExchange } from '../../main/http/exchange'

/** Changes one request before it leaves; `send` sends another one first (a replay, a duplicate). */
export type Tamper = (request: HttpRequest, send: (request: HttpRequest) => Promise<HttpExchange>) => HttpRequest | Promise<HttpRequest>

/**
 * The real HTTP client with a test-only hook: the next request of a named step is changed
 * before it is sent (and recorded as changed), to provoke mistakes the engine never makes on
 * its own, such as token confusion or a regenerated verifier. Production code has no such
 * switch; tests swap the client.
 */
export class TamperingHttpClient extends HttpClient {
  private hooks: { step: string; tamper: Tamper }[] = []

  constructor(clock: Clock) {
    super(clock, 'OAuthFlowTester/test')
  }

  /** Changes the next request of `step`. */
  tamper(step: string, tamper: Tamper): void {
    this.hooks.push({ step, tamper })
  }

  override async send(req: HttpRequest, ctx: RequestContext): Promise<HttpExchange> {
    const index = this.hooks.findIndex((h) => h.step === ctx.step)
    if (index >= 0) {
      const [hook] = this.hooks.splice(index, 1)
      req = await hook!.tamper(req, (other) => super.send(other, ctx))
    }
    return super.send(req, ctx)
  }
}

/** The JSON body of a request with some fields changed. */
export function withJson(req: HttpRequest, change: (body: Record<string, unknown>) => void): HttpRequest {
  const body = JSON.parse(req.body ?? '{}') as Record<string, unknown>
  change(body)
  return { ...req, body: JSON.stringify(body) }
}

/** The same request with some headers set (a string) or removed (undefined). */
export function withHeaders(req: HttpRequest, headers: Record<string, string | undefined>): HttpRequest {
  const out = { ...(req.headers ?? {}) }
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) delete out[name]
    else out[name] = value
  }
  return { ...req, headers: out }
}
