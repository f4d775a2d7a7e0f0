import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { downloadScenario, Shell } from './Shell';
import './app.css';

const container = document.getElementById('root');
if (!container) {
  // index.html ships the #root element; without it there is nothing to render into.
  throw new Error('Missing #root element in index.html');
}

createRoot(container).render(
  <StrictMode>
    <ErrorBoundary onDownload={downloadScenario}>
      <Shell />
    </ErrorBoundary>
  </StrictMode>,
);
