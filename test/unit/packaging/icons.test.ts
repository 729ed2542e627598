import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

/**
 * The installers' icons, rendered from build/icon.svg by `npm run icons` and committed. Read
 * from the PNG bytes themselves: signature, IHDR (size, RGBA) and the first pixel's alpha.
 */
const root = new URL('../../..', import.meta.url).pathname
const config = parse(readFileSync(`${root}electron-builder.yml`, 'utf8')) as { icon?: string; linux?: { icon?: string } }

interface PngFacts {
  width: number
  height: number
  rgba: boolean
  /** Alpha of the top-left pixel: 0 where the rounded corner leaves the background clear. */
  cornerAlpha: number
}

function readPng(path: string): PngFacts {
  const bytes = readFileSync(path)
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR')
  const width = bytes.readUInt32BE(16)
  const height = bytes.readUInt32BE(20)
  const bitDepth = bytes[24]
  const colorType = bytes[25]
  const idat: Buffer[] = []
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at)
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length))
    at += 12 + length
  }
  // Every PNG filter predicts 0 for the first pixel of the first row, so its bytes are raw:
  // [filter type, R, G, B, A, …].
  const raw = inflateSync(Buffer.concat(idat))
  return { width, height, rgba: bitDepth === 8 && colorType === 6, cornerAlpha: raw[4] ?? -1 }
}

describe('installer icons', () => {
  it('build/icon.png is 1024×1024 RGBA with a transparent corner (the .icns and .ico are made from it)', () => {
    expect(config.icon).toBe('build/icon.png')
    expect(readPng(`${root}build/icon.png`)).toEqual({ width: 1024, height: 1024, rgba: true, cornerAlpha: 0 })
  })

  it('the Linux set has every hicolor size from 16 to 512, each named for its size', () => {
    expect(config.linux?.icon).toBe('build/icons')
    const sizes = [16, 24, 32, 48, 64, 128, 256, 512]
    expect(readdirSync(`${root}build/icons`).sort()).toEqual(sizes.map((n) => `${n}x${n}.png`).sort())
    for (const n of sizes) {
      expect(readPng(`${root}build/icons/${n}x${n}.png`), `${n}x${n}.png`).toMatchObject({ width: n, height: n, rgba: true })
    }
    // From 32 px up the rounded corner is a whole pixel wide.
    for (const n of sizes.filter((s) => s >= 32)) expect(readPng(`${root}build/icons/${n}x${n}.png`).cornerAlpha, `${n}x${n}.png`).toBe(0)
  })

  it('the source and the script that renders it are there', () => {
    expect(existsSync(`${root}build/icon.svg`)).toBe(true)
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts.icons).toBe('node scripts/make-icons.mjs')
  })

  it('a PNG that is not one fails the check', () => {
    expect(() => readPng(`${root}build/icon.svg`)).toThrow()
  })
})
