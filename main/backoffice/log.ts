/** The back office's log: one JSON object per line on stderr (a service manager collects it). */
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export interface BackOfficeLog {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function stderrLog(write: (line: string) => void = (l) => process.stderr.write(l)): BackOfficeLog {
  const at =
    (level: string) =>
    (event: string, fields: LogFields = {}) =>
      write(`${JSON.stringify({ at: new Date().toISOString(), level, event, ...fields })}\n`);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLog: BackOfficeLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
