import { describe, expect, it } from 'vitest'
import { parseWebArgs } from '../../../main/web/args'

describe('web host arguments', () => {
  it('defaults to a free port and human output', () => {
    expect(parseWebArgs([])).toEqual({ ok: true, args: { port: 0, json: false, help: false, open: false } })
  })

  it('reads --port N, --port=N and --json', () => {
    expect(parseWebArgs(['--port', '8123', '--json'])).toMatchObject({ ok: true, args: { port: 8123, json: true } })
    expect(parseWebArgs(['--port=9000'])).toMatchObject({ ok: true, args: { port: 9000 } })
  })

  it('understands `npm run start:web --json --port 1234`, which npm passes as config variables', () => {
    expect(parseWebArgs([], { npm_config_json: 'true', npm_config_port: '1234' })).toMatchObject({ ok: true, args: { port: 1234, json: true } })
  })

  it('reads --deliver URL in every spelling, keeping the URL whole', () => {
    const url = 'dev.oauthflowtester:/callback?code=a=b&state=s'
    expect(parseWebArgs(['--deliver', url])).toMatchObject({ ok: true, args: { deliver: url } })
    expect(parseWebArgs([`--deliver=${url}`])).toMatchObject({ ok: true, args: { deliver: url } })
    expect(parseWebArgs(['--deliver', '--', url])).toMatchObject({ ok: true, args: { deliver: url } })
    expect(parseWebArgs(['--deliver', '--port'])).toMatchObject({ ok: true, args: { deliver: '--port' } })
  })

  it('reads the data folder from --data-dir, --data-dir=, or OFT_DATA_DIR (the option wins)', () => {
    expect(parseWebArgs(['--data-dir', '/tmp/a'])).toMatchObject({ ok: true, args: { dataDir: '/tmp/a' } })
    expect(parseWebArgs(['--data-dir=/tmp/b'])).toMatchObject({ ok: true, args: { dataDir: '/tmp/b' } })
    expect(parseWebArgs([], { OFT_DATA_DIR: '/tmp/c' })).toMatchObject({ ok: true, args: { dataDir: '/tmp/c' } })
    expect(parseWebArgs(['--data-dir', '/tmp/d'], { OFT_DATA_DIR: '/tmp/c' })).toMatchObject({ ok: true, args: { dataDir: '/tmp/d' } })
    const none = parseWebArgs([])
    expect(none.ok && none.args.dataDir).toBeUndefined()
  })

  it.each([['--port', 'abc'], ['--port', '70000'], ['--port'], ['--bogus'], ['--deliver'], ['--deliver', '--'], ['--data-dir'], ['--data-dir', '--json']])('refuses %j with a message', (...argv) => {
    const r = parseWebArgs(argv)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.message.length).toBeGreaterThan(10)
  })
})
