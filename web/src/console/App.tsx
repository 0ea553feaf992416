// The console: threads of this browser's session on the left, the open thread on the right,
// streamed live over the protocol; a widget gallery; light and dark.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import gallery from '../generated/gallery.json';
import type { ActionConfig, ChatKitWidgets } from '../generated/widgets';
import { Item } from './Items';
import type { Answers } from './Questions';
import { RequestError, call, listThreads, loadItems, stream } from './protocol';
import { apply, empty, type View } from './thread';
import type { ChatKitRequest, FeedbackKind, Thread, ThreadItem } from './types';
import { Widget } from './widgets/Widget';
import type { Theme } from './widgets/style';

function initialTheme(): Theme {
  const saved = localStorage.getItem('chatkit-console-theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** `#/thread/<id>`, `#/gallery` or nothing. */
function route(): { page: 'chat' | 'gallery'; thread?: string } {
  const hash = window.location.hash;
  if (hash === '#/gallery') return { page: 'gallery' };
  const match = /^#\/thread\/(.+)$/.exec(hash);
  return { page: 'chat', thread: match ? decodeURIComponent(match[1]) : undefined };
}

function userInput(text: string) {
  return { content: [{ type: 'input_text' as const, text }], attachments: [], inference_options: {} };
}

export function App() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [where, setWhere] = useState(route);
  const [threads, setThreads] = useState<Thread[]>([]);
  const [view, setView] = useState<View>(empty);
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState('');
  const [notice, setNotice] = useState<string>();
  const abort = useRef<AbortController | null>(null);
  const threadId = where.thread;

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('chatkit-console-theme', theme);
  }, [theme]);

  useEffect(() => {
    const onHash = () => setWhere(route());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const refreshThreads = useCallback(async () => {
    try {
      setThreads((await listThreads()).data);
    } catch (error) {
      setNotice(String((error as Error).message));
    }
  }, []);

  useEffect(() => {
    void refreshThreads();
  }, [refreshThreads]);

  // Opening a thread loads its items (a reload shows what streamed).
  useEffect(() => {
    if (!threadId) {
      setView(empty);
      return;
    }
    if (busy) return;
    let live = true;
    loadItems(threadId)
      .then((items) => live && setView({ items }))
      .catch((error: Error) => live && setNotice(error.message));
    return () => {
      live = false;
    };
    // Only when the thread changes, not when a stream ends.
  }, [threadId]);

  /** Runs a streaming request into the open thread. */
  const run = useCallback(
    async (request: ChatKitRequest) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setBusy(true);
      setNotice(undefined);
      setView((v) => ({ ...v, error: undefined, progress: undefined, notices: undefined }));
      try {
        await stream(
          request,
          (event) => {
            if (event.type === 'thread.created') {
              window.location.hash = `#/thread/${encodeURIComponent(event.thread.id)}`;
              setThreads((list) => [event.thread, ...list.filter((t) => t.id !== event.thread.id)]);
            } else if (event.type === 'thread.updated') {
              setThreads((list) => list.map((t) => (t.id === event.thread.id ? event.thread : t)));
            }
            setView((v) => apply(v, event));
          },
          controller.signal,
        );
      } catch (error) {
        if (!controller.signal.aborted) {
          const message = error instanceof RequestError ? error.message : `The answer broke off (${String(error)}).`;
          setView((v) => ({ ...v, error: { message, allowRetry: true } }));
        }
      } finally {
        if (abort.current === controller) abort.current = null;
        setBusy(false);
        setView((v) => ({ ...v, progress: undefined }));
      }
    },
    [],
  );

  const send = () => {
    const text = draft.trim();
    if (!text || busy) return;
    setDraft('');
    if (threadId) {
      void run({ type: 'threads.add_user_message', params: { thread_id: threadId, input: userInput(text) } });
    } else {
      setView(empty);
      void run({ type: 'threads.create', params: { input: userInput(text) } });
    }
  };

  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const lastUser = [...view.items].reverse().find((i) => i.type === 'user_message');
  const retry = (item: ThreadItem) => {
    if (!threadId) return;
    const at = view.items.findIndex((i) => i.id === item.id);
    setView((v) => ({ ...v, items: v.items.slice(0, at + 1) }));
    void run({ type: 'threads.retry_after_item', params: { thread_id: threadId, item_id: item.id } });
  };

  const onAction = (item: ThreadItem, action: ActionConfig, values?: Record<string, unknown>) => {
    const payload = { ...(action.payload ?? {}), ...(values ?? {}) };
    if (action.handler === 'client') {
      if (action.type === 'open_link' && typeof payload.url === 'string') {
        window.open(payload.url, '_blank', 'noopener,noreferrer');
      } else {
        setNotice(`Client action “${action.type}” (handled in the browser): ${JSON.stringify(payload)}`);
      }
      return;
    }
    if (!threadId || busy) return;
    void run({
      type: 'threads.custom_action',
      params: { thread_id: threadId, item_id: item.id, action: { type: action.type, payload } },
    });
  };

  const onAnswer = (item: ThreadItem, answers: Answers) => {
    if (!threadId || busy) return;
    void run({
      type: 'threads.add_structured_input',
      params: { thread_id: threadId, item_id: item.id, input: answers },
    });
  };

  const onFeedback = (item: ThreadItem, kind: FeedbackKind) => {
    if (!threadId) return;
    call({ type: 'items.feedback', params: { thread_id: threadId, item_ids: [item.id], kind } })
      .then(() => setNotice(kind === 'positive' ? 'Thanks for the feedback.' : 'Feedback noted.'))
      .catch((error: Error) => setNotice(error.message));
  };

  return (
    <div className="console">
      <header>
        <a className="brand" href="#/">ChatKit console</a>
        <nav>
          <a href="#/gallery" aria-current={where.page === 'gallery' ? 'page' : undefined}>Widget gallery</a>
          <a href="/">Official UI</a>
          <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label="Switch theme">
            {theme === 'dark' ? '☀ Light' : '☾ Dark'}
          </button>
        </nav>
      </header>
      {where.page === 'gallery' ? (
        <main className="gallery" aria-label="Widget gallery">
          {(gallery as { name: string; widget: ChatKitWidgets }[]).map(({ name, widget }) => (
            <section key={name} className="gallery-entry" data-gallery={name}>
              <h2>{name}</h2>
              <Widget root={widget} host={{ theme, onAction: (action, values) => setNotice(`Action “${action.type}” ${JSON.stringify({ ...(action.payload ?? {}), ...(values ?? {}) })}`) }} />
            </section>
          ))}
        </main>
      ) : (
        <div className="chat">
          <aside aria-label="Threads">
            <button type="button" className="new-thread" onClick={() => (window.location.hash = '#/')}>+ New thread</button>
            <ul>
              {threads.map((thread) => (
                <li key={thread.id}>
                  <a href={`#/thread/${encodeURIComponent(thread.id)}`} aria-current={thread.id === threadId ? 'page' : undefined}>
                    {thread.title ?? 'Untitled'}
                  </a>
                </li>
              ))}
            </ul>
          </aside>
          <main aria-label="Thread" aria-busy={busy}>
            <div className="items" aria-live="polite">
              {view.items.length === 0 && !busy && <p className="empty">Ask something — try “show me a carousel” or “Πες μου για τα δάνεια μου”.</p>}
              {view.items.map((item) => (
                <Item
                  key={item.id}
                  item={item}
                  host={{ theme, busy, onAction, onAnswer, onFeedback, onRetry: retry, canRetry: (i) => i.id === lastUser?.id && !busy }}
                />
              ))}
              {view.notices?.map((notice, i) => (
                <p key={i} className={`stream-notice ${notice.level}`} role="status">
                  {notice.title && <strong>{notice.title}: </strong>}
                  {notice.message}
                </p>
              ))}
              {view.progress && <p className="progress" role="status">{view.progress}</p>}
              {view.error && (
                <div className="error" role="alert">
                  <span>{view.error.message}</span>
                  {lastUser && view.error.allowRetry && (
                    <button type="button" onClick={() => retry(lastUser)} disabled={busy}>Retry</button>
                  )}
                </div>
              )}
            </div>
            <form className="composer" onSubmit={(e) => { e.preventDefault(); send(); }}>
              <textarea
                aria-label="Message"
                placeholder="Message the agent (Enter sends, Shift+Enter for a new line)"
                value={draft}
                onChange={(e) => setDraft(e.currentTarget.value)}
                onKeyDown={onKey}
                rows={2}
                autoFocus
              />
              {busy ? (
                <button type="button" onClick={() => abort.current?.abort()}>Stop</button>
              ) : (
                <button type="submit" disabled={!draft.trim()}>Send</button>
              )}
            </form>
          </main>
        </div>
      )}
      {notice && (
        <div className="notice" role="status">
          {notice}
          <button type="button" aria-label="Dismiss" onClick={() => setNotice(undefined)}>×</button>
        </div>
      )}
    </div>
  );
}
