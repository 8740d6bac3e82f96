import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ConfigContext, loadConfig } from './app/config';
import { SessionProvider } from './app/session';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <ConfigContext.Provider value={config}>
          <SessionProvider>
            <App />
          </SessionProvider>
        </ConfigContext.Provider>
      </StrictMode>,
    ),
  (error: unknown) => {
    console.error(error);
    root.render(
      <main className="wrap">
        <h1>Audition Me cannot start</h1>
        <p role="alert">The app could not read its configuration (/config.json). Please reload the page in a minute.</p>
      </main>,
    );
  },
);
