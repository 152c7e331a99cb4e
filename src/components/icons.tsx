import './icons.css';

/** Decorative icons (always aria-hidden by their container); 16 px, currentColor. */
const base = {
  width: 16,
  height: 16,
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.6,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  'aria-hidden': true,
  focusable: false,
} as const;

export const CrownIcon = () => (
  <svg {...base}>
    <path d="M2.5 12.5h11M3 10.5 2 4.5l3.5 2.5L8 3l2.5 4L14 4.5l-1 6z" />
  </svg>
);

export const ShieldOffIcon = () => (
  <svg {...base}>
    <path d="M8 1.8 13 3.6v4c0 2.9-2.1 5.3-5 6.6-1.3-.6-2.5-1.4-3.3-2.5M3.2 9.4A6 6 0 0 1 3 7.6v-4l3-1.1M1.8 1.8l12.4 12.4" />
  </svg>
);

export const QuestionIcon = () => (
  <svg {...base}>
    <circle cx="8" cy="8" r="6.2" />
    <path d="M6.3 6.2a1.8 1.8 0 1 1 2.5 1.7c-.5.2-.8.6-.8 1.1v.4M8 11.4v.1" />
  </svg>
);

export const CheckIcon = () => (
  <svg {...base}>
    <path d="m3.2 8.4 3 3 6.6-6.8" />
  </svg>
);

export const CrossIcon = () => (
  <svg {...base}>
    <path d="m4 4 8 8M12 4l-8 8" />
  </svg>
);

export const RunningIcon = () => (
  <svg {...base} className="icon--spin">
    <path d="M8 2a6 6 0 1 1-6 6" />
  </svg>
);

export const PendingIcon = () => (
  <svg {...base}>
    <circle cx="8" cy="8" r="5.5" strokeDasharray="2.2 2.2" />
  </svg>
);

export const SunIcon = () => (
  <svg {...base}>
    <circle cx="8" cy="8" r="3" />
    <path d="M8 1v1.6M8 13.4V15M1 8h1.6M13.4 8H15M3 3l1.1 1.1M11.9 11.9 13 13M3 13l1.1-1.1M11.9 4.1 13 3" />
  </svg>
);
