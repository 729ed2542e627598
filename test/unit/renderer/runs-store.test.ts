// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import type { RunView } from '../../../shared/domain/run'
import { useRunsStore } from '../../../renderer/src/stores/runs'

const view = (status: RunView['status'], revision: number | undefined): RunView => ({
  id: 'r1',
  profileId: 'p',
  profileName: 'p',
  environment: 'sandbox',
  status,
  createdAt: 1,
  captureMethod: 'paste',
  steps: [],
  deadlines: [],
  diagnoses: [],
  exchanges: [],
  notes: [],
  ...(revision !== undefined && { revision }),
})

describe('the runs store', () => {
  it('keeps the newer view when a call’s answer arrives after the events that followed it', () => {
    setActivePinia(createPinia())
    const runs = useRunsStore()
    runs.put(view('succeeded', 7))
    runs.put(view('exchanging', 5))
    expect(runs.runs.r1?.status).toBe('succeeded')
    runs.put(view('succeeded', 7))
    expect(runs.runs.r1?.revision).toBe(7)
    // Views without a revision (older hosts, recorded runs) are taken as they come.
    runs.put(view('failed', undefined))
    expect(runs.runs.r1?.status).toBe('failed')
  })
})
