import type { Region } from '../../../shared/domain/profile'
import type { Stores } from './bearer'
import type { ClientKeys, EnvironmentConfig, EnvironmentName } from './environments'
import type { HostedFlows } from './hosted-ui/hosted-flows'
import type { SimRequest } from './http-io'
import type { SimulatorLog, SimulatorLogEntry } from './log'
import type { ResolvedOptions } from './options'
import type { RegionStore } from './region-store'
import type { SessionTokens } from './sessions'

/** What the whole simulator shares: both environments live in one process. */
export interface SimulatorCore {
  options: ResolvedOptions
  stores: Stores
  sessions: SessionTokens
  hosted: HostedFlows
  log: SimulatorLog
}

/** One listener: an environment with its base URL. */
export interface EnvironmentRuntime {
  config: EnvironmentConfig
  baseUrl: string
  core: SimulatorCore
}

/** One request, after the gateway decided its region (and client, where one is needed). */
export interface RequestContext {
  env: EnvironmentRuntime
  region: Region
  store: RegionStore
  req: SimRequest
  now: number
  where: { environment: EnvironmentName; region: Region }
  /** Adds an event to the simulator log (request entries are added by the router). */
  note(event: string, extra?: Partial<SimulatorLogEntry>): void
  /** The same request seen in another region (the hosted pages learn theirs from the session). */
  forRegion(region: Region): RequestContext
}

export interface ClientContext extends RequestContext {
  client: ClientKeys
}
