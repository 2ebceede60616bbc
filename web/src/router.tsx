import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from 'react';

/** The app's own paths are under the Vite base (/app/): `/login` here is /app/login. */
const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

interface EntryState {
  /** A message for the page navigated to ("Your post was published."), shown once. */
  notice?: string;
  /** Where the page was scrolled when it was left, for Back and Forward. */
  scroll?: number;
}

const entryState = (): EntryState => (history.state as EntryState | null) ?? {};

const current = () => ({
  path: location.pathname.slice(BASE.length) || '/',
  search: new URLSearchParams(location.search),
  notice: entryState().notice,
});

export type Location = ReturnType<typeof current>;

/** The path and query of the page shown, as `navigate` takes it: `/all?search=x`. */
export const currentTarget = () => `${location.pathname.slice(BASE.length) || '/'}${location.search}`;

// Back and Forward put the scroll position back themselves (below), once the page is drawn.
history.scrollRestoration = 'manual';

/** While a page holds unsaved work, leaving it asks first (the editor). */
let leaveWarning: string | undefined;
export function useLeaveWarning(message: string | undefined): void {
  useEffect(() => {
    leaveWarning = message;
    if (!message) return;
    const unload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', unload);
    return () => {
      leaveWarning = undefined;
      window.removeEventListener('beforeunload', unload);
    };
  }, [message]);
}
const mayLeave = () => !leaveWarning || window.confirm(leaveWarning);

export function navigate(to: string, { replace = false, notice, force = false }: { replace?: boolean; notice?: string; force?: boolean } = {}): void {
  if (!force && !mayLeave()) return;
  leaveWarning = undefined;
  const url = BASE + to;
  if (replace) history.replaceState({ notice }, '', url);
  else {
    history.replaceState({ ...entryState(), notice: undefined, scroll: window.scrollY }, '');
    history.pushState({ notice }, '', url);
  }
  window.dispatchEvent(new CustomEvent('navigate'));
}

/** The notice of this history entry is shown once: Back or a reload does not bring it again. */
export function dropNotice(): void {
  if (entryState().notice) history.replaceState({ ...entryState(), notice: undefined }, '');
}

export function useLocation(): Location {
  const [shown, setShown] = useState(current);
  useEffect(() => {
    let here = location.href;
    let hereState = entryState();
    const show = (scroll: number) => {
      here = location.href;
      hereState = entryState();
      setShown(current());
      // After React has drawn the page (from the query cache when it was seen before).
      requestAnimationFrame(() => requestAnimationFrame(() => window.scrollTo(0, scroll)));
    };
    const onNavigate = () => show(0);
    const onPopState = () => {
      if (!mayLeave()) {
        // Stay: the entry left is put back on top.
        history.pushState(hereState, '', here);
        return;
      }
      leaveWarning = undefined;
      show(entryState().scroll ?? 0);
    };
    window.addEventListener('navigate', onNavigate);
    window.addEventListener('popstate', onPopState);
    return () => {
      window.removeEventListener('navigate', onNavigate);
      window.removeEventListener('popstate', onPopState);
    };
  }, []);
  return shown;
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
