/**
 * What the page may not do (security checklist items 5, 11-14): navigate anywhere but our own
 * app (top frame or any subframe), open windows, attach a <webview>, or get any permission or device. Every handler denies;
 * nothing here ever grants. The renderer has no use for the camera, notifications, WebHID or Web
 * Serial: scanners and printers are driven by the core (drivers/), not by the page.
 * Electron's objects come in as parameters (types only from 'electron'), so tests can pass fakes.
 */
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
export type GuardedSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'
>;

/** Whether the page may go to `url`: only our own app (a reload, another file of ours). */
export function navigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

export function guardContents(contents: GuardedContents, log: (line: string) => void = () => undefined): void {
  const stay = (event: { preventDefault(): void }, url: string) => {
    if (navigationAllowed(url)) return;
    event.preventDefault();
    log('navigation away from the app blocked');
  };
  // details.url, not the deprecated positional url argument.
  contents.on('will-navigate', (details) => stay(details, details.url));
  contents.on('will-frame-navigate', (details) => stay(details, details.url));
  contents.on('will-redirect', (details) => stay(details, details.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => {
    log('a new window was refused');
    return { action: 'deny' };
  });
}

export function guardSession(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // A chooser would otherwise hand the page a device; an empty id cancels the request.
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
}
