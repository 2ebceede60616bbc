import { type ReactNode, useEffect, useState } from 'react';

/** http and https addresses in a text; a closing punctuation mark is the sentence's, not the link's. */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+?(?=[.,;:!?)\]'"]*(?:\s|$))/gi;

/**
 * A post's text with its web addresses as links. React writes the text as text (never as
 * HTML), and only addresses that parse as http: or https: become links.
 */
export function TextWithLinks({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const found of text.matchAll(URL_PATTERN)) {
    const href = safeHref(found[0]);
    if (!href) continue;
    parts.push(text.slice(last, found.index), <a key={found.index} href={href} rel="noopener noreferrer" target="_blank">{found[0]}</a>);
    last = found.index + found[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

function safeHref(candidate: string): string | undefined {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 minutes ago", "yesterday"; under a minute, "just now". */
export function ago(date: Date, now = Date.now()): string {
  const seconds = (date.getTime() - now) / 1000;
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  return 'just now';
}

/** Every relative time on the page moves on together, once a minute. */
function useMinute(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** A time as "3 minutes ago", the exact time on hover (title) and for machines (dateTime). */
export function RelativeTime({ iso }: { iso: string }) {
  const now = useMinute();
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={exact.format(date)}>
      {ago(date, now)}
    </time>
  );
}
