import type { Diagnosis } from '../../shared/domain/diagnosis'
import type { LoopbackVerdict } from '../capture/loopback'
import type { Delivery } from '../capture/delivery'
import type { Clock } from '../clock'
import type { HttpClient } from '../http/client'
import type { ClientCredentials } from '../oauth/client-auth'
import type { SandboxManager } from '../sandbox/sandbox-manager'
import type { Run } from './run'
import type { VendorSimulatorPort } from './vendor-target'

/** What a flow's steps may use from the engine that runs them. */
export interface FlowContext {
  clock: Clock
  http: HttpClient
  sandbox: SandboxManager
  /** The embedded vendor simulator, for profiles that run on it. */
  vendorSimulator?: VendorSimulatorPort
  /** Secret values of a profile, from the vault (the vendor flow's `x-secret-key`). */
  secrets(profileId: string): Promise<Record<string, string>>
  /** Keeps the vendor login in the vault; absent while the app has no vault. */
  rememberLogin?(profileId: string, login: { email: string; password: string }): Promise<void>
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
