/**
 * Scans from a keyboard-wedge scanner, caught anywhere on the page with drivers/scanner's pure
 * detector (a burst of keys faster than anyone types) and never typed into the focused field.
 * The screen that wants scans now (`useScans`) gets them; the last one to ask wins, so a dialog's
 * handler shadows the screen's. A scan nobody wants is counted (the status bar shows the time of
 * the last scan) and dropped. A read that evidently failed (cut short, no terminator: see
 * WedgeMisread) goes to no screen: the provider itself says "scan again" over whatever screen is
 * showing, until the next scan or a few seconds pass, so no screen refuses half a code as "not a
 * pagoPA code" and none of its keys reach a field.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { WedgeDetector, type WedgeMisread } from '../../drivers/scanner/wedge-detector';
import { attachWedge } from '../../drivers/scanner/wedge-dom';
import type { ScanEvent } from '../../drivers/scanner/types';
import { useI18n } from './i18n/I18nProvider';
import { useDeviceScans } from './device-scans';

/** How long "scan again" stays up when no scan follows. */
const MISREAD_SHOWN_MS = 8000;

type Handler = { current: (scan: ScanEvent) => void };

interface ScanRegistry {
  push(h: Handler): () => void;
  lastScanAt: number | null;
}

const ScanContext = createContext<ScanRegistry | null>(null);

export function ScanProvider(props: { children: ReactNode; enabled?: boolean }) {
  const handlers = useRef<Handler[]>([]);
  const [lastScanAt, setLastScanAt] = useState<number | null>(null);
  const [misread, setMisread] = useState<WedgeMisread | null>(null);
  const enabled = props.enabled ?? true;

  useEffect(() => {
    if (!enabled) return;
    const binding = attachWedge(
      window,
      new WedgeDetector({ sourceId: 'keyboard-wedge' }),
      (scan) => {
        setMisread(null);
        setLastScanAt(scan.at);
        handlers.current.at(-1)?.current(scan);
      },
      setMisread,
    );
    return () => binding.detach();
  }, [enabled]);
  // Scans the core read from a device scanner (device-scans.tsx) go to the same handler.
  useDeviceScans(enabled, (scan) => {
    setMisread(null);
    setLastScanAt(scan.at);
    handlers.current.at(-1)?.current(scan);
  });

  useEffect(() => {
    if (!misread) return;
    const timer = window.setTimeout(() => setMisread(null), MISREAD_SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [misread]);

  const push = useCallback((h: Handler) => {
    handlers.current.push(h);
    return () => {
      handlers.current = handlers.current.filter((x) => x !== h);
    };
  }, []);
  const registry = useMemo<ScanRegistry>(() => ({ push, lastScanAt }), [push, lastScanAt]);
  return (
    <ScanContext.Provider value={registry}>
      {props.children}
      {misread && <ScanAgain key={misread.at} messageKey={misread.messageKey} />}
    </ScanContext.Provider>
  );
}

/** "Scan again", on top of the screen (the app's stylesheet is the screens'; this stays put). */
function ScanAgain(props: { messageKey: string }) {
  const { t } = useI18n();
  return (
    <p className="scan-again" role="alert" data-testid="scan-again" style={SCAN_AGAIN_STYLE}>
      {t(props.messageKey)}
    </p>
  );
}

const SCAN_AGAIN_STYLE = {
  position: 'fixed',
  top: '4.5rem',
  left: '50%',
  transform: 'translateX(-50%)',
  zIndex: 1000,
  margin: 0,
  padding: '0.75rem 1.5rem',
  borderRadius: '0.5rem',
  background: '#8a1c1c',
  color: '#fff',
  fontSize: '1.25rem',
  fontWeight: 600,
  boxShadow: '0 2px 8px rgba(0, 0, 0, 0.35)',
} as const;

/** Receives scans while mounted and `active`. */
export function useScans(onScan: (scan: ScanEvent) => void, active = true): void {
  const registry = useContext(ScanContext);
  const ref = useRef(onScan);
  ref.current = onScan;
  const push = registry?.push;
  useEffect(() => (push && active ? push(ref) : undefined), [push, active]);
}

export function useLastScanAt(): number | null {
  return useContext(ScanContext)?.lastScanAt ?? null;
}
