export { DeviceService, type DeviceServiceDeps, type DeviceServiceOptions } from './service';
export { scannerChoiceOf, ScannerChoiceInvalid, WEDGE_SOURCE_ID } from './scanner-choice';
export { printerPresence, type Presence } from './printer-presence';
