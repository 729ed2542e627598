/**
 * The preload: exposes exactly the contract as `window.tester`. Built as one CommonJS file so it
 * runs in a sandboxed renderer; the page never sees ipcRenderer or an event object.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { TesterApi } from '../../shared/contract/api'
import type { TesterEvent } from '../../shared/contract/events'
import { CALL_NAMES, EVENT_CHANNEL, callChannel } from '../../shared/contract/names'

const api = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(callChannel(name), input)]),
) as unknown as TesterApi

api.onEvent = (listener) => {
  const handler = (_event: unknown, payload: TesterEvent): void => listener(payload)
  ipcRenderer.on(EVENT_CHANNEL, handler)
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, handler)
  }
}

contextBridge.exposeInMainWorld('tester', api)
