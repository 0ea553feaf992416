// `/`: the official ChatKit UI (its runtime comes from OpenAI's CDN) in front of our server. When
// the CDN script cannot load (offline, blocked), a clear message points to /console.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ChatKit, useChatKit } from '@openai/chatkit-react';
import { options } from './config';
import './official.css';

const domainKey =
  document.querySelector<HTMLMetaElement>('meta[name="chatkit-domain-key"]')?.content ?? 'local-dev';

function prefersDark(): boolean {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

function Official() {
  const [scheme, setScheme] = useState<'light' | 'dark'>(prefersDark() ? 'dark' : 'light');
  const chatkit = useChatKit(options(domainKey, scheme));
  useEffect(() => {
    document.documentElement.dataset.theme = scheme;
  }, [scheme]);
  return (
    <div className="official">
      <header>
        <strong>ChatKit</strong>
        <nav>
          <a href="/console">Offline console</a>
          <button type="button" onClick={() => setScheme(scheme === 'dark' ? 'light' : 'dark')}>
            {scheme === 'dark' ? '☀ Light' : '☾ Dark'}
          </button>
        </nav>
      </header>
      <ChatKit control={chatkit.control} className="chatkit" />
    </div>
  );
}

function Unavailable() {
  return (
    <main className="unavailable" role="alert">
      <h1>The ChatKit UI could not load</h1>
      <p>
        The official ChatKit interface is served by OpenAI's CDN
        (<code>cdn.platform.openai.com</code>), which this browser cannot reach.
      </p>
      <p>
        <a href="/console">Open the offline console</a> — it talks to the same server and works without
        internet.
      </p>
    </main>
  );
}

/** The official ChatKit runtime, only served by OpenAI's CDN. */
const CHATKIT_JS = 'https://cdn.platform.openai.com/deployments/chatkit/chatkit.js';

/** Loads the CDN script (once) and waits for its `<openai-chatkit>` element, at most `ms`. */
function whenDefined(ms: number): Promise<boolean> {
  let script = document.querySelector<HTMLScriptElement>('script[src*="chatkit.js"]');
  if (!script) {
    script = document.createElement('script');
    script.src = CHATKIT_JS;
    script.async = true;
    script.addEventListener('error', () => {
      document.documentElement.dataset.chatkitCdn = 'failed';
    });
    document.head.appendChild(script);
  }
  if (document.documentElement.dataset.chatkitCdn === 'failed') return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    script.addEventListener('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    customElements.whenDefined('openai-chatkit').then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function Page() {
  const [state, setState] = useState<'loading' | 'ready' | 'unavailable'>(
    customElements.get('openai-chatkit') ? 'ready' : 'loading',
  );
  useEffect(() => {
    if (state === 'loading') void whenDefined(8000).then((ok) => setState(ok ? 'ready' : 'unavailable'));
  }, [state]);
  if (state === 'ready') return <Official />;
  if (state === 'unavailable') return <Unavailable />;
  return <p className="loading">Loading ChatKit…</p>;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Page />
    </StrictMode>,
  );
}
