// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TesterApi } from '../../../shared/contract/api'

/** The API-mode forms: what they send to main, and what they never keep or show. */
const calls: { name: string; input: unknown }[] = []
const answer = (name: string) => async (input: unknown) => {
  calls.push({ name, input })
  return { ok: false as const, error: { code: 'conflict' as const, message: `${name} refused in this test` } }
}

let LoginForm: typeof import('../../../renderer/src/components/vendor/VendorLoginForm.vue').default
let OtpForm: typeof import('../../../renderer/src/components/vendor/VendorOtpForm.vue').default

beforeAll(async () => {
  ;(window as unknown as { tester: Partial<TesterApi> }).tester = {
    submitLogin: answer('submitLogin'),
    sendOtp: answer('sendOtp'),
    submitOtp: answer('submitOtp'),
    onEvent: () => () => undefined,
  } as Partial<TesterApi>
  LoginForm = (await import('../../../renderer/src/components/vendor/VendorLoginForm.vue')).default
  OtpForm = (await import('../../../renderer/src/components/vendor/VendorOtpForm.vue')).default
})

beforeEach(() => {
  setActivePinia(createPinia())
  calls.length = 0
})

describe('the login form', () => {
  it('sends the password once and empties the field at once; “remember” needs a vault', async () => {
    const form = mount(LoginForm, { props: { runId: 'r1', input: { kind: 'login', canRemember: false } } })
    await form.get('[data-testid="vendor-email"]').setValue('a@b.test')
    await form.get('[data-testid="vendor-password"]').setValue('hunter2-secret')
    expect(form.get('[data-testid="vendor-remember"]').attributes('disabled')).toBeDefined()
    expect(form.get('[data-testid="vendor-password"]').attributes('autocomplete')).toBe('off')
    await form.get('form').trigger('submit')
    expect((form.get('[data-testid="vendor-password"]').element as HTMLInputElement).value).toBe('')
    await flushPromises()
    expect(calls).toEqual([{ name: 'submitLogin', input: { runId: 'r1', email: 'a@b.test', password: 'hunter2-secret' } }])
    // Main's refusal is shown; the password is nowhere on the page.
    expect(form.get('[data-testid="vendor-refusal"]').text()).toBe('submitLogin refused in this test')
    expect(form.html()).not.toContain('hunter2-secret')
  })
})

describe('the OTP form', () => {
  it('Resend waits for its timer; the code is sent once and the field emptied', async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'setInterval', 'clearInterval'] })
    try {
      const form = mount(OtpForm, { props: { runId: 'r1', input: { kind: 'otp', sends: 1, sentAt: 990_000, resendAt: 1_020_000, phoneNumber: '+447*****123' } } })
      vi.advanceTimersByTime(500)
      await flushPromises()
      const send = form.get('[data-testid="vendor-otp-send"]')
      expect(send.text()).toBe('Resend code')
      expect(send.attributes('disabled')).toBeDefined()
      expect(form.get('[data-testid="vendor-otp-wait"]').text()).toBe('Resend in 20 s')
      vi.advanceTimersByTime(20_000)
      await flushPromises()
      expect(form.get('[data-testid="vendor-otp-send"]').attributes('disabled')).toBeUndefined()

      await form.get('[data-testid="vendor-otp-code"]').setValue('123456')
      await form.get('form').trigger('submit')
      await flushPromises()
      expect(calls).toEqual([{ name: 'submitOtp', input: { runId: 'r1', otpCode: '123456' } }])
      expect((form.get('[data-testid="vendor-otp-code"]').element as HTMLInputElement).value).toBe('')
    } finally {
      vi.useRealTimers()
    }
  })
})
