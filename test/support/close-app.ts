import type { RunningApp } from './demo-app.js';

/**
 * Closes an app after its clients closed. The SDK clients' keep-alive sockets would otherwise
 * hold `app.close()` for ~4 s each (their pool's idle timeout), which adds up across suites.
 */
export async function closeApp(app: RunningApp | undefined): Promise<void> {
  if (!app) return;
  (app.app.getHttpServer() as { closeAllConnections?: () => void }).closeAllConnections?.();
  await app.close();
}
