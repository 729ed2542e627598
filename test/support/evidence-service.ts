import type { ProfileDraftInput, ProfileSummary } from '../../shared/domain/profile'
import type { RunView } from '../../shared/domain/run'
import type { SaveResult } from '../../shared/contract/profile-calls'
import { systemClock } from '../../main/clock'
import { fileStorage } from '../../main/profiles/storage/open-storage'
import { SANDBOX_CONFIDENTIAL_CLIENT, SANDBOX_CONFIDENTIAL_SECRET } from '../../main/sandbox/oidc/oidc-sandbox'
import { createService, type Service } from '../../main/service'
import { loginThroughSandbox } from './sandbox-login'

export type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } }

/** A service on real files in `dir`, as the web host makes it. */
export const serviceOn = (dir: string, extra: { historyLimit?: number } = {}): Service =>
  createService({ host: 'web', version: 'test', versions: { node: process.versions.node }, storage: fileStorage(dir, systemClock), openBrowser: async () => undefined, ...extra })

/** A call through the contract's dispatcher (validation and output checks included); throws on a refusal. */
export async function call<T>(service: Service, name: string, input: unknown = {}): Promise<T> {
  const answer = (await service.dispatch(name, input)) as Answer<T>
  if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`)
  return answer.value
}

/** Starts a flow, signs in on the sandbox's pages (loopback way back) and waits for the exchange. */
export async function runThroughSandbox(service: Service, profileId: string): Promise<RunView> {
  const started = await call<RunView>(service, 'startFlow', { profileId })
  await loginThroughSandbox(started.authorizeUrl!, { followFinal: true })
  return (await service.engine.settled(started.id))!
}

const confidential = { environment: 'sandbox', embedded: 'oidc-sandbox', clientId: SANDBOX_CONFIDENTIAL_CLIENT, scopes: 'openid profile' } as const

/** The sandbox's confidential client, with the right secret (`client_secret_basic`) or a wrong one. */
export async function saveConfidential(service: Service, name: string, secret = SANDBOX_CONFIDENTIAL_SECRET, clientAuth: 'client_secret_basic' | 'client_secret_post' = 'client_secret_basic'): Promise<ProfileSummary> {
  const profile: ProfileDraftInput = { ...confidential, name, clientAuth }
  const saved = await call<SaveResult>(service, 'saveProfile', { profile, secrets: { clientSecret: secret } })
  if (!saved.saved || !saved.profile) throw new Error(saved.message)
  return saved.profile
}
