// The words an application's paths use for the things behaviour detectors watch (signing up, a reward,
// money leaving, a destination for it, a card, a forgotten password), in the languages of the desks Vigil
// watches, as URL slugs write them (accents dropped or kept). A Brazilian broker's sign-up is /cadastro, its
// withdrawal /saques, a German one's /registrierung and /auszahlungen: detectors that knew only English
// slugs missed every such flow. Each constant is a regex alternation, used between segment separators.
//
// Languages: Portuguese, Spanish, German, French, Italian, Dutch, Polish, Turkish, Indonesian and Malay,
// Vietnamese (slugs without diacritics).

/** Opening an account, in the other languages. */
export const SIGNUP_WORDS =
  'cadastro|cadastrar|abrir-?conta|abertura-?de-?conta|registro|registrar(?:se)?|inscripcion|registrierung|registrieren|konto-?eroeffnen|konto-?eroffnen|inscription|s-?inscrire|iscrizione|registrazione|registratie|registreren|rejestracja|kayit|kayit-?ol|daftar|pendaftaran|dang-?ky'

/** A promotion, a bonus, a referral, a voucher (English first). */
export const REWARD_WORDS =
  'promos?|promotions?|bonus(?:es)?|rewards?|referrals?|vouchers?|coupons?|offers?|indicacao|indicacoes|indique|convite|convites|cupom|cupons|bonus|brinde|promocao|promocoes|recompensas?|referidos?|referencia|cupon(?:es)?|promocion(?:es)?|premios?|empfehlung(?:en)?|gutschein(?:e)?|praemie|parrainage|coupons?|recompenses?|parrain|invito|premi|buono|doorverwijzing|verwijzing|beloning(?:en)?|polecenie|polecenia|nagrody|kupon|davet|oduller?|referensi|undangan|hadiah|gioi-?thieu|khuyen-?mai'

/**
 * Money sent out of the account: a withdrawal, a payout. (A Pix transfer is not one: it is how people pay
 * each other every day.)
 */
export const MONEY_OUT_WORDS =
  'saques?|sacar|retiradas?|retiros?|retirar|auszahlung(?:en)?|retraits?|prelievi|prelievo|opnames?|uitbetaling(?:en)?|wyplaty|wyplata|cekim|para-?cekme|penarikan|tarik-?dana|rut-?tien'

/** Money put in: a deposit, a top-up, a pay-in. */
export const MONEY_IN_WORDS =
  'deposits?|top-?ups?|pay-?ins?|add-?(?:money|funds)|depositos?|depositar|einzahlung(?:en)?|wplaty?|yatirma|yatir|setor(?:an)?|nap-?tien'

/** A destination for money set up: a bank account, a beneficiary, an instant-payment key. */
export const DESTINATION_WORDS =
  'contas?-?bancarias?|favorecidos?|beneficiarios?|destinatarios?|cuentas?-?bancarias?|bankverbindung(?:en)?|empfaenger|beguenstigte|beneficiaires?|comptes?-?bancaires?|beneficiari|conti-?bancari|begunstigden|tegenrekening(?:en)?|odbiorcy|alicilar|rekening-?bank|penerima|tai-?khoan-?ngan-?hang'

/** A transfer (sent where a new destination was just set up, money out). */
export const TRANSFER_WORDS =
  'transferencias?|transferir|ueberweisung(?:en)?|uberweisung(?:en)?|virements?|bonifici|bonifico|overboeking(?:en)?|przelewy?|havale|eft|transfer-?dana|chuyen-?khoan'

/** A spending or transfer limit (raised in settings before money is sent). */
export const LIMIT_WORDS = 'limits?|limites?|limiti|limieten|limity|limitler|batas|han-?muc'

/** A payment card, or paying with one. */
export const CARD_WORDS =
  'cartao|cartoes|cartões|cartão|tarjetas?|karten?|kreditkarten?|cartes?|carta|kaarten?|karty?|kartlar?|kartu'

/** Paying (a subscription, a plan, a top-up): where a card is charged. */
export const PAYMENT_WORDS =
  'pagamentos?|pagos?|zahlung(?:en)?|paiements?|pagamenti|betaling(?:en)?|platnosci|platnosc|odeme|pembayaran|thanh-?toan'

/** A forgotten or lost password, an account to recover, a password to reset. */
export const FORGOT_WORDS =
  'esqueci|esqueceu|esqueci-?(?:a-?)?senha|recuperar|recuperacao|olvide|olvido|olvidaste|vergessen|passwort-?vergessen|oublie|mot-?de-?passe-?oublie|dimenticata|dimenticato|recupera|vergeten|zapomnialem|zapomniane|przypomnij|unuttum|sifremi-?unuttum|lupa|lupa-?sandi|quen-?mat-?khau|(?:id|aidi|bimilbeonho|pw|password)-?chatgi|chatgi|(?:id|pw|password|pasuwado)-?wasure|wasureta|zhaohui|wangji|reinitialisation|reinitialiser|réinitialisation|réinitialiser|zuruecksetzen|zurucksetzen|passwort-?zuruecksetzen|wachtwoord-?herstellen|restablecer|redefinir|redefinicao|reimpostare|reimposta|resetowanie|sifirla|sifirlama|atur-?ulang'

/** Checking whether an identity is known (a sign-up's availability check). */
export const CHECK_WORDS =
  'verificar|consultar|validar|comprobar|pruefen|prufen|verifier|vérifier|verifica|controleren|sprawdz|kontrol|cek|kiem-?tra'

/** Whether an identity is free to sign up with: available (`/inscription/email-disponible`). */
export const AVAILABLE_WORDS =
  'disponible|disponivel|disponibile|verfuegbar|verfugbar|beschikbaar|dostepny|dostepne|musait|tersedia|existe|existiert|bestaat|esiste'

/** Identities a sign-up or recovery form looks up: national ids, phone, e-mail. */
export const IDENTITY_WORDS =
  'cpf|cnpj|documento|dni|nif|nie|rut|curp|pesel|tckn|nik|celular|telefone|telefono|movil|handy|telephone|cellulare|telefoon|telefon|ponsel|so-?dien-?thoai|e-?mail|correo|usuario|utilisateur|benutzer|utente|gebruiker|kullanici|pengguna'

/** Account security settings: the phone and e-mail on file, the security page. */
export const SECURITY_WORDS =
  'seguranca|segurança|celular|telefone|seguridad|telefono|movil|sicherheit|handynummer|telefonnummer|securite|sécurité|telephone|sicurezza|cellulare|beveiliging|telefoonnummer|bezpieczenstwo|telefon|guvenlik|keamanan|ponsel|bao-?mat|so-?dien-?thoai'

/** A reward claimed or redeemed (its verb, after the reward's path). */
export const CLAIM_WORDS =
  'claim|redeem|activate|collect|resgatar|resgate|ativar|usar|aplicar|canjear|reclamar|activar|einloesen|einlosen|aktivieren|utiliser|activer|riscatta|attiva|inwisselen|activeren|odbierz|aktywuj|kullan|tukar|klaim|doi'

/** A device registered to the account. */
export const DEVICE_WORDS =
  'devices?|dispositivos?|geraete|gerate|appareils?|dispositivi|apparaten|urzadzenia|cihazlar|perangkat|thiet-?bi'

/** A step-up check: the holder confirming something with a code. */
export const STEP_UP_WORDS =
  'confirm|verify|challenge|step-?up|confirmar|verificar|bestaetigen|bestatigen|confirmer|verifier|conferma|verifica|bevestigen|potwierdz|dogrula|onay|konfirmasi|verifikasi|xac-?nhan'

/**
 * Completing a password reset (only the holder receives the code). Asking for one (recuperar, forgot) is
 * FORGOT_WORDS.
 */
export const RESET_WORDS =
  'reset|redefinir|restablecer|zuruecksetzen|zurucksetzen|zurücksetzen|reinitialiser|réinitialiser|herstellen|resetten|sifirla|sıfırla|reimposta|ripristina|obnovit|resetuj'

/** A regex for one segment (or a slug) of a path being any of `words`. */
export function segmentRegex(words: string): RegExp {
  return new RegExp(`(?:^|[/_.-])(?:${words})(?:$|[/_.-])`, 'i')
}

/** Opening an account in any of the languages, English first. */
export const SIGNUP_SLUGS = `sign-?ups?|register|registrations?|onboarding|enrol(?:l?ment)?|create-account|${SIGNUP_WORDS}`

/** Sign-up and onboarding endpoints: /signup, /register, /onboarding/…, /cadastro, /registrierung. */
export const SIGNUP_PATH = segmentRegex(SIGNUP_SLUGS)
