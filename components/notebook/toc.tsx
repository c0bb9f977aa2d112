'use client';
// The table of contents: open on wide screens, folded on phones (it would push the chapter a
// screen down). The server renders it open so it works without JavaScript.
import { useEffect, useState, type ReactNode } from 'react';

export function TocDetails({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(true);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (window.matchMedia('(max-width: 48rem)').matches) setOpen(false);
  }, []);
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      {children}
    </details>
  );
}
