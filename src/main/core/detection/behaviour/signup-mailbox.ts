// The e-mail address a sign-up gives, and whether its mailbox is a throwaway one.
//
// Throwaway mailboxes (an inbox anyone can read, or one that expires in minutes) are what a farmer gives
// for accounts nobody will ever sign into again: the welcome offer, a referrer's bonus, an allocation. A
// customer may use one for a newsletter; for the account that holds their money, almost never. Their
// domains name what they are (temp mail, throwaway, disposable, trash, burner, ten-minute) in the
// languages of the desks, or are the few services everyone knows by name.

/** The e-mail a sign-up names, in a JSON or form body (percent-encoded `@` decoded), or null. */
export function signupEmailOf(body: string): string | null {
  const m = SIGNUP_EMAIL.exec(body.slice(0, 2_048))
  return m ? (m[1] as string).toLowerCase().replace(/%40/g, '@') : null
}

const SIGNUP_EMAIL =
  /(?:"(?:email|e[-_]?mail|mail|email_?address)"\s*:\s*"|(?:^|&)e?mail=)([^"&\s]{1,128}(?:@|%40)[^"&\s]{1,128})/i

// A throwaway mailbox's domain: its kind in its name (temp-mail, tmpmail, mail-temp, correo-temp,
// throwaway, disposable, trash-mail, burner, ten-minute, fake inbox, spambox), or one of the services known
// by name.
const THROWAWAY_DOMAIN =
  /(?:^|[.-])(?:(?:te?mp(?:orary|oral|orario)?|throw-?away|dispos(?:able)?|trash|burner|fake|junk|spam|10-?min(?:ute)?|minute|wegwerf|jetable)-?(?:e?-?mail|inbox|box|correo|post)s?|(?:e?-?mail|correo|inbox|post)-?(?:te?mp(?:orary|oral|orario)?|throwaway|trash|jetable)|mailinator|yopmail|guerrilla-?mail|sharklasers|maildrop|getnada|dispostable|mailnesia)(?:[.-]|$)/

/** Whether an e-mail address is on a throwaway mailbox's domain. */
export function isThrowawayMailbox(email: string): boolean {
  const at = email.lastIndexOf('@')
  return at >= 0 && THROWAWAY_DOMAIN.test(email.slice(at + 1))
}
