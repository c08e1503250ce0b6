/**
 * Key names for shortcuts, pure. A shortcut is written as the operator reads it on the button:
 * 'F4', 'Enter', 'Escape', 'Delete', 'ArrowDown', 'Ctrl+P', 'Alt+L'. Letters and digits are read
 * from the physical key (event.code), so Alt+L is Alt+L on an Italian, German or US keyboard.
 */
export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export function comboOf(e: KeyLike): string {
  let name = e.key;
  if (/^Key[A-Z]$/.test(e.code)) name = e.code.slice(3);
  else if (/^Digit\d$/.test(e.code)) name = e.code.slice(5);
  else if (name === ' ') name = 'Space';
  else if (name.length === 1) name = name.toUpperCase();
  const mods = [e.ctrlKey || e.metaKey ? 'Ctrl' : '', e.altKey ? 'Alt' : '', e.shiftKey && name.length > 1 ? 'Shift' : ''].filter(Boolean);
  return [...mods, name].join('+');
}

export const isFunctionKey = (combo: string): boolean => /^F([1-9]|1[0-2])$/.test(combo);

/**
 * May this combo fire while the focus is in a text field? Function keys, Enter, Escape and
 * Ctrl/Alt combinations yes; anything else (letters, digits, arrows, Delete) belongs to the field.
 */
export function firesInTextField(combo: string): boolean {
  return isFunctionKey(combo) || combo === 'Enter' || combo === 'Escape' || /^(Ctrl|Alt)\+/.test(combo);
}

/**
 * A combo in people's words, for the F1 help: each part through `word` (the locale's name of the
 * key, e.g. Enter -> "Invio", ArrowUp -> "↑", Ctrl -> "Strg"), left as it is when the locale has no
 * word for it (F4, letters, digits). 'Alt+ArrowUp' -> 'Alt+↑'.
 */
export function keyInWords(combo: string, word: (part: string) => string | undefined): string {
  // '+' joins parts; a combo ending in '+' names the plus key itself.
  const parts = combo.endsWith('++') ? [...combo.slice(0, -2).split('+'), '+'] : combo.split('+');
  return parts.map((p) => word(p) ?? p).join('+');
}
