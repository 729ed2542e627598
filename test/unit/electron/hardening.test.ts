import { readFileSync } from 'node:fs'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { parse } from 'yaml'
import { APP_ENTRY } from '../../../main/electron/app-origin'
import { APP_SCHEME_PRIVILEGES, serveRenderer } from '../../../main/electron/app-protocol'
import { ELECTRON_CSP } from '../../../main/electron/csp'
import { bindContract } from '../../../main/electron/ipc'
import { applySecurityRules } from '../../../main/electron/security-rules'
import { mainWindowOptions } from '../../../main/electron/window-options'
import { CALL_NAMES, callChannel } from '../../../shared/contract/names'

/**
 * The Electron security checklist (electron/docs/tutorial/security.md, see
 * ../shared/reference/electron-architecture.md §3), item by item, against the objects the host
 * really uses. Electron cannot run here, so its objects are stood in for by minimal fakes that
 * record what the host registers; the host's own code runs unchanged.
 */

type Handler = (...args: unknown[]) => unknown

function fakeElectron() {
  const appHandlers = new Map<string, Handler>()
  const contentsHandlers = new Map<string, Handler>()
  let windowOpen: Handler | undefined
  let permissionRequest: Handler | undefined
  let permissionCheck: Handler | undefined
  const opened: string[] = []
  const app = { on: (event: string, fn: Handler) => appHandlers.set(event, fn) }
  const session = {
    setPermissionRequestHandler: (fn: Handler) => (permissionRequest = fn),
    setPermissionCheckHandler: (fn: Handler) => (permissionCheck = fn),
  }
  const shell = { openExternal: async (url: string) => void opened.push(url) }
  const contents = {
    id: 1,
    on: (event: string, fn: Handler) => contentsHandlers.set(event, fn),
    setWindowOpenHandler: (fn: Handler) => (windowOpen = fn),
  }
  applySecurityRules(app as never, session as never, shell as never)
  appHandlers.get('web-contents-created')?.({}, contents)
  const navigate = (event: string, url: string): boolean => {
    let prevented = false
    // Electron 25+ puts the URL on the event; the old second argument is kept for older handlers.
    contentsHandlers.get(event)?.({ preventDefault: () => (prevented = true), url }, url)
    return prevented
  }
  return { navigate, contentsHandlers, windowOpen: () => windowOpen, permissionRequest: () => permissionRequest, permissionCheck: () => permissionCheck, opened }
}

const prefs = mainWindowOptions('/app/out/preload/preload.cjs').webPreferences!
const csp = Object.fromEntries(ELECTRON_CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]))

describe('Electron security checklist', () => {
  it('1. loads only its own content, from the app scheme', () => {
    expect(APP_ENTRY).toBe('app://oft/index.html')
    expect(csp['script-src']).toEqual(["'self'"])
  })

  it('2. no Node integration anywhere', () => {
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })

  it('3. context isolation on', () => expect(prefs.contextIsolation).toBe(true))

  it('4. the renderer is sandboxed (so the preload is one CommonJS file)', () => {
    expect(prefs.sandbox).toBe(true)
    expect(prefs.preload).toMatch(/\.cjs$/)
  })

  it('5. every permission request and check is denied', () => {
    const e = fakeElectron()
    const callback = vi.fn()
    e.permissionRequest()?.({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(e.permissionCheck()?.({}, 'notifications')).toBe(false)
  })

  it('6, 8, 9, 10. web security stays on; no insecure content, experimental or Blink features', () => {
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.experimentalFeatures).toBe(false)
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
  })

  it('7. a strict Content-Security-Policy: nothing inline, nothing remote, no network', () => {
    expect(csp['default-src']).toEqual(["'none'"])
    expect(csp['connect-src']).toEqual(["'none'"])
    expect(csp['object-src']).toEqual(["'none'"])
    expect(csp['base-uri']).toEqual(["'none'"])
    expect(csp['frame-ancestors']).toEqual(["'none'"])
    expect(ELECTRON_CSP).not.toMatch(/unsafe-(inline|eval)|\*|http:|https:/)
  })

  it('11, 12. no webviews: the tag is off and attaching one is prevented', () => {
    expect(prefs.webviewTag).toBe(false)
    expect(fakeElectron().navigate('will-attach-webview', '')).toBe(true)
  })

  it('13. navigation away from the app is prevented; the app itself may reload', () => {
    const e = fakeElectron()
    expect(e.navigate('will-navigate', 'https://evil.example/')).toBe(true)
    expect(e.navigate('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(e.navigate('will-redirect', 'https://evil.example/')).toBe(true)
    expect(e.navigate('will-navigate', 'app://oft.evil/index.html')).toBe(true)
    expect(e.navigate('will-navigate', 'app://oft/index.html')).toBe(false)
  })

  it('14, 15. new windows are denied; only http(s) links go to the system browser', async () => {
    const e = fakeElectron()
    const open = e.windowOpen()!
    expect(open({ url: 'https://docs.example/help' })).toEqual({ action: 'deny' })
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(open({ url: 'smb://host/share' })).toEqual({ action: 'deny' })
    await Promise.resolve()
    expect(e.opened).toEqual(['https://docs.example/help'])
  })

  it('16. a supported Electron major', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> }
    expect(Number(pkg.devDependencies.electron?.split('.')[0])).toBeGreaterThanOrEqual(45)
  })

  it('17. every IPC call checks its sender before it reaches the service', async () => {
    const handlers = new Map<string, Handler>()
    const dispatch = vi.fn(async () => ({ ok: true, value: 'answered' }))
    const ours = { id: 7, isDestroyed: () => false, webContents: { id: 7 } }
    bindContract({ handle: (channel: string, fn: Handler) => handlers.set(channel, fn) } as never, dispatch as never, () => [ours] as never)
    expect([...handlers.keys()].sort()).toEqual(CALL_NAMES.map(callChannel).sort())
    const call = handlers.get(callChannel('listProfiles'))!
    const foreignFrame = await call({ sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } }, {})
    const subFrame = await call({ sender: { id: 7 }, senderFrame: { url: 'app://oft/index.html', parent: {} } }, {})
    const otherWindow = await call({ sender: { id: 8 }, senderFrame: { url: 'app://oft/index.html', parent: null } }, {})
    const noFrame = await call({ sender: { id: 7 }, senderFrame: null }, {})
    for (const refused of [foreignFrame, subFrame, otherWindow, noFrame]) expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(dispatch).not.toHaveBeenCalled()
    expect(await call({ sender: { id: 7 }, senderFrame: { url: 'app://oft/index.html', parent: null } }, {})).toEqual({ ok: true, value: 'answered' })
    expect(dispatch).toHaveBeenCalledWith('listProfiles', {})
  })

  it('18. the renderer comes from a privileged custom scheme, never file://, and cannot escape its folder', async () => {
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true })
    const dir = mkdtempSync(join(tmpdir(), 'oft-renderer-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>')
    let handler: ((req: Request) => Promise<Response>) | undefined
    serveRenderer({ handle: (_scheme: string, fn: typeof handler) => (handler = fn) } as never, dir)
    const page = await handler!(new Request('app://oft/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toBe(ELECTRON_CSP)
    expect((await handler!(new Request('app://oft/../../../etc/passwd'))).status).toBe(404)
    expect((await handler!(new Request('app://oft/%2e%2e/%2e%2e/etc/passwd'))).status).toBe(404)
    expect((await handler!(new Request('app://other/index.html'))).status).toBe(404)
  })

  it('19. fuses are flipped at package time', () => {
    const config = parse(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses: Record<string, boolean> }
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
  })

  it('20. the preload exposes exactly the contract, never ipcRenderer or an event object', async () => {
    vi.resetModules()
    const exposed: Record<string, unknown> = {}
    const listeners = new Map<string, Handler>()
    const invoke = vi.fn(async () => 'answer')
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke, on: (ch: string, fn: Handler) => listeners.set(ch, fn), removeListener: (ch: string) => listeners.delete(ch) },
    }))
    await import('../../../main/electron/preload')
    vi.doUnmock('electron')
    expect(Object.keys(exposed)).toEqual(['tester'])
    const api = exposed.tester as Record<string, Handler>
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'onEvent'].sort())
    await api.startFlow!({ profileId: 'p' })
    expect(invoke).toHaveBeenCalledWith(callChannel('startFlow'), { profileId: 'p' })
    const seen: unknown[] = []
    const unsubscribe = api.onEvent!((e: unknown) => seen.push(e)) as () => void
    listeners.get('tester:event')?.({ sender: 'ipc-event-object' }, { type: 'notice' })
    expect(seen).toEqual([{ type: 'notice' }])
    unsubscribe()
    expect(listeners.size).toBe(0)
  })
})
