// Talking to the ChatKit endpoint: JSON requests and SSE streams over `fetch` (the session
// cookie goes along), with the request and event types generated from our schema.
import type { ChatKitRequest, Page, Thread, ThreadItem, ThreadStreamEvent } from './types';

export const ENDPOINT = '/langgraph/chatkit';

/** A request that failed before any event: the server's 4xx/5xx, or the network. */
export class RequestError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

async function post(request: ChatKitRequest, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(request),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RequestError(`The server cannot be reached (${String(error)}).`);
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      message = body?.error?.message ?? body?.message ?? body?.detail ?? message;
    } catch {
      // not JSON: keep the status line
    }
    throw new RequestError(message, response.status);
  }
  return response;
}

/** A non-streaming request's JSON answer. */
export async function call<T>(request: ChatKitRequest): Promise<T> {
  return (await post(request)).json() as Promise<T>;
}

/**
 * A streaming request: calls `onEvent` for each `data:` event as it arrives (one `fetch`, read
 * chunk by chunk, split on blank lines; UTF-8 decoded across chunk boundaries).
 */
export async function stream(
  request: ChatKitRequest,
  onEvent: (event: ThreadStreamEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const response = await post(request, signal);
  if (!response.body) throw new RequestError('The answer has no body.');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) onEvent(JSON.parse(data) as ThreadStreamEvent);
    }
  }
}

export const listThreads = (after?: string) =>
  call<Page<Thread>>({ type: 'threads.list', params: { limit: 50, order: 'desc', after } });

export const loadThread = (threadId: string) =>
  call<Thread>({ type: 'threads.get_by_id', params: { thread_id: threadId } });

export async function loadItems(threadId: string): Promise<ThreadItem[]> {
  const items: ThreadItem[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await call<Page<ThreadItem>>({
      type: 'items.list',
      params: { thread_id: threadId, order: 'asc', limit: 100, after },
    });
    items.push(...page.data);
    if (!page.has_more || !page.after) return items;
    after = page.after;
  }
}
