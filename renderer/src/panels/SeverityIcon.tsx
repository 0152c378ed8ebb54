/**
 * An error or warning mark drawn inline: emoji such as ⛔ are missing from
 * the fonts many Linux machines have and showed as an empty box.
 */
export function SeverityIcon({ severity }: { severity: 'error' | 'warning' }) {
  const error = severity === 'error';
  return (
    <svg
      className={`severity-icon severity-${severity}`}
      data-testid={`severity-icon-${severity}`}
      viewBox="0 0 16 16"
      width="13"
      height="13"
      role="img"
      aria-label={error ? 'Error' : 'Warning'}
    >
      {error ? (
        <>
          <circle cx="8" cy="8" r="7" fill="#e05252" />
          <rect x="3.5" y="6.75" width="9" height="2.5" rx="0.5" fill="#fff" />
        </>
      ) : (
        <>
          <path d="M8 1.2 15.2 14.5H0.8Z" fill="#d9a23a" />
          <rect x="7.1" y="5.5" width="1.8" height="5" fill="#1b1e25" />
          <rect x="7.1" y="11.6" width="1.8" height="1.8" fill="#1b1e25" />
        </>
      )}
    </svg>
  );
}
