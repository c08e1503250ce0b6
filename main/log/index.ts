export { createCoreLog, redactFields, DEFAULT_LOG_LEVEL, LOG_LEVEL_SETTING, LOG_LEVELS, TAIL_BYTES, TAIL_LINES } from './logger';
export type { CoreLog, CoreLogOptions, LogLevel } from './logger';
export { LOG_FILE, RotatingFile } from './rotating-file';
