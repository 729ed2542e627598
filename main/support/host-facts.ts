import { arch, release, type } from 'node:os'

/** What support needs to know about where the tester ran. */
export interface HostFacts {
  app: { name: string; version: string; host: 'electron' | 'web' }
  system: {
    os: string
    platform: string
    release: string
    arch: string
    /** Electron, Chromium (`chrome`) and Node versions, as the host reports them. */
    versions: Record<string, string>
    /** The browser the web host's page runs in, as it reports itself. */
    browser?: string
  }
}

export function hostFacts(app: HostFacts['app'], versions: Record<string, string>, userAgent?: string): HostFacts {
  const facts: HostFacts = {
    app,
    system: {
      os: `${type()} ${release()} (${process.platform}, ${arch()})`,
      platform: process.platform,
      release: release(),
      arch: arch(),
      versions: { ...versions, node: versions.node ?? process.versions.node },
    },
  }
  if (userAgent !== undefined && userAgent.trim() !== '') facts.system.browser = userAgent.trim()
  return facts
}
