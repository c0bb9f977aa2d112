// A placeholder home page until the notebook list exists. It stays a server component with no
// client JavaScript; everything here is reachable with the keyboard alone.

const planned = [
  {
    title: '노트북으로 읽는 스터디 노트',
    body: '『쿠버네티스 교과서』와 『시작하세요! 도커/쿠버네티스』를 공부하며 쓴 한국어 노트를 셀 단위 노트북으로 보여 줍니다. 설명, 명령, 매니페스트, 퀴즈, 실습이 각각 하나의 셀입니다.',
  },
  {
    title: '브라우저 안의 시뮬레이션 클러스터',
    body: '명령 셀의 kubectl은 기본으로 Podbook에 내장된 시뮬레이션 클러스터에서 실행됩니다. 파드가 스케줄되고, 이미지를 받고, 실행되는 과정을 설치 없이 따라가 볼 수 있습니다.',
  },
  {
    title: '원하면 진짜 클러스터로',
    body: '샌드박스용 실제 쿠버네티스 클러스터를 연결하면 같은 노트북을 그대로 실제 API 서버에 실행할 수 있습니다. 이 기능은 선택 사항입니다.',
  },
  {
    title: '함께 공부하기',
    body: '퀴즈는 바로 채점되고, 실습은 클러스터 상태를 확인해 통과 여부를 알려 줍니다. 스터디 그룹이 같은 노트북을 함께 볼 수 있도록 만들 예정입니다.',
  },
];

export default function HomePage() {
  return (
    <main id="main" tabIndex={-1}>
      <header className="hero">
        <p className="eyebrow">Podbook</p>
        <h1>쿠버네티스 스터디 노트북</h1>
        <p className="lead">
          Podbook은 한국어로 쓴 쿠버네티스 스터디 노트를 주피터처럼 실행할 수 있는 노트북으로
          바꿔 주는 웹 앱입니다. 읽다가 바로 <code>kubectl</code> 명령을 실행하고 결과를 확인해
          보세요.
        </p>
      </header>

      <section aria-labelledby="features-heading">
        <h2 id="features-heading">Podbook으로 할 수 있는 일</h2>
        <ul className="features">
          {planned.map((item) => (
            <li key={item.title}>
              <h3>{item.title}</h3>
              <p>{item.body}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="status-heading" className="status">
        <h2 id="status-heading">지금은 준비 중입니다</h2>
        <p>
          노트북 목록과 실행 화면은 아직 만들고 있습니다. 그동안 터미널에서{' '}
          <code>npx podbook --help</code>로 CLI 사용법을 볼 수 있습니다.
        </p>
      </section>
    </main>
  );
}
