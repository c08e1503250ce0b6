/** Something is on its way (a node call, the outcome): said in words, not only drawn. */
export function Spinner(props: { label: string }) {
  return (
    <div className="spinner" role="status" aria-live="polite">
      <span className="spinner-dot" aria-hidden="true" />
      {props.label}
    </div>
  );
}
