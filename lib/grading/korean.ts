// Korean wording helpers: particles that agree with the word before them, and the Korean names
// of Kubernetes resource types as the Korean docs (kubernetes.io/ko) write them.

/** How a word ends, for choosing a particle: no final consonant, ㄹ, or another final consonant. */
type Ending = 'vowel' | 'rieul' | 'consonant';

// Digits as read in Sino-Korean: 영 일 이 삼 사 오 육 칠 팔 구.
const DIGIT_ENDINGS: Ending[] = ['consonant', 'rieul', 'vowel', 'consonant', 'vowel', 'vowel', 'consonant', 'rieul', 'rieul', 'vowel'];

/**
 * The ending of the last readable character. Latin names are read the way Korean speakers say
 * them: `hello-kiamol` (…몰), `web` (웹), `app` (앱) end in a consonant; `whoami` (후아미),
 * `nginx` (엔진엑스), `pod` (파드) in a vowel. Only l, m, n, b, p and a final `ng` count as
 * consonants, which is right for the names the books use.
 */
function endingOf(word: string): Ending {
  for (let i = word.length - 1; i >= 0; i--) {
    const ch = word[i];
    const code = ch.charCodeAt(0);
    if (code >= 0xac00 && code <= 0xd7a3) {
      const jong = (code - 0xac00) % 28;
      return jong === 0 ? 'vowel' : jong === 8 ? 'rieul' : 'consonant';
    }
    if (ch >= '0' && ch <= '9') return DIGIT_ENDINGS[code - 48];
    const lower = ch.toLowerCase();
    if (lower >= 'a' && lower <= 'z') {
      if (lower === 'l') return 'rieul';
      if ('mnbp'.includes(lower)) return 'consonant';
      if (lower === 'g' && word[i - 1]?.toLowerCase() === 'n') return 'consonant';
      return 'vowel';
    }
  }
  return 'vowel';
}

export type Particle = '을/를' | '이/가' | '은/는' | '과/와' | '으로/로' | '이다/다';

/** `word` followed by the form of `particle` that agrees with it: `whoami를`, `web을`, `kiamol로`. */
export function withParticle(word: string, particle: Particle): string {
  const ending = endingOf(word);
  const [afterConsonant, afterVowel] = particle.split('/');
  // (으)로 takes 로 after ㄹ as after a vowel: 서울로, 파일로.
  if (particle === '으로/로') return word + (ending === 'consonant' ? afterConsonant : afterVowel);
  return word + (ending === 'vowel' ? afterVowel : afterConsonant);
}

const RESOURCE_NAMES: Record<string, string> = {
  pods: '파드',
  deployments: '디플로이먼트',
  replicasets: '레플리카셋',
  services: '서비스',
  namespaces: '네임스페이스',
  nodes: '노드',
  configmaps: '컨피그맵',
  secrets: '시크릿',
  serviceaccounts: '서비스 어카운트',
  endpoints: '엔드포인트',
  endpointslices: '엔드포인트 슬라이스',
  events: '이벤트',
  limitranges: '리밋 레인지',
  resourcequotas: '리소스 쿼터',
  statefulsets: '스테이트풀셋',
  daemonsets: '데몬셋',
  jobs: '잡',
  cronjobs: '크론잡',
  ingresses: '인그레스',
  persistentvolumeclaims: '퍼시스턴트 볼륨 클레임',
  persistentvolumes: '퍼시스턴트 볼륨',
};

/** `디플로이먼트` for `deployments`; an unknown plural is shown as written. */
export function koreanResourceName(plural: string): string {
  return RESOURCE_NAMES[plural] ?? plural;
}
