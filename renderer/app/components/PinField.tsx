/**
 * A PIN as typed: masked, the numeric keypad on touch screens, and only digits kept (at most 12), so
 * what reaches the core is always a string of digits whatever was pasted or typed.
 */
export const PIN_MAX_DIGITS = 12;

/** What a PIN field keeps of what was typed: the digits, no more than the longest PIN. */
export const pinDigits = (typed: string) => typed.replace(/\D/g, '').slice(0, PIN_MAX_DIGITS);

export function PinField(props: {
  label: string;
  name: string;
  value: string;
  onChange: (digits: string) => void;
  describedBy?: string;
  invalid?: boolean;
  autoComplete?: string;
  autoFocus?: boolean;
  disabled?: boolean;
}) {
  return (
    <label>
      <span>{props.label}</span>
      <input
        name={props.name}
        type="password"
        inputMode="numeric"
        autoComplete={props.autoComplete ?? 'off'}
        autoFocus={props.autoFocus}
        disabled={props.disabled}
        value={props.value}
        onChange={(e) => props.onChange(pinDigits(e.target.value))}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid}
      />
    </label>
  );
}
