/**
 * The one BrowserWindow's options, decided here and nowhere else (security checklist items 2-4, 6,
 * 8-10): context isolation, the process sandbox, no Node in the page, web security on, no insecure
 * content, no experimental features, no <webview>. The kiosk mode adds the kiosk flags.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { AppMode } from '../shell/mode';

export interface WindowChoice {
  mode: AppMode;
  /** Absolute path of preload.cjs. */
  preload: string;
}

export type WindowOptions = BrowserWindowConstructorOptions;

export function windowOptions({ mode, preload }: WindowChoice): WindowOptions {
  const kiosk = mode === 'kiosk';
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    title: 'sportello',
    autoHideMenuBar: true,
    // Citizens must not leave the app: no frame, always full screen, nothing to close it with.
    ...(kiosk ? { kiosk: true, fullscreen: true, frame: false, closable: false, minimizable: false, alwaysOnTop: true } : {}),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Devtools would hand a citizen or an operator the whole page.
      devTools: false,
      safeDialogs: true,
    },
  };
}

/** The page to open: the renderer's index with the mode in the fragment (never sent anywhere). */
export function windowUrl(origin: string, mode: AppMode): string {
  return `${origin}/index.html#mode=${mode}`;
}
