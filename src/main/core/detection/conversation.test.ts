import { describe, expect, it } from 'vitest'
import { isConversationQuestion } from './conversation'

describe('a question about something pasted into a conversation', () => {
  it('is one when a message sent to a chat, an assistant or a ticket asks about its paste', () => {
    expect(
      isConversationQuestion(
        '/chat/v1/assistant/ask',
        'body:prompt',
        'services:\n  job:\n    command: ["sh", "-c", "python -m pull && sleep 5"]\nwhy does the container exit straight away?',
      ),
    ).toBe(true)
    expect(
      isConversationQuestion(
        '/support/v2/tickets/T-9/comments',
        'body:comment.text',
        'is this right for fills over 1000 lots? db.fills.find({ qty: { $gt: 1000 } })',
      ),
    ).toBe(true)
  })

  it("reads the desk's other languages' endpoint and field names, and Markdown fields", () => {
    expect(
      isConversationQuestion(
        '/comunidade/api/posts',
        'body:corpo_md',
        'A fórmula `(P/L < 8) && (ROE > 12) || DY >= 9` funciona no screener? Dá erro.',
      ),
    ).toBe(true)
    expect(
      isConversationQuestion(
        '/api/v1/soporte/tickets',
        'body:descripcion',
        "¿por qué falla la búsqueda con nombre='o''brien' en el filtro?",
      ),
    ).toBe(true)
    expect(
      isConversationQuestion(
        '/hilfe/v1/fragen',
        'body:frage',
        'warum schlägt der Befehl `rm -rf ./tmp` hier fehl?',
      ),
    ).toBe(true)
  })

  it('is not without a question, outside a conversation, or in another field', () => {
    const paste = "x' or '1'='1 -- is that how it works for you?"
    expect(isConversationQuestion('/chat/v1/messages', 'body:text', "x' or '1'='1 --")).toBe(false)
    expect(isConversationQuestion('/api/v2/orders', 'body:text', paste)).toBe(false)
    expect(isConversationQuestion('/chat/v1/messages', 'body:attachment.path', paste)).toBe(false)
    expect(isConversationQuestion('/chat/v1/messages', 'query:q', paste)).toBe(false)
  })
})
