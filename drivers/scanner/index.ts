/**
 * The scanner drivers (Node side). The renderer imports wedge-detector.ts / wedge-dom.ts /
 * layouts.ts / types.ts directly instead: this index pulls in node-hid and serialport wrappers.
 */
export type {
  KeyboardLayout,
  PermissionFix,
  Scanner,
  ScannerEvents,
  ScannerStatus,
  ScanEvent,
  ScanSource,
  SourceKind,
  StatusKind,
  Terminator,
  UnavailableReason,
} from './types';
export { SOURCE_KINDS, STATUS_KINDS, UNAVAILABLE_REASONS } from './types';
export { DeviceUnavailable, classifyDeviceError, fixKey, reasonKey, statusKey, SCANNER_NAMESPACE } from './errors';
export { describeFix, dialoutFix, hidrawUdevFix, UDEV_RULES_FILE } from './permissions';
export { describeDevice, deviceKey } from './devices';
export { charFor, keyFor, KEYBOARD_LAYOUTS } from './layouts';
export { HidPosAssembler, HONEYWELL_HID_POS_LAYOUT, layoutFromDescriptor, type HidPosLayout, type HidPosRead } from './hid-pos';
export { BootKeyboardDecoder, type BootKeyboardOptions } from './hid-keyboard';
export { nodeHidBackend, isHidPosDevice, type HidBackend, type HidDeviceInfo, type HidHandle } from './hid-device';
export { HidScanner, type HidScannerOptions } from './hid-scanner';
export { SerialFramer, SUFFIXES, type Suffix } from './serial-framer';
export { listSerialPorts, type SerialPortInfo } from './serial-device';
export { SerialScanner, type SerialScannerOptions } from './serial-scanner';
export { ScannerManager, findDevice, type DeviceChoice, type DeviceMatch, type ScannerManagerOptions } from './manager';
export { WedgeDetector, WEDGE_DEFAULTS, type WedgeDecision, type WedgeKey, type WedgeOptions, type HeldKey } from './wedge-detector';
