import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../main/clock'
import { HttpClient } from '../../main/http/client'
import { JwksCache } from '../../main/oauth/jwks'
import { verifyJwt } from '../../main/oauth/verify-jwt'

interface Key {
  privateKey: CryptoKey
  publicJwk: JWK
}

async function key(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } }
}

/**
 * Key rotation: a token signed with a key the cached JWKS does not have makes the verifier
 * fetch the set again, once. A real JWKS server on 127.0.0.1 whose keys the test changes.
 */
describe('JWKS key rotation', () => {
  let server: http.Server
  let uri: string
  let published: JWK[] = []
  let fetches = 0
  const client = new HttpClient(systemClock)
  const cache = new JwksCache(client)
  const issuer = 'https://issuer.example'

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      fetches++
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ keys: published }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const sign = (k: Key, kid: string): Promise<string> =>
    new SignJWT({ nonce: 'n' })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(issuer)
      .setAudience('client')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(k.privateKey)

  const verify = (token: string) =>
    verifyJwt(token, { kind: 'id_token', issuer, clientId: 'client', nonce: 'n' }, {
      allowedAlgs: ['ES256'],
      allowedFrom: 'the test',
      keys: cache.provider(uri, { step: 'jwks' }),
      now: Date.now(),
      skewSeconds: 30,
    })
  const signature = async (token: string) => (await verify(token)).checks.find((c) => c.check === 'signature')!

  it('uses the cached set, refetches once for a new kid, and fails after one refetch for an unknown one', async () => {
    const a = await key('key-a')
    const b = await key('key-b')
    const stranger = await key('key-x')
    published = [a.publicJwk]

    expect((await signature(await sign(a, 'key-a'))).status).toBe('pass')
    expect(fetches).toBe(1)
    expect((await signature(await sign(a, 'key-a'))).status).toBe('pass')
    expect(fetches).toBe(1)

    // The server rotates: key-b appears. The cached set does not have it.
    published = [a.publicJwk, b.publicJwk]
    const rotated = await signature(await sign(b, 'key-b'))
    expect(rotated.status).toBe('pass')
    expect(rotated.why).toContain('key rotation')
    expect(fetches).toBe(2)

    const unknown = await signature(await sign(stranger, 'key-x'))
    expect(unknown.status).toBe('fail')
    expect(unknown.why).toContain('even after fetching it again')
    expect(fetches).toBe(3)
  })
})
