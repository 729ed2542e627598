import { describe, expect, it } from 'vitest'
import { PendingLinks } from '../../../main/capture/pending-links'

describe('PendingLinks (deep links that arrive before the window)', () => {
  it('holds links until released, then hands them over in order', () => {
    const pending = new PendingLinks()
    pending.offer('a')
    pending.offer('b')
    expect(pending.waiting).toEqual(['a', 'b'])
    const got: string[] = []
    pending.release((url) => got.push(url))
    expect(got).toEqual(['a', 'b'])
    expect(pending.waiting).toEqual([])
  })

  it('passes later links straight through, and holds again when told', () => {
    const pending = new PendingLinks()
    const got: string[] = []
    pending.release((url) => got.push(url))
    pending.offer('now')
    expect(got).toEqual(['now'])
    pending.hold()
    pending.offer('later')
    expect(got).toEqual(['now'])
    expect(pending.waiting).toEqual(['later'])
  })

  it('keeps the newest links when flooded and counts what it dropped', () => {
    const pending = new PendingLinks(3)
    for (const url of ['1', '2', '3', '4', '5']) pending.offer(url)
    expect(pending.waiting).toEqual(['3', '4', '5'])
    expect(pending.dropped).toBe(2)
  })

  it('keeps going when the handler throws on one link', () => {
    const pending = new PendingLinks()
    pending.offer('bad')
    pending.offer('good')
    const got: string[] = []
    pending.release((url) => {
      if (url === 'bad') throw new Error('boom')
      got.push(url)
    })
    expect(got).toEqual(['good'])
  })
})
