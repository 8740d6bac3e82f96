import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { hasNavigated, useFlash } from '../app/router';

/**
 * One page: sets the document title, renders the page's only `<h1>`, and moves keyboard and screen-reader focus
 * to it after an in-app navigation, so the new page is announced.
 */
export function Page({
  title,
  children,
  lead,
}: {
  readonly title: string;
  readonly children?: ReactNode;
  readonly lead?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const flash = useFlash();
  useEffect(() => {
    document.title = `${title} · Audition Me`;
  }, [title]);
  useEffect(() => {
    if (hasNavigated()) heading.current?.focus();
  }, []);
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {lead && <p className="lead">{lead}</p>}
      {flash && (
        <p role="status" className="notice notice-success">
          {flash}
        </p>
      )}
      {children}
    </>
  );
}
