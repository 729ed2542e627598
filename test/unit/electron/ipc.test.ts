import { afterAll, describe, expect, it } from 'vitest'
import { CALL_NAMES } from '../../../shared/contract/names'
import { createService } from '../../../main/service'
import { ipcClient } from '../../support/contract-clients'

/** The Electron host's binding of the contract, with a stand-in for ipcMain (no Electron binary here). */
describe('bindContract', () => {
  const service = createService({ host: 'electron', version: 'test', versions: {}, openBrowser: async () => undefined })
  const ipc = ipcClient(service)
  afterAll(() => service.close())

  it('binds every call of the contract and answers from the app page', async () => {
    for (const name of CALL_NAMES) await expect(ipc.invokeAs('app://oft/index.html', name, {})).resolves.toBeDefined()
    expect(await ipc.call('listPresets')).toMatchObject({ ok: true })
  })

  it('refuses callers other than the app page, before anything runs', async () => {
    expect(await ipc.invokeAs('https://evil.example/', 'setSecret', { profileId: 'local-sandbox', name: 'clientSecret', value: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    })
  })

  it('answers a secret write with states only', async () => {
    const saved = (await ipc.call('saveProfile', {
      profile: { name: 'Basic', environment: 'sandbox', issuer: 'https://idp.example.com', clientId: 'c', clientAuth: 'client_secret_basic' },
      secrets: { clientSecret: 'IPC-CANARY-SECRET' },
    })) as { ok: true; value: { profile: { id: string; secrets: Record<string, string> } } }
    expect(saved.value.profile.secrets).toEqual({ clientSecret: 'set' })
    const cleared = await ipc.call('clearSecret', { profileId: saved.value.profile.id, name: 'clientSecret' })
    expect(cleared).toMatchObject({ ok: true, value: { secrets: { clientSecret: 'not-set' } } })
    expect(ipc.received.join('\n')).not.toContain('IPC-CANARY-SECRET')
  })
})
