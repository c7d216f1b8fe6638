import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The screen's h1. On each new screen it takes focus (so keyboard and screen-reader users land at the
 * start of the new content) and sets the document title.
 */
export function ScreenHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    // Not on the very first page load: there the browser's own focus start is expected.
    if (document.body.dataset.navigated === 'true') ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
