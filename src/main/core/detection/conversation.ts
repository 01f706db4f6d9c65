// A message in a conversation (a chat with the desk or with an AI assistant, a support ticket, a comment
// thread) that asks a question about something pasted into it: "Why does this exit straight away?" under
// a docker-compose file, "Is this right?" over a Mongo query, a traceback then "how do I add backoff?".
// People paste commands, queries, configurations and stack traces to ask about them; such a message is
// stored and shown, or handed to a language model, and no shell, database or file system runs its text.
//
// Rules for injections a server runs (SQL, shell, paths, NoSQL and LDAP filters, header breaks) opt in
// with `match.except: [conversation]`; markup and template rules do not (a message is shown to other
// people, and its links may be unfurled). The judgement depends on where the value was sent and under
// which field, not on the value alone, so it is made per request, after the per-value verdict cache.

// Endpoints that take conversation: chats and assistants, tickets, comment threads and posts (and their
// names in the desk's other languages: Portuguese, Spanish, French, German, Italian).
const CONVERSATION_PATH =
  /(?:^|\/)(?:assistants?|copilot|chat|ask|conversations?|messages?|tickets?|support|comments?|threads?|posts?|replies|mensagens|mensajes|chamados|suporte|soporte|comentarios|commentaires|kommentare|nachrichten|respostas|respuestas|réponses|reponses|antworten|risposte|perguntas|preguntas|domande|fragen)(?:\/|$)/i

// Fields that hold a message's text, in English and the same languages, plain or marked as Markdown
// (`body_md`, `corpo_md`).
const MESSAGE_FIELD =
  /(?:^|[.:])(?:prompt|question|message|text|content|body|comment|markdown|body_markdown|description|note|query_text|pergunta|pregunta|mensagem|mensaje|texto|texte|conteudo|conteúdo|contenido|contenu|corpo|cuerpo|corps|descricao|descrição|descripcion|descripción|comentario|comentário|commentaire|nachricht|frage|inhalt|beschreibung|kommentar|domanda|messaggio|testo|commento|descrizione)(?:_md|_markdown)?$/i

// A question: a sentence of words (in any script) that ends in a question mark.
const QUESTION = /\p{L}{2,}[,']?\s+[\p{L}']{1,}(?:[^?\n]{0,300}?)\?(?=\s|$|["')\]])/iu

// Prose around the paste: a run of three words.
const WORD_RUN = /\p{L}{2,}[,;:']?\s+\p{L}{2,}[,;:']?\s+\p{L}{2,}/iu

/**
 * True when `field` sent to `path` holds a message's text (a post, a ticket's description, a chat
 * message): laid out on lines by design, stored and shown in a page, never copied into a header.
 */
export function isConversationMessage(path: string, field: string): boolean {
  return CONVERSATION_PATH.test(path) && MESSAGE_FIELD.test(field)
}

/** True when `text` (decoded) sent as `field` to `path` is a question about something pasted. */
export function isConversationQuestion(path: string, field: string, text: string): boolean {
  if (!isConversationMessage(path, field)) return false
  if (!QUESTION.test(text)) return false
  return WORD_RUN.test(text)
}
