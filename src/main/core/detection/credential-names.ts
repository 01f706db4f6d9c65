// The names a login form or API gives its fields, in the languages of the desks Vigil watches: a Brazilian
// broker posts {"cpf": …, "senha": …}, a German one {"benutzername": …, "kennwort": …}. Detection that
// only knew English names would miss every login elsewhere, and redaction would store their passwords:
// both read these lists. Written as regex alternations for the places that build patterns from them.

/**
 * A field holding a password, whole or as the end of a longer name (`new_password`, `nova_senha`):
 * English, Portuguese, Spanish, German, French, Dutch, Polish, Czech and Slovak, Turkish, Italian,
 * Finnish, Swedish, Norwegian, Danish, Indonesian and Malay, Vietnamese, Hungarian.
 */
export const PASSWORD_NAMES =
  'password|passwd|pwd|pass|passphrase|passcode|senha|contrase(?:ñ|n)a|clave|passwort|kennwort|mot_?de_?passe|mdp|wachtwoord|has(?:ł|l)o|heslo|(?:ş|s)ifre|parola(?:_?d_?ordine)?|salasana|l(?:ö|o)senord|passord|adgangskode|kata_?sandi|mat_?khau|jelsz(?:ó|o)'

/**
 * A field naming the account a login is for: English names, and national identifiers and the words for
 * "user" used as login names (CPF / CNPJ in Brazil, DNI / NIF / RUT / CURP in Spanish-speaking countries,
 * PESEL, TCKN, NIK; usuário, utilisateur, Benutzer, utente, gebruiker, kullanıcı, pengguna, correo), the
 * words for "identifier" and "e-mail" (identifiant, identificador, Kennung, courriel), and client numbers
 * as French, Dutch and German brokers name them.
 */
export const USER_NAMES =
  'user(?:_?name|_?id)?|login(?:_?id|_?name)?|e?-?mail(?:_?address)?|account(?:_?id|_?name)?|principal|uid|client_id|identifier|phone(?:_?number)?|mobile|cpf(?:_?cnpj)?|cnpj|documento|dni|nif|rut|curp|pesel|tckn|nik|usu(?:á|a)rio|utilisateur|benutzer(?:_?name)?|nome_?utente|utente|gebruiker(?:s_?naam)?|kullan(?:ı|i)c(?:ı|i)(?:_?ad(?:ı|i))?|pengguna|nama_?pengguna|correo|celular|telefone|identifiant|identificador|identificativo|(?:benutzer_?)?kennung|courriel|adresse_?(?:e_?)?mail|num(?:e|é)ro_?client|num_?client|(?:client|customer)_?(?:nr|no|num|number)|klant(?:en)?_?nummer|kunden_?nummer'

/**
 * A field holding a phone number: English, the operators' `msisdn`, Portuguese, Spanish, German. Each
 * reader adds the names of its own requests (a recipient's phone, a message's `to`).
 */
export const PHONE_NAMES =
  'phone|msisdn|mobile|phone_?number|mobile_?number|tel|telefone|celular|telefono|handy'

/**
 * A one-time code in a JSON or form body (an SMS or authenticator code, a PIN, a TAN): what a second
 * step sends, and what a request that only asks for a code to be sent lacks.
 */
export const ONE_TIME_CODE_FIELD =
  /["']?(?:code|otp|otp_?code|totp|token|pin|passcode|tan|one_?time_?(?:code|password)|(?:verification|sms)_?code)["']?\s*[:=]/i
