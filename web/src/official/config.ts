// The official ChatKit UI's options for our server: exported on its own so tests can read it.
import type { ChatKitOptions } from '@openai/chatkit';

export const API_URL = '/langgraph/chatkit';

/** The starter prompts of the seed page. */
export const PROMPTS = [
  { label: 'Πες μου για τα δάνεια μου', prompt: 'Πες μου για τα δάνεια μου', icon: 'book-open' },
  { label: 'Show me a carousel', prompt: 'show me a carousel', icon: 'images' },
  { label: 'Pay my installment', prompt: 'pay my installment', icon: 'check-circle' },
  { label: 'Show my balance', prompt: 'show my balance', icon: 'analytics' },
] as const;

/** `init` with `Content-Type: application/json` when its body is text and says no type. */
export function withJson(init: RequestInit): RequestInit {
  if (typeof init.body !== 'string') return init;
  const headers = new Headers(init.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return { ...init, headers };
}

export function options(domainKey: string, colorScheme: 'light' | 'dark'): ChatKitOptions {
  return {
    api: {
      url: API_URL,
      domainKey,
      // The session cookie identifies the user; a JSON body is labelled as such (the server
      // refuses other content types as possible cross-site forgeries).
      fetch: (input, init) => fetch(input, withJson({ ...init, credentials: 'same-origin' })),
    },
    theme: { colorScheme },
    startScreen: {
      greeting: 'How can I help with your accounts today?',
      prompts: PROMPTS.map((p) => ({ ...p })),
    },
    history: { enabled: true, showDelete: true, showRename: true },
    threadItemActions: { feedback: true, retry: true },
    widgets: {
      onAction: async (action) => {
        const url = action.payload?.url;
        if (action.type === 'open_link' && typeof url === 'string') {
          window.open(url, '_blank', 'noopener,noreferrer');
        }
      },
    },
  };
}
