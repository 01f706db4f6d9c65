import { describe, expect, it } from 'vitest'
import { isThrowawayMailbox, signupEmailOf } from './signup-mailbox'

describe('signupEmailOf', () => {
  it('reads the e-mail wherever a JSON or form sign-up puts it', () => {
    expect(signupEmailOf('{"mobile":"+966500000001","email":"Noura.A@Example.com"}')).toBe(
      'noura.a@example.com',
    )
    expect(signupEmailOf('name=Rami&mail=rami%40example.org&plan=basic')).toBe('rami@example.org')
    expect(signupEmailOf('{"mobile":"+966500000001"}')).toBeNull()
  })
})

describe('isThrowawayMailbox', () => {
  it('knows a throwaway mailbox by what its domain says it is, or by name', () => {
    for (const e of [
      'a@tempmail.example',
      'b@temp-mail.example',
      'c@mail-temp.example',
      'd@correo-temp.example',
      'e@emailtemporario.example',
      'f@throwaway-inbox.example',
      'g@10minutemail.example',
      'h@trashmail.example',
      'i@wegwerfmail.example',
      'j@mailinator.com',
      'k@yopmail.fr',
    ])
      expect(isThrowawayMailbox(e), e).toBe(true)
  })

  it('leaves mailboxes people keep alone, whatever letters their domain shares', () => {
    for (const e of [
      'a@gmail.com',
      'b@temple.edu',
      'c@contemporary.art',
      'd@temporal.io',
      'e@tempus.co',
      'f@post.ch',
      'g@mail.ru',
      'tempmail@example.com',
    ])
      expect(isThrowawayMailbox(e), e).toBe(false)
  })
})
