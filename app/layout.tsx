import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Podbook — 쿠버네티스 스터디 노트북',
  description:
    '한국어 쿠버네티스 스터디 노트를 실행 가능한 노트북으로 보여 주는 웹 앱. 기본으로 내장된 시뮬레이션 클러스터에서 명령을 실행합니다.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="ko">
      <body>
        <a className="skip-link" href="#main">
          본문으로 건너뛰기
        </a>
        {children}
      </body>
    </html>
  );
}
