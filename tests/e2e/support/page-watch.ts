import type { Page } from 'playwright-core';

export interface PageWatch {
  /** Console messages of type "error" and uncaught exceptions. */
  errors: string[];
  /** Every request that left the app's origin (the app must work offline once loaded). */
  foreignRequests: string[];
  /** Requests that failed or answered with an HTTP error status. */
  failedRequests: string[];
}

/** Records what a page did wrong from now on; attach it before the first navigation. */
export function watchPage(page: Page, origin: string): PageWatch {
  const watch: PageWatch = { errors: [], foreignRequests: [], failedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    const local = url.origin === origin || url.protocol === 'data:' || url.protocol === 'blob:';
    if (!local) watch.foreignRequests.push(request.url());
  });
  page.on('requestfailed', (request) => {
    watch.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      watch.failedRequests.push(`${response.url()}: ${response.status()}`);
  });
  return watch;
}
