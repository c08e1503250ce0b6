// Kiosk mode: what the app shell mounts for mode=kiosk.
export { KioskApp } from './KioskApp';
