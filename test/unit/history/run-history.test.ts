import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RunHistory } from '../../../main/history/run-history'
import { confBackend } from '../../../main/profiles/storage/conf-backend'
import type { StorageBackend, StorageNotice } from '../../../main/profiles/storage/storage-port'
import { FakeClock } from '../../support/fake-clock'
import { makeRecord } from '../../support/run-records'
import { tempDir } from '../../support/temp-dir'

describe('run history', () => {
  let dir: ReturnType<typeof tempDir>
  const clock = new FakeClock(Date.UTC(2026, 0, 1))
  beforeEach(() => {
    dir = tempDir('oft-history-unit-')
  })
  afterEach(() => dir.remove())

  const open = (limit?: number, notices: StorageNotice[] = [], backend: StorageBackend = confBackend(dir.path), onProblem?: (m: string) => void) =>
    RunHistory.open({ backend, clock, notices, ...(limit !== undefined && { limit }), ...(onProblem && { onProblem }) })

  it('keeps the newest runs up to its limit, newest first, and a run recorded again replaces its record', () => {
    const history = open(3)
    for (let i = 1; i <= 5; i++) history.record(makeRecord({ id: `r${i}`, createdAt: i }))
    expect(history.list().map((e) => e.runId)).toEqual(['r5', 'r4', 'r3'])
    history.record({ ...makeRecord({ id: 'r4', status: 'failed' }) })
    expect(history.list().map((e) => [e.runId, e.status])).toEqual([
      ['r5', 'succeeded'],
      ['r4', 'failed'],
      ['r3', 'succeeded'],
    ])
    history.flush()
    const reopened = open(3)
    expect(reopened.list()).toEqual(history.list())
    // A smaller limit after an upgrade or a setting change keeps the newest.
    expect(open(2).list().map((e) => e.runId)).toEqual(['r5', 'r4'])
  })

  it('coalesces writes: many records in a row are one write, on the next turn of the event loop', async () => {
    const history = open()
    history.record(makeRecord({ id: 'a' }))
    history.record(makeRecord({ id: 'b' }))
    const path = join(dir.path, 'history.json')
    expect(() => readFileSync(path, 'utf8')).toThrow()
    await new Promise((r) => setImmediate(r))
    expect((JSON.parse(readFileSync(path, 'utf8')) as { records: unknown[] }).records).toHaveLength(2)
  })

  it('leaves out a record it cannot read, keeps the others, and says so', () => {
    const history = open()
    history.record(makeRecord({ id: 'good' }))
    history.record(makeRecord({ id: 'bad' }))
    history.flush()
    const path = join(dir.path, 'history.json')
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { records: { run: { status: string } }[] }
    doc.records[1]!.run.status = 'exploded'
    writeFileSync(path, JSON.stringify(doc))
    const notices: StorageNotice[] = []
    expect(open(undefined, notices).list().map((e) => e.runId)).toEqual(['good'])
    expect(notices.map((n) => n.message)).toEqual(['1 run of the run history could not be read and was left out; the other 1 are kept.'])
  })

  it('a write that fails is said once, and the runs stay in memory', () => {
    const problems: string[] = []
    const inner = confBackend(dir.path)
    let failing = true
    const backend: StorageBackend = {
      ...inner,
      open: (name) => {
        const store = inner.open(name)
        return {
          read: () => store.read(),
          write: (value) => {
            if (failing) throw new Error('ENOSPC: no space left on device')
            store.write(value)
          },
        }
      },
    }
    const history = open(undefined, [], backend, (m) => problems.push(m))
    history.record(makeRecord({ id: 'a' }))
    history.flush()
    history.record(makeRecord({ id: 'b' }))
    history.flush()
    expect(problems).toEqual(['The run history could not be saved (ENOSPC: no space left on device); runs are kept in memory until the app closes.'])
    expect(history.list().map((e) => e.runId)).toEqual(['b', 'a'])
    failing = false
    history.record(makeRecord({ id: 'c' }))
    history.flush()
    expect(open().list().map((e) => e.runId)).toEqual(['c', 'b', 'a'])
  })

  it('a history written by a newer app is kept aside, not overwritten', () => {
    writeFileSync(join(dir.path, 'history.json'), JSON.stringify({ version: 99, records: [] }))
    const notices: StorageNotice[] = []
    expect(open(undefined, notices).list()).toEqual([])
    expect(notices[0]?.message).toMatch(/newer version of the app .*kept, untouched, as .*history\.corrupt-/)
  })
})
