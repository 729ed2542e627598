import { callChannel } from '../../shared/contract/names'
import { APP_ENTRY } from '../../main/electron/app-origin'
import { bindContract } from '../../main/electron/ipc'
import type { Service } from '../../main/service'

// Electron's types, reached through bindContract so tests never name the electron module.
type IpcMain = Parameters<typeof bindContract>[0]
type IpcMainInvokeEvent = Parameters<Parameters<IpcMain['handle']>[1]>[0]

/** A caller of the contract that keeps the raw text of every answer it received. */
export interface RecordingClient {
  call<T = unknown>(name: string, input?: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>
  /** Every answer and event as it crossed the boundary (JSON text). */
  readonly received: string[]
}

/** The web host's transport: POST /api/<call> with the launch token. */
export function webClient(port: number, token: string): RecordingClient {
  const received: string[] = []
  return {
    received,
    async call(name, input = {}) {
      const res = await fetch(`http://127.0.0.1:${port}/api/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      })
      const text = await res.text()
      received.push(text)
      return JSON.parse(text)
    },
  }
}

/** Reads the web host's server-sent events into `received` until `stop`. */
export async function webEvents(port: number, token: string): Promise<{ received: string[]; stop(): Promise<void> }> {
  const received: string[] = []
  const controller = new AbortController()
  const res = await fetch(`http://127.0.0.1:${port}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal })
  const reading = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done || value === undefined) return
      received.push(value)
    }
  })()
  return {
    received,
    async stop() {
      controller.abort()
      await reading
    },
  }
}

/**
 * The Electron host's transport, bound by the real `bindContract` to a stand-in for ipcMain:
 * the Electron binary cannot run here, and ipcMain's only job in this path is to hold the
 * handlers and call them with the sender.
 */
export function ipcClient(service: Service): RecordingClient & { invokeAs(frameUrl: string, name: string, input?: unknown): Promise<unknown> } {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>>()
  const fakeIpcMain = {
    handle: (channel: string, fn: (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>) => handlers.set(channel, fn),
  } as unknown as IpcMain
  const window = { isDestroyed: () => false, webContents: { id: 1 } }
  bindContract(fakeIpcMain, service.dispatch, () => [window as never])
  const received: string[] = []
  const invokeAs = async (frameUrl: string, name: string, input: unknown = {}) => {
    const handler = handlers.get(callChannel(name as never))
    if (!handler) throw new Error(`no IPC handler for ${name}`)
    const event = { sender: { id: 1 }, senderFrame: { url: frameUrl, parent: null } } as unknown as IpcMainInvokeEvent
    const answer = await handler(event, structuredClone(input))
    // What Electron would serialize to the renderer (structured clone ≈ JSON for these values).
    received.push(JSON.stringify(answer))
    return answer
  }
  return {
    received,
    invokeAs,
    call: (name, input) => invokeAs(APP_ENTRY, name, input) as never,
  }
}
