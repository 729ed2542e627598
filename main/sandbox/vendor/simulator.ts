import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Region } from '../../../shared/domain/profile'
import type { Stores } from './bearer'
import type { EnvironmentRuntime, SimulatorCore } from './context'
import { ENVIRONMENT_CONFIGS, type ClientKeys, type EnvironmentName, type RedirectPolicy } from './environments'
import { HostedFlows } from './hosted-ui/hosted-flows'
import { SimulatorLog, type SimulatorLogEntry } from './log'
import { resolveOptions, type Lifetimes, type VendorSimulatorOptions } from './options'
import { pendingOtp } from './otp'
import { RegionStore } from './region-store'
import { requestListener } from './router'
import { SessionTokens } from './sessions'
import type { VendorUser } from './users'

/**
 * The local simulator of the vendor's four-step OAuth flow (initiate → login (+OTP) →
 * authorize → token), written from `reference/baanx-oauth.md`; where the docs are silent it
 * follows the troubleshooting guide, and each such place says so in a comment.
 *
 * Two environments run in one process, each on its own port on 127.0.0.1: `sandbox` (http
 * allowed) and `production` (a production-like environment with https redirect rules and its
 * own keys and users). Each has two regions (`x-us-env: true` picks the US one) with separate
 * keys, users and token stores. Time comes from the injected clock.
 */
export interface VendorSimulator {
  environments: Record<EnvironmentName, SimulatorEnvironment>
  /** Every request and event, both environments (OTP codes included, on purpose). */
  log: SimulatorLogEntry[]
  lifetimes: Lifetimes
  close(): Promise<void>
}

export interface SimulatorEnvironment {
  name: EnvironmentName
  label: string
  baseUrl: string
  port: number
  keys: Record<Region, readonly ClientKeys[]>
  users: Record<Region, readonly VendorUser[]>
  redirect: RedirectPolicy
  /** The OTP code last "sent by SMS" to this user, while it is valid. */
  lastOtp(email: string, region?: Region): string | undefined
}

const emptyStores = (): Stores => ({
  sandbox: { international: new RegionStore(), us: new RegionStore() },
  production: { international: new RegionStore(), us: new RegionStore() },
})

export async function startVendorSimulator(opts: VendorSimulatorOptions = {}): Promise<VendorSimulator> {
  const options = resolveOptions(opts)
  const log = new SimulatorLog()
  const core: SimulatorCore = {
    options,
    stores: emptyStores(),
    sessions: new SessionTokens(options.clock, options.lifetimes.sessionSeconds),
    hosted: new HostedFlows(),
    log,
  }
  const servers: http.Server[] = []
  const close = async (): Promise<void> => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve())
            server.closeAllConnections()
          }),
      ),
    )
  }
  try {
    const sandbox = await listen('sandbox', opts.ports?.sandbox ?? 0, core, servers)
    const production = await listen('production', opts.ports?.production ?? 0, core, servers)
    return { environments: { sandbox, production }, log: log.entries, lifetimes: options.lifetimes, close }
  } catch (error) {
    await close()
    throw error
  }
}

async function listen(name: EnvironmentName, port: number, core: SimulatorCore, servers: http.Server[]): Promise<SimulatorEnvironment> {
  const config = ENVIRONMENT_CONFIGS[name]
  const server = http.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  servers.push(server)
  // Above undici's keep-alive threshold (1 s): with `timeout=1` every fetch would reconnect.
  server.keepAliveTimeout = 5000
  const actual = (server.address() as AddressInfo).port
  const env: EnvironmentRuntime = { config, baseUrl: `http://127.0.0.1:${actual}`, core }
  server.on('request', requestListener(env))
  return {
    name,
    label: config.label,
    baseUrl: env.baseUrl,
    port: actual,
    keys: config.clients,
    users: config.users,
    redirect: config.redirect,
    lastOtp(email, region = 'international') {
      const user = config.users[region].find((u) => u.email === email)
      return user && pendingOtp(core.stores[name][region], user.userId, core.options.clock.now())?.code
    },
  }
}
