// What Podbook prints for real kubectl commands and options it does not run (yet), in Korean and
// English, so a reader knows the cell did not reach a cluster.

/** `Podbook은 아직 'kubectl edit'을(를) 실행하지 않습니다. (Podbook does not run 'kubectl edit' yet.)` */
export function notSupportedMessage(what: string): string {
  return `Podbook은 아직 '${what}'을(를) 실행하지 않습니다. (Podbook does not run '${what}' yet.)\n`;
}
