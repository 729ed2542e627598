import type { Diagnosis } from '../../shared/domain/diagnosis'
import type { LoopbackVerdict } from '../capture/loopback'
import type { Delivery } from '../capture/delivery'
import type { Clock } from '../clock'
import type { HttpClient } from '../http/client'
import type { ClientCredentials } from '../oauth/client-auth'
import type { SandboxManager } from '../sandbox/sandbox-manager'
import type { Run } from './run'

/** What a flow's steps may use from the engine that runs them. */
export interface FlowContext {
  clock: Clock
  http: HttpClient
  sandbox: SandboxManager
  /** Client id, authentication method and secret of the run's profile (secret from the vault). */
  credentials(run: Run): Promise<ClientCredentials>
  /** Publishes the run's new state. */
  update(run: Run): void
  /** Ends the run as failed with this diagnosis; returns false for `return ctx.fail(…)`. */
  fail(run: Run, diagnosis: Diagnosis): false
  succeed(run: Run): void
  /** Hands a redirect to the inbox and answers what the browser tab should say. */
  deliverForVerdict(delivery: Delivery): Promise<LoopbackVerdict>
}
