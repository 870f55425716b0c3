import { useEffect, useRef } from 'preact/hooks';

/**
 * Keeps a screen current without a live stream: every 30 s while it is in view, and at once when
 * the person comes back to it (LINE keeps a LIFF app open in the background). A refresh that fails
 * keeps what is shown.
 */
export function useRefresh(refresh: () => unknown, everyMs = 30_000): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    const again = () => {
      if (document.visibilityState === 'visible') void latest.current();
    };
    const timer = setInterval(again, everyMs);
    document.addEventListener('visibilitychange', again);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', again);
    };
  }, [everyMs]);
}
