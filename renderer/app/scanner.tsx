/**
 * Scans from a keyboard-wedge scanner, caught anywhere on the page with drivers/scanner's pure
 * detector (a burst of keys faster than anyone types) and never typed into the focused field.
 * The screen that wants scans now (`useScans`) gets them; the last one to ask wins, so a dialog's
 * handler shadows the screen's. A scan nobody wants is counted (the status bar shows the time of
 * the last scan) and dropped.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { WedgeDetector } from '../../drivers/scanner/wedge-detector';
import { attachWedge } from '../../drivers/scanner/wedge-dom';
import type { ScanEvent } from '../../drivers/scanner/types';

type Handler = { current: (scan: ScanEvent) => void };

interface ScanRegistry {
  push(h: Handler): () => void;
  lastScanAt: number | null;
}

const ScanContext = createContext<ScanRegistry | null>(null);

export function ScanProvider(props: { children: ReactNode; enabled?: boolean }) {
  const handlers = useRef<Handler[]>([]);
  const [lastScanAt, setLastScanAt] = useState<number | null>(null);
  const enabled = props.enabled ?? true;

  useEffect(() => {
    if (!enabled) return;
    const binding = attachWedge(window, new WedgeDetector({ sourceId: 'keyboard-wedge' }), (scan) => {
      setLastScanAt(scan.at);
      handlers.current.at(-1)?.current(scan);
    });
    return () => binding.detach();
  }, [enabled]);

  const push = useCallback((h: Handler) => {
    handlers.current.push(h);
    return () => {
      handlers.current = handlers.current.filter((x) => x !== h);
    };
  }, []);
  const registry = useMemo<ScanRegistry>(() => ({ push, lastScanAt }), [push, lastScanAt]);
  return <ScanContext.Provider value={registry}>{props.children}</ScanContext.Provider>;
}

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
