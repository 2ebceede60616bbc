import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from 'react';

/** The app's own paths are under the Vite base (/app/): `/login` here is /app/login. */
const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

const current = () => ({
  path: location.pathname.slice(BASE.length) || '/',
  search: new URLSearchParams(location.search),
  /** A message for the page navigated to ("Post published"), kept in the history entry. */
  notice: (history.state as { notice?: string } | null)?.notice,
});

export function navigate(to: string, { replace = false, notice }: { replace?: boolean; notice?: string } = {}): void {
  const url = BASE + to;
  if (replace) history.replaceState({ notice }, '', url);
  else history.pushState({ notice }, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useLocation() {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => {
      setLocation(current());
      window.scrollTo(0, 0);
    };
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return location;
}

/** `/posts/:id/edit` against `/posts/12/edit`: `{ id: '12' }`, or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'))}/?$`);
  const found = regex.exec(path);
  return found ? Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])])) : undefined;
}

export function Link({ to, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    props.onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a {...props} href={BASE + to} onClick={onClick} />;
}
