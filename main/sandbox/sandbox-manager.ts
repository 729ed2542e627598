import type { Clock } from '../clock'
import { OnDemandServer } from './on-demand-server'
import { startOidcSandbox, type OidcSandbox, type SandboxOptions } from './oidc/oidc-sandbox'

/**
 * The embedded authorization server, started on first use and stopped when idle. It keeps its
 * port across restarts when it can, so a profile's issuer stays the same for the whole app
 * session.
 */
export class SandboxManager extends OnDemandServer<OidcSandbox> {
  constructor(clock: Clock, options: SandboxOptions = {}) {
    let lastPort = 0
    super(clock, async () => {
      let sandbox: OidcSandbox
      try {
        sandbox = await startOidcSandbox({ ...options, port: options.port ?? lastPort })
      } catch (error) {
        // The old port was taken meanwhile: any free port will do.
        if (lastPort === 0) throw error
        sandbox = await startOidcSandbox({ ...options, port: 0 })
      }
      lastPort = sandbox.port
      return sandbox
    })
  }
}
