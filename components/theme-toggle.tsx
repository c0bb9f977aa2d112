'use client';
// Light / dark / system. The choice is stored and applied as <html data-theme>, which globals.css
// lets win over prefers-color-scheme; "system" removes the attribute.
import { useEffect, useState } from 'react';

type Theme = 'system' | 'light' | 'dark';
const LABEL: Record<Theme, string> = { system: '시스템', light: '밝게', dark: '어둡게' };
const NEXT: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>('system');

  useEffect(() => {
    const stored = localStorage.getItem('podbook:theme');
    // reading the stored choice once after hydration: the server cannot know it
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (stored === 'light' || stored === 'dark') setTheme(stored);
  }, []);

  const choose = (t: Theme) => {
    setTheme(t);
    if (t === 'system') {
      localStorage.removeItem('podbook:theme');
      delete document.documentElement.dataset.theme;
    } else {
      localStorage.setItem('podbook:theme', t);
      document.documentElement.dataset.theme = t;
    }
  };

  return (
    <button type="button" className="theme-toggle" onClick={() => choose(NEXT[theme])} aria-label={`화면 테마: ${LABEL[theme]} (바꾸기)`}>
      테마: {LABEL[theme]}
    </button>
  );
}
