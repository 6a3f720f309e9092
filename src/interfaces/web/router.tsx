/**
 * A small router on the History API: the app has five pages and keeps its filters in the query string, which
 * is all it needs. `useLocation` re-renders on navigation (links, back and forward); `navigate` pushes or
 * replaces a URL; `Link` is an anchor that navigates without a reload (and still opens in a new tab).
 */
import { type AnchorHTMLAttributes, type MouseEvent, useCallback, useSyncExternalStore } from "react";

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};
window.addEventListener("popstate", notify);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

/** Goes to a URL of the app; `replace` swaps the history entry (for filter changes). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.scrollTo?.(0, 0);
  notify();
}

/** The current path and query. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const url = useSyncExternalStore(subscribe, snapshot);
  const at = url.indexOf("?");
  return {
    path: at < 0 ? url : url.slice(0, at),
    query: new URLSearchParams(at < 0 ? "" : url.slice(at + 1)),
  };
}

/**
 * Filter state kept in the query string: `values` are the current parameters, `set` changes some of them
 * (undefined or "" removes one) and replaces the history entry.
 */
export function useQueryState(): {
  values: URLSearchParams;
  set: (changes: Record<string, string | null | undefined>) => void;
} {
  const { path, query } = useLocation();
  const set = useCallback(
    (changes: Record<string, string | null | undefined>) => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const text = next.toString();
      navigate(`${path}${text ? `?${text}` : ""}`, { replace: true });
    },
    [path],
  );
  return { values: query, set };
}

/** An anchor that navigates within the app; modified clicks (new tab, new window) behave as usual. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={click} {...rest} />;
}
