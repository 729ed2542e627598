import { fail, ok, type Result } from '../../shared/contract/result'
import type { LabTargetKind } from '../../shared/domain/lab'
import type { Profile } from '../../shared/domain/profile'
import type { Clock } from '../clock'
import { buildDiagnosis } from '../diagnose/build'
import type { KnownKey } from '../diagnose/rules/evidence'
import { LOCAL_SANDBOX_ID } from '../profiles/builtin'
import type { ProfileRepository } from '../profiles/profile-repository'
import { SANDBOX_CONFIDENTIAL_CLIENT, SANDBOX_CONFIDENTIAL_SECRET, SANDBOX_PASTE_REDIRECT } from '../sandbox/oidc/oidc-sandbox'
import type { SandboxManager } from '../sandbox/sandbox-manager'
import { credentialsFor } from '../tokens/credentials'
import { BrowserAuthorizer, SandboxFormAuthorizer, type Authorizer } from './authorizers'
import type { LabTarget } from './lab-client'
import { StepFailed } from './scenario'

export interface TargetDeps {
  clock: Clock
  sandbox: SandboxManager
  profiles: ProfileRepository
  secrets(profileId: string): Promise<Record<string, string>>
  openBrowser(url: string): Promise<void>
  /** How long the lab waits for a browser sign-in per scenario. */
  browserTimeoutSeconds: number
}

export interface ResolvedTarget {
  kind: Exclude<LabTargetKind, 'vendor-simulator'>
  profile: Profile
  lab: LabTarget
  close(): Promise<void>
}

/**
 * What the standard scenarios run against: the embedded sandbox by default (signed in through its form, with
 * its log as "the server says"), or a profile of the user's (signed in through the browser).
 */
export async function resolveTarget(deps: TargetDeps, profileId: string = LOCAL_SANDBOX_ID): Promise<Result<ResolvedTarget>> {
  const profile = await deps.profiles.get(profileId)
  if (!profile) return fail('not-found', `No profile with id "${profileId}".`)
  const secrets = await deps.secrets(profile.id)
  const client = { clientId: profile.clientId, credentials: credentialsFor(profile, secrets) }
  const otherKeys: KnownKey[] = (await deps.profiles.list())
    .filter((p) => p.id !== profile.id && p.clientHeaders['x-client-key'])
    .map((p) => ({ profileName: p.name, environment: p.environment, ...(p.region !== undefined && { region: p.region }), clientKey: p.clientHeaders['x-client-key'] as string }))
  const secretValues = Object.values(secrets).filter((v) => v.length > 0)

  if (profile.embedded === 'oidc-sandbox') {
    const sandbox = await deps.sandbox.acquire()
    const form = new SandboxFormAuthorizer()
    return ok({
      kind: 'embedded-sandbox',
      profile,
      lab: {
        kind: 'embedded-sandbox',
        profile,
        issuer: sandbox.issuer,
        client,
        confidential: { clientId: SANDBOX_CONFIDENTIAL_CLIENT, credentials: { method: 'client_secret_basic', clientId: SANDBOX_CONFIDENTIAL_CLIENT, secret: SANDBOX_CONFIDENTIAL_SECRET } },
        authorizer: async () => form,
        registeredRedirectUri: SANDBOX_PASTE_REDIRECT,
        serverLog: sandbox.log,
        otherKeys,
        secrets: [...secretValues, SANDBOX_CONFIDENTIAL_SECRET],
      },
      close: async () => deps.sandbox.release(),
    })
  }

  // Vendor profiles are the lab's vendor target (`vendor-target.ts`); this is a standard server of the user's.
  const kind = 'profile'
  let browser: Promise<BrowserAuthorizer> | undefined
  const authorizer = (): Promise<Authorizer> => {
    if (profile.capture.method !== 'loopback' && profile.capture.method !== 'auth-window') {
      const summary = `The lab takes the redirect on a loopback listener (http://127.0.0.1:<port>${profile.capture.loopbackPath}); this profile comes back by ${profile.capture.method}. Register a loopback redirect URI for the client and set the profile’s way back to loopback.`
      return Promise.reject(new StepFailed(buildDiagnosis({ code: 'capture.unavailable', summary, stepKind: 'authorize' }, deps.clock.now())))
    }
    browser ??= BrowserAuthorizer.open({
      port: profile.capture.loopbackPort,
      path: profile.capture.loopbackPath,
      clock: deps.clock,
      openBrowser: deps.openBrowser,
      timeoutSeconds: deps.browserTimeoutSeconds,
    })
    return browser
  }
  const confidential = profile.clientAuth === 'client_secret_basic' || profile.clientAuth === 'client_secret_post'
  return ok({
    kind,
    profile,
    lab: {
      kind,
      profile,
      ...(profile.issuer && { issuer: profile.issuer }),
      client,
      ...(confidential && { confidential: client }),
      authorizer,
      ...(profile.capture.redirectUri !== undefined && { registeredRedirectUri: profile.capture.redirectUri }),
      otherKeys,
      secrets: secretValues,
    },
    close: async () => {
      if (browser) await (await browser.catch(() => undefined))?.close()
    },
  })
}
