/** The CareBridge mark: a bridge arch over a medical cross. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="url(#cb-mark)" />
      <path d="M13 7h6v6h6v6h-6v6h-6v-6H7v-6h6z" fill="#fff" />
      <path
        d="M4 26c4-5 8-7 12-7s8 2 12 7"
        stroke="#bff3ea"
        strokeWidth="2"
        fill="none"
        strokeLinecap="round"
      />
      <defs>
        <linearGradient id="cb-mark" x1="0" y1="0" x2="32" y2="32">
          <stop offset="0" stopColor="#14a39a" />
          <stop offset="1" stopColor="#0b6f8a" />
        </linearGradient>
      </defs>
    </svg>
  );
}
