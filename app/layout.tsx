import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
// Korean fonts served from npm (@fontsource), never from a CDN: CI and study rooms may be offline.
// Only 400 and 700 are imported; each CSS file declares unicode-range subsets, so the browser
// fetches just the slices of Hangul a page actually uses.
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/700.css';
import '@fontsource/nanum-gothic-coding/400.css';
import '@fontsource/nanum-gothic-coding/700.css';
import './globals.css';
import { ThemeToggle } from '@/components/theme-toggle';

export const metadata: Metadata = {
  title: 'Podbook — 쿠버네티스 스터디 노트북',
  description:
    '한국어 쿠버네티스 스터디 노트를 실행 가능한 노트북으로 보여 주는 웹 앱. 기본으로 내장된 시뮬레이션 클러스터에서 명령을 실행합니다.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
};

// Applies the stored theme before first paint so a dark-mode reader never sees a white flash.
// "system" (no stored choice) leaves prefers-color-scheme in charge.
const themeScript = `try{var t=localStorage.getItem('podbook:theme');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="ko" suppressHydrationWarning>
      <body>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        <a className="skip-link" href="#main">
          본문으로 건너뛰기
        </a>
        <header className="site-header">
          <nav aria-label="사이트">
            <Link href="/" className="brand">
              Podbook
            </Link>
            <Link href="/">노트북 목록</Link>
            <Link href="/import">노트 가져오기</Link>
          </nav>
          <ThemeToggle />
        </header>
        {children}
      </body>
    </html>
  );
}
